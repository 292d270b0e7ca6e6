// Wire shapes of the domain objects, as the server sends them. Dates are ISO 8601 strings.

/** Where a message travelled. Notes and activity cards have no channel. */
export type Channel = 'sms' | 'mms' | 'whatsapp' | 'email' | 'call' | 'chat' | 'facebook' | 'instagram';
export const CHANNELS: readonly Channel[] = ['sms', 'mms', 'whatsapp', 'email', 'call', 'chat', 'facebook', 'instagram'];

/** message: to or from the contact; note: internal, agents only; activity: host or system record; call: a call log. */
export type MessageKind = 'message' | 'note' | 'activity' | 'call';
export type Direction = 'inbound' | 'outbound';

/**
 * Forward-only lifecycle of an outbound message. `pending` exists only in the client, between
 * an optimistic send and the server's answer.
 */
export type MessageStatus =
  | 'pending'
  | 'scheduled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'received'
  | 'failed'
  | 'undelivered'
  | 'canceled';

export type AuthorType = 'user' | 'contact' | 'bot' | 'automation' | 'system';

export interface Author {
  type: AuthorType;
  id: string | null;
  name: string;
}

export interface ErrorInfo {
  code: string;
  message: string;
}

export interface Message {
  id: string;
  conversationId: string;
  /** Dense, per conversation, starting at 1: the thread's order. */
  seq: number;
  /** The sender's idempotency key (client-generated), when it came from a client. */
  clientId: string | null;
  kind: MessageKind;
  channel: Channel | null;
  direction: Direction | null;
  author: Author;
  body: string;
  subject: string | null;
  status: MessageStatus;
  error: ErrorInfo | null;
  createdAt: string;
  /** Kind-specific extras: call duration, activity link, and so on. */
  meta: Record<string, unknown>;
}

export type ConversationStatus = 'open' | 'archived';

export interface ContactSummary {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  /** Host-defined role (client, agent, inspector…): hosts may show groups as sections. */
  group: string | null;
}

/** A workspace-defined, coloured label on conversations (tags belong to contacts). */
export interface Label {
  id: string;
  name: string;
  /** A CSS colour, e.g. #0f766e */
  color: string;
}

export interface LastMessage {
  preview: string;
  channel: Channel | null;
  kind: MessageKind;
  direction: Direction | null;
  at: string;
}

export interface Conversation {
  id: string;
  contact: ContactSummary;
  status: ConversationStatus;
  assigneeId: string | null;
  /** Ids of the workspace labels on this conversation. */
  labelIds: string[];
  /** Every channel the thread has a message on (what the channel filter matches). */
  channels: Channel[];
  lastMessage: LastMessage | null;
  lastActivityAt: string;
  /** The channel the contact last wrote on: the composer's default reply channel. */
  lastInboundChannel: Channel | null;
  /** Seq of the newest message in the thread. */
  lastSeq: number;
  /** Seq of the newest inbound message: unread when above the agent's lastReadSeq. */
  lastInboundSeq: number;
  createdAt: string;
  /**
   * The workspace event seq of the conversation's latest change: of two copies, the higher
   * version is the newer one (a page fetched before an event must not undo it).
   */
  version: number;
}

/** One agent's own state for one conversation. */
export interface ReadState {
  conversationId: string;
  userId: string;
  lastReadSeq: number;
  starred: boolean;
  manualUnread: boolean;
  /** A note in the thread @mentions this agent. */
  mentioned: boolean;
}

/** A conversation as one agent sees it: shared fields plus that agent's read state. */
export interface ConversationView extends Conversation {
  readState: ReadState;
  unread: boolean;
}

export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  phone: string | null;
  email: string | null;
  group: string | null;
  tags: string[];
  externalId: string | null;
  createdAt: string;
}

export type Role = 'admin' | 'agent';

export interface User {
  id: string;
  externalId: string;
  name: string;
  email: string | null;
  role: Role;
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  /** How many days of activity the Recents view covers (14 unless the workspace changed it). */
  recentDays: number;
}

/**
 * The limits this socket's commands are held to, so a client can keep within them instead of
 * being refused: at most `inFlight` commands awaiting an answer, and a token bucket of `burst`
 * commands refilled at `perSecond`.
 */
export interface SessionLimits {
  inFlight: number;
  burst: number;
  perSecond: number;
}

/** What the server tells a socket right after it connects. */
export interface Session {
  user: User;
  workspace: Workspace;
  /** The newest event seq at connect time: where reconnect sync starts. */
  latestEventSeq: number;
  limits: SessionLimits;
}

/** The list's views. Unread and Starred are the agent's own; Archived is everyone's. */
export type InboxView = 'all' | 'unread' | 'recents' | 'starred' | 'archived';
export const INBOX_VIEWS: readonly InboxView[] = ['all', 'unread', 'recents', 'starred', 'archived'];

/**
 * What narrows a list; combinable with every view. Ids are resolved in the caller's workspace.
 * `assignee`: 'me', 'unassigned' or a user id.
 */
export interface ConversationFilter {
  assignee?: string;
  channel?: Channel;
  labelId?: string;
  /** A contact group (host-defined role). */
  group?: string;
  /** Only conversations with a note that @mentions the caller. */
  mentionsMe?: boolean;
  /** Contact first/last name, phone in any typed format, email, or message text. */
  search?: string;
}

/** Why a search result matched: the text to show with [start, end) ranges to highlight. */
export interface SearchMatch {
  field: 'name' | 'phone' | 'email' | 'message';
  snippet: string;
  highlights: [number, number][];
  /** For a message match: its id and seq, to jump to it in the thread. */
  messageId?: string;
  seq?: number;
}

/** Unread for one agent: a new inbound since they last read, or marked unread by hand. */
export function isUnread(conversation: Pick<Conversation, 'lastInboundSeq'>, readState: Pick<ReadState, 'lastReadSeq' | 'manualUnread'>): boolean {
  return readState.manualUnread || conversation.lastInboundSeq > readState.lastReadSeq;
}
