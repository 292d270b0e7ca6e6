// Every element, defined: the entry of the self-contained bundle (dist/convkit.bundle.js).
// The provider first, so that parts already in the page find it as they upgrade.
import './define/conv-provider.js';
import './define/conv-inbox.js';
import './define/conv-list.js';
import './define/conv-view-tabs.js';
import './define/conv-filter-bar.js';
import './define/conv-bulk-bar.js';
import './define/conv-row-menu.js';
import './define/conv-thread.js';
import './define/conv-composer.js';
import './define/contact-panel.js';
import './define/conv-connection-status.js';
import './define/conv-unread-badge.js';

export * from './index.js';
export { ConvClient, ConvError, isConvError } from '@convkit/sdk';
