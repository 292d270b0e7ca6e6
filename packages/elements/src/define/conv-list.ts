import { ConvList } from '../components/conv-list/conv-list.js';
import { attachContextRoot } from '../context/context-root.js';
import './conv-filter-bar.js';
import './conv-view-tabs.js';

attachContextRoot();
ConvList.define('conv-list');
