import { ConvViewTabs } from '../components/conv-view-tabs/conv-view-tabs.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvViewTabs.define('conv-view-tabs');
