// Server events. Every one carries the workspace's event seq, emitted only after its
// transaction committed: a client that has applied seq N has seen everything below N.
import type { Contact, Conversation, ConversationFilter, Label, Message, ReadState } from './models.js';
import type { ViewCounts } from './commands.js';

export interface EventPayloads {
  'message.created': { message: Message; conversation: Conversation };
  'message.updated': { message: Message; conversation: Conversation };
  'conversation.updated': { conversation: Conversation };
  /** Gone for good (an admin deleted it): drop it and its thread. */
  'conversation.deleted': { conversationId: string };
  'label.created': { label: Label };
  'workspace.updated': { workspace: import('./models.js').Workspace };
  'contact.updated': { contact: Contact };
  /** One agent's read state; clients apply only their own. */
  'readstate.updated': { readState: ReadState };
}

export type EventType = keyof EventPayloads;

export type ServerEvent = {
  [T in EventType]: { seq: number; type: T; data: EventPayloads[T]; at: string };
}[EventType];

/** Counts pushed to a socket (ServerToClientEvents.counts). */
export interface CountsUpdate {
  filter: ConversationFilter;
  counts: ViewCounts;
}

/** Socket.IO event names, server to client. */
export interface ServerToClientEvents {
  event: (event: ServerEvent) => void;
  session: (session: import('./models.js').Session) => void;
  /**
   * New view counts under a filter this socket asked `conversations.counts` for, sent when they
   * change: the client need not ask again after events. Not part of the event log.
   */
  counts: (update: CountsUpdate) => void;
  /** Progress of the caller's own bulk action; not part of the event log. */
  'bulk.progress': (progress: { operationId: string; done: number; total: number }) => void;
  /** The token expired or was revoked: the socket is about to close; fetch a new token. */
  'session.expired': () => void;
  /**
   * The server is about to close this socket, and why: `rate_limited` when it kept sending
   * commands after being refused. Reconnect no sooner than `details.retryAfterMs`.
   */
  'session.closed': (reason: import('./errors.js').ProtocolError) => void;
}
