import { ConvUnreadBadge } from '../components/conv-unread-badge/conv-unread-badge.js';
import { attachContextRoot } from '../context/context-root.js';

attachContextRoot();
ConvUnreadBadge.define('conv-unread-badge');
