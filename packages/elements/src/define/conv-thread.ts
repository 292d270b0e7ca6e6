import { ConvThread } from '../components/conv-thread/conv-thread.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvThread.define('conv-thread');
