import { ConvRowMenu } from '../components/conv-row-menu/conv-row-menu.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvRowMenu.define('conv-row-menu');
