// The conversation list as one agent sees it: shared conversation fields joined with that
// agent's own read state, kept live by events and ordered newest activity first.
import type { ConversationListItem } from '../protocol/commands.js';
import type { ServerEvent } from '../protocol/events.js';
import { isUnread, type Conversation, type ConversationView, type ReadState } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { ConvError, isConvError } from '../errors.js';
import { WritableStore, type LoadState, type Store } from '../store.js';

const PAGE_SIZE = 50;

export interface ConversationsState {
  status: LoadState;
  error: ConvError | null;
  /** Ids of open conversations in list order: newest activity first. */
  order: string[];
  byId: Record<string, ConversationView>;
  hasMore: boolean;
  loadingMore: boolean;
}

const INITIAL: ConversationsState = { status: 'idle', error: null, order: [], byId: {}, hasMore: false, loadingMore: false };

export class ConversationsManager {
  readonly #transport: SocketTransport;
  readonly #userId: () => string | null;
  readonly #store = new WritableStore<ConversationsState>(INITIAL);
  #cursor: string | null = null;
  #loading: Promise<void> | null = null;

  constructor(transport: SocketTransport, userId: () => string | null) {
    this.#transport = transport;
    this.#userId = userId;
  }

  get store(): Store<ConversationsState> {
    return this.#store;
  }

  /** Loads the first page; does nothing if it is loaded or loading. */
  load(): Promise<void> {
    if (this.#store.get().status === 'ready') return Promise.resolve();
    this.#loading ??= this.#loadFirstPage().finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** Drops what is loaded and loads the first page again (after a resync). */
  reload(): Promise<void> {
    this.#store.set({ ...INITIAL, status: 'loading' });
    this.#cursor = null;
    this.#loading = this.#loadFirstPage().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async loadMore(): Promise<void> {
    const state = this.#store.get();
    if (state.status !== 'ready' || !state.hasMore || state.loadingMore || !this.#cursor) return;
    this.#store.next({ loadingMore: true });
    try {
      const page = await this.#transport.requestIdempotent('conversations.list', { limit: PAGE_SIZE, cursor: this.#cursor });
      this.#cursor = page.nextCursor;
      this.#merge(page.items, { hasMore: page.nextCursor !== null, loadingMore: false });
    } catch (error) {
      this.#store.next({ loadingMore: false, error: toConvError(error) });
      throw error;
    }
  }

  /** Returns one conversation, fetching it when it is not loaded (a deep link, say). */
  async fetch(id: string): Promise<ConversationView> {
    const known = this.#store.get().byId[id];
    if (known) return known;
    const item = await this.#transport.requestIdempotent('conversations.get', { id });
    this.#merge([item], {});
    return this.#store.get().byId[id]!;
  }

  /** Marks the thread read for this agent, at once in the list and then on the server. */
  async markRead(id: string): Promise<void> {
    const view = this.#store.get().byId[id];
    if (view) this.#applyReadState({ ...view.readState, lastReadSeq: Math.max(view.readState.lastReadSeq, view.lastSeq), manualUnread: false });
    try {
      this.#applyReadState(await this.#transport.request('conversations.markRead', { id }));
    } catch (error) {
      // The server did not take it: show the thread as it really is again.
      if (view) this.#applyReadState(view.readState);
      throw error;
    }
  }

  /** Applies one server event (called by the client in event-seq order). */
  apply(event: ServerEvent): void {
    switch (event.type) {
      case 'message.created':
      case 'message.updated':
      case 'conversation.updated':
        this.#upsertConversation(event.data.conversation);
        break;
      case 'readstate.updated':
        if (event.data.readState.userId === this.#userId()) this.#applyReadState(event.data.readState);
        break;
      default:
        break;
    }
  }

  async #loadFirstPage(): Promise<void> {
    this.#store.next({ status: 'loading', error: null });
    try {
      const page = await this.#transport.requestIdempotent('conversations.list', { limit: PAGE_SIZE });
      this.#cursor = page.nextCursor;
      this.#merge(page.items, { status: 'ready', hasMore: page.nextCursor !== null });
    } catch (error) {
      this.#store.next({ status: 'error', error: toConvError(error) });
    }
  }

  #merge(items: ConversationListItem[], patch: Partial<ConversationsState>): void {
    const byId = { ...this.#store.get().byId };
    for (const { conversation, readState } of items) {
      const current = byId[conversation.id];
      const fresher = current && current.version > conversation.version ? current : conversation;
      const state = current && current.readState.lastReadSeq > readState.lastReadSeq ? current.readState : readState;
      byId[conversation.id] = toView(stripView(fresher), state);
    }
    this.#store.set({ ...this.#store.get(), ...patch, byId, order: orderOf(byId) });
  }

  #upsertConversation(conversation: Conversation): void {
    const state = this.#store.get();
    const current = state.byId[conversation.id];
    if (current && current.version >= conversation.version) return;
    const readState = current?.readState ?? emptyReadState(conversation.id, this.#userId() ?? '');
    const byId = { ...state.byId, [conversation.id]: toView(conversation, readState) };
    this.#store.set({ ...state, byId, order: orderOf(byId) });
  }

  #applyReadState(readState: ReadState): void {
    const state = this.#store.get();
    const current = state.byId[readState.conversationId];
    if (!current) return;
    const byId = { ...state.byId, [current.id]: toView(stripView(current), readState) };
    this.#store.set({ ...state, byId });
  }
}

function toView(conversation: Conversation, readState: ReadState): ConversationView {
  return { ...conversation, readState, unread: isUnread(conversation, readState) };
}

function stripView(view: Conversation | ConversationView): Conversation {
  const { readState: _readState, unread: _unread, ...conversation } = view as ConversationView;
  return conversation;
}

function emptyReadState(conversationId: string, userId: string): ReadState {
  return { conversationId, userId, lastReadSeq: 0, starred: false, manualUnread: false, mentioned: false };
}

/** Open conversations, newest activity first; ties broken by id so the order is stable. */
function orderOf(byId: Record<string, ConversationView>): string[] {
  return Object.values(byId)
    .filter((c) => c.status === 'open')
    .sort((a, b) => (a.lastActivityAt === b.lastActivityAt ? (a.id < b.id ? 1 : -1) : a.lastActivityAt < b.lastActivityAt ? 1 : -1))
    .map((c) => c.id);
}

export function toConvError(error: unknown): ConvError {
  return isConvError(error) ? error : new ConvError('internal', error instanceof Error ? error.message : String(error), { cause: error });
}
