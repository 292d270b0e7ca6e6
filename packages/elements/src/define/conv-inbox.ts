import { ConvInbox } from '../components/conv-inbox/conv-inbox.js';
import { attachContextRoot } from '../context/context-root.js';
import './conv-list.js';

attachContextRoot();
ConvInbox.define('conv-inbox');
