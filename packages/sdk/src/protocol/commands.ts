// Acknowledged commands: the client emits (name, params, ack) and the server answers a Result.
// The same operations back the REST API. Adding a command is one edit here; the server's
// handler map and the SDK's typed `request()` are both checked against it.
import type { Channel, Contact, Conversation, ConversationFilter, InboxView, Label, Message, ReadState, SearchMatch, User } from './models.js';
import type { ProtocolError } from './errors.js';
import type { ServerEvent } from './events.js';

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A conversation in a list: shared fields plus the caller's own read state. */
export interface ConversationListItem {
  conversation: Conversation;
  readState: ReadState;
  /** Present in search results: what matched. */
  match?: SearchMatch;
}

/** Conversations a bulk action applies to: listed ids, or every one a view and filter match. */
export type BulkTarget = { ids: string[] } | { view: InboxView; filter: ConversationFilter };

export type BulkAction =
  | { type: 'archive' }
  | { type: 'unarchive' }
  | { type: 'markRead' }
  | { type: 'markUnread' }
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'addLabel'; labelId: string }
  | { type: 'removeLabel'; labelId: string }
  /** Adds a tag to each conversation's contact. */
  | { type: 'tagContacts'; tag: string };

export type ViewCounts = Record<InboxView, number>;

export interface Commands {
  /** Newest activity first, keyset-paginated. */
  'conversations.list': {
    params: ConversationFilter & { view?: InboxView; limit?: number; cursor?: string };
    result: Page<ConversationListItem>;
  };
  /** How many conversations each view holds under a filter (unread and starred: the caller's). */
  'conversations.counts': {
    params: ConversationFilter;
    result: ViewCounts;
  };
  /** Shared changes: archive/unarchive, assignee, labels. */
  'conversations.update': {
    params: { id: string; status?: 'open' | 'archived'; assigneeId?: string | null; addLabelIds?: string[]; removeLabelIds?: string[] };
    result: Conversation;
  };
  /** The caller's own marks: unread by hand, starred. */
  'conversations.mark': {
    params: { id: string; unread?: boolean; starred?: boolean };
    result: ReadState;
  };
  /** Admins only: the conversation and its messages are gone for good. */
  'conversations.delete': {
    params: { id: string };
    result: { id: string };
  };
  /**
   * One action on many conversations in one transaction, one event each. The server reports
   * progress to the calling socket as `bulk.progress` events carrying `operationId`.
   */
  'conversations.bulk': {
    params: { operationId: string; target: BulkTarget; action: BulkAction };
    result: { operationId: string; matched: number; changed: number };
  };
  'labels.list': {
    params: Record<string, never>;
    result: Label[];
  };
  'labels.create': {
    params: { name: string; color: string };
    result: Label;
  };
  /** Admins only: workspace settings (how many days the Recents view covers). */
  'workspace.update': {
    params: { recentDays?: number };
    result: import('./models.js').Workspace;
  };
  /** The workspace's agents, for the assignee picker. */
  'users.list': {
    params: Record<string, never>;
    result: User[];
  };
  'conversations.get': {
    params: { id: string };
    result: ConversationListItem;
  };
  /** Marks the thread read up to `seq` (default: its newest message) for the caller only. */
  'conversations.markRead': {
    params: { id: string; seq?: number };
    result: ReadState;
  };
  /** By seq: `before` pages back into history, `after` catches up; newest page when neither. */
  'messages.list': {
    params: { conversationId: string; before?: number; after?: number; limit?: number };
    result: { items: Message[]; hasMore: boolean };
  };
  /** Idempotent on clientId: a retry answers the message the first attempt created. */
  'messages.send': {
    params: { conversationId: string; clientId: string; body: string; channel?: Channel; kind?: 'message' | 'note'; mentions?: string[] };
    result: Message;
  };
  'contacts.get': {
    params: { id: string };
    result: Contact;
  };
  /**
   * Swaps the socket's token for a fresh one before the old one expires. The new token's role
   * and name apply from the next command on; the result carries the user as it now stands.
   */
  'session.refresh': {
    params: { token: string };
    result: { expiresAt: string; user: User };
  };
  /** Events after `seq`, oldest first. `hasMore` asks for another call from the last seq. */
  'events.since': {
    params: { seq: number; limit?: number };
    result: { events: ServerEvent[]; hasMore: boolean };
  };
}

export type CommandName = keyof Commands;
export type CommandParams<N extends CommandName> = Commands[N]['params'];
export type CommandResult<N extends CommandName> = Commands[N]['result'];

export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };
export type Ack<N extends CommandName> = (result: Result<CommandResult<N>>) => void;

// A record keyed by every command: the compiler refuses a command missing here.
const COMMAND_SET: Record<CommandName, true> = {
  'conversations.list': true,
  'conversations.counts': true,
  'conversations.get': true,
  'conversations.markRead': true,
  'conversations.update': true,
  'conversations.mark': true,
  'conversations.delete': true,
  'conversations.bulk': true,
  'labels.list': true,
  'labels.create': true,
  'users.list': true,
  'messages.list': true,
  'messages.send': true,
  'contacts.get': true,
  'events.since': true,
  'session.refresh': true,
  'workspace.update': true,
};

export const COMMAND_NAMES = Object.keys(COMMAND_SET) as readonly CommandName[];

export const PAGE_LIMIT_MAX = 100;
export const BODY_MAX_LENGTH = 10_000;
