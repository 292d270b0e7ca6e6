// The entry of the self-contained bundle (dist/convkit/convkit.js): one <script type="module">
// gives a host page every tag. What the list's first screen needs is defined here, at once; the
// rest (thread, composer, contact panel, row menu, bulk bar, the unread badge for the host's nav,
// and the connection banner, which shows only after seconds offline) comes from chunks beside
// the bundle on first use, including when the host writes those tags into its own page.
// The provider first, so that parts already in the page find it as they upgrade.
import './define/conv-provider.js';
import './define/conv-inbox.js';
import './define/conv-list.js';
import { defineOnSight } from './internal/define-on-sight.js';

defineOnSight(document);

export { defineLazily } from './internal/lazy-elements.js';
export { ConvElement } from './base/conv-element.js';
export { ConvClientElement } from './base/conv-client-element.js';
export { ConvProvider } from './components/conv-provider/conv-provider.js';
export { ConvInbox } from './components/conv-inbox/conv-inbox.js';
export { ConvList } from './components/conv-list/conv-list.js';
export { ConvViewTabs } from './components/conv-view-tabs/conv-view-tabs.js';
export { ConvFilterBar } from './components/conv-filter-bar/conv-filter-bar.js';
export { clientContext } from './context/client-context.js';
export { StoreController } from './controllers/store-controller.js';
export { ClientProviderController } from './controllers/client-provider-controller.js';
export { SelectionController } from './controllers/selection-controller.js';
export { ConvConversationSelectEvent } from './events/conversation-select.js';
export { ConvConversationSelectedEvent } from './events/conversation-selected.js';
export { ConvSelectionChangeEvent } from './events/selection-change.js';
export { ConvMessageSendEvent } from './events/message-send.js';
export { ConvMessageSentEvent } from './events/message-sent.js';
export { ConvBulkActionEvent } from './events/bulk-action.js';
export { ConvBulkCompleteEvent } from './events/bulk-complete.js';
// The classes of the lazily loaded elements are not exported here, which would put them in the
// initial download: `await defineLazily('conv-thread')`, then `customElements.get('conv-thread')`,
// or import them from @convkit/elements with a bundler.
export { registerTranslation, loadTranslation } from './i18n/localize.js';
export { VERSION } from './version.js';
export { ConvClient, ConvError, isConvError } from '@convkit/sdk';
