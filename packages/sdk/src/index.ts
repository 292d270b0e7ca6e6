export { ConvClient, type ConvClientOptions } from './client.js';
export { ConvError, isConvError } from './errors.js';
export type { Store, LoadState } from './store.js';
export type { ConnectionStatus } from './transport/socket-transport.js';
export type { ConversationsState } from './managers/conversations.js';
export type { ThreadState, MessageView } from './managers/threads.js';
export type { ContactState } from './managers/contacts.js';
export type { SendInput } from './managers/messages.js';
export * from './protocol/index.js';
