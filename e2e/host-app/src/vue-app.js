// A Vue 3 host mounting the Inbox component that docs/embedding.md shows (the test writes it to
// src/Inbox.vue); the conversation it reports open goes into the page for the test to read.
import { createApp } from 'vue';
import Inbox from './Inbox.vue';

const params = new URLSearchParams(location.search);
createApp(Inbox, {
  url: params.get('server'),
  getToken: async () => params.get('token'),
  onOpen: (conversationId) => (document.body.dataset.opened = conversationId),
}).mount('#root');
