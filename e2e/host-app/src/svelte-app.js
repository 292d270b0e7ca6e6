// A Svelte 5 host mounting the Inbox component that docs/embedding.md shows (the test writes it
// to src/inbox.svelte); the conversation it reports open goes into the page for the test to read.
import { mount } from 'svelte';
import Inbox from './inbox.svelte';

const params = new URLSearchParams(location.search);
mount(Inbox, {
  target: document.getElementById('root'),
  props: {
    url: params.get('server'),
    getToken: async () => params.get('token'),
    onopen: (conversationId) => (document.body.dataset.opened = conversationId),
  },
});
