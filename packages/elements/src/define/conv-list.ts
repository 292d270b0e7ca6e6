import { ConvList } from '../components/conv-list/conv-list.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvList.define('conv-list');
