import { ConvBulkBar } from '../components/conv-bulk-bar/conv-bulk-bar.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvBulkBar.define('conv-bulk-bar');
