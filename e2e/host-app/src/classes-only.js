// A host that imports only the classes and registers the inbox under its own tag name: the
// inbox defines the parts it renders (list, thread, composer…) under Convkit's names itself.
import { ConvClient } from '@convkit/sdk';
import { ConvInbox } from '@convkit/elements';

customElements.define('acme-inbox', class extends ConvInbox {});

const params = new URLSearchParams(location.search);
document.querySelector('acme-inbox').client = new ConvClient({ url: params.get('server'), tokenProvider: async () => params.get('token') });
