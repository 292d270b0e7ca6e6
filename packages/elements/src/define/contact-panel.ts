import { ContactPanel } from '../components/contact-panel/contact-panel.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ContactPanel.define('contact-panel');
