import { ConvConnectionStatus } from '../components/conv-connection-status/conv-connection-status.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvConnectionStatus.define('conv-connection-status');
