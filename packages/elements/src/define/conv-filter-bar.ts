import { ConvFilterBar } from '../components/conv-filter-bar/conv-filter-bar.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvFilterBar.define('conv-filter-bar');
