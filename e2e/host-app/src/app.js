// The host's own front-end, written as docs/embedding.md shows: the SDK, define/ modules, and a
// class under the host's own tag name.
import { ConvClient } from '@convkit/sdk';
import '@convkit/elements/define/conv-inbox.js'; // defines <conv-inbox> and the parts it uses
import '@convkit/elements/define/conv-unread-badge.js';
import { ConvList } from '@convkit/elements';

// A class is registered once per page: a subclass takes the host's own name.
customElements.define('acme-list', class extends ConvList {});

const params = new URLSearchParams(location.search);
const client = new ConvClient({ url: params.get('server'), tokenProvider: async () => params.get('token') });
for (const element of document.querySelectorAll('conv-inbox, conv-unread-badge, acme-list')) element.client = client;
window.convkitClient = client;
