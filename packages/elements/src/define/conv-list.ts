import { ConvList } from '../components/conv-list/conv-list.js';
import { attachContextRoot } from '../context/context-root.js';
import './conv-filter-bar.js';
import './conv-view-tabs.js';
import './conv-bulk-bar.js';
import './conv-row-menu.js';

attachContextRoot();
ConvList.define('conv-list');
