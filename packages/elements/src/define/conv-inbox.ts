import { ConvInbox } from '../components/conv-inbox/conv-inbox.js';
import { attachContextRoot } from '../context/context-root.js';
import './conv-connection-status.js';
import './conv-list.js';
import './conv-thread.js';
import './conv-composer.js';
import './contact-panel.js';

attachContextRoot();
ConvInbox.define('conv-inbox');
