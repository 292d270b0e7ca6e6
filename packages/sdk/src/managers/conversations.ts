// The conversation list as one agent sees it: shared conversation fields joined with that
// agent's own read state, for one view and filter at a time, kept live by events and ordered
// newest activity first. Actions on conversations are optimistic where their result is known.
import type { BulkAction, BulkTarget, CommandParams, ConversationListItem, ViewCounts } from '../protocol/commands.js';
import type { ServerEvent } from '../protocol/events.js';
import { isUnread, type Conversation, type ConversationFilter, type ConversationView, type InboxView, type ReadState, type SearchMatch, type Session } from '../protocol/models.js';
import { DEFAULT_RECENT_DAYS, inView, matchesFilter } from '../protocol/views.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { ConvError, isConvError } from '../errors.js';
import { WritableStore, type LoadState, type Store } from '../store.js';
import { BulkRunner, type BulkState } from './bulk.js';
import { CountsRefresher } from './counts.js';
import { sameFilter } from './filters.js';

const PAGE_SIZE = 50;

export interface ConversationQuery {
  view: InboxView;
  filter: ConversationFilter;
}

export interface ConversationsState {
  status: LoadState;
  error: ConvError | null;
  /** Ids in the current view and filter, in list order: newest activity first. */
  order: string[];
  /** Every conversation the client knows, in or out of the current view. */
  byId: Record<string, ConversationView>;
  hasMore: boolean;
  loadingMore: boolean;
  query: ConversationQuery;
  /** Each view's count under the current filter, live; null until first loaded. */
  counts: ViewCounts | null;
  /** With a search: why each listed conversation matched. */
  matches: Record<string, SearchMatch>;
}

const INITIAL: ConversationsState = {
  status: 'idle',
  error: null,
  order: [],
  byId: {},
  hasMore: false,
  loadingMore: false,
  query: { view: 'all', filter: {} },
  counts: null,
  matches: {},
};

export class ConversationsManager {
  readonly #transport: SocketTransport;
  readonly #session: () => Session | null;
  readonly #store = new WritableStore<ConversationsState>(INITIAL);
  readonly #bulk: BulkRunner;
  readonly #counts: CountsRefresher;
  /** Ids that belong to the current query (from its pages, or moved in by live changes). */
  #members = new Set<string>();
  #cursor: string | null = null;
  #loading: Promise<void> | null = null;
  /** Bumped by each new query, so answers to an older one are dropped. */
  #generation = 0;

  constructor(transport: SocketTransport, session: () => Session | null) {
    this.#transport = transport;
    this.#session = session;
    this.#bulk = new BulkRunner(transport);
    this.#counts = new CountsRefresher(transport, () => this.#store.get().query.filter, (counts) => this.#store.next({ counts }));
  }

  get store(): Store<ConversationsState> {
    return this.#store;
  }

  /** This agent's unread conversations, whatever the list shows (for a badge), live. */
  get unread(): Store<number | null> {
    return this.#counts.unread;
  }

  /** Asks for fresh counts now (the client does on every connect). */
  refreshCounts(): Promise<void> {
    return this.#counts.now();
  }

  /** Progress and outcome of the latest bulk action. */
  get bulkState(): Store<BulkState> {
    return this.#bulk.state;
  }

  /** Loads the first page; does nothing if it is loaded or loading. */
  load(): Promise<void> {
    if (this.#store.get().status === 'ready') return Promise.resolve();
    this.#loading ??= this.#loadFirstPage().finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** Switches the view and/or filter: the list and counts reload for it. */
  setQuery(change: Partial<ConversationQuery>): Promise<void> {
    const query = { ...this.#store.get().query, ...change };
    this.#store.next({ query, order: [], matches: {}, hasMore: false, counts: sameFilter(query.filter, this.#store.get().query.filter) ? this.#store.get().counts : null });
    return this.reload();
  }

  /** Loads the current query's first page again (after a resync, or a Retry). */
  reload(): Promise<void> {
    this.#cursor = null;
    this.#loading = this.#loadFirstPage().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async loadMore(): Promise<void> {
    const state = this.#store.get();
    if (state.status !== 'ready' || !state.hasMore || state.loadingMore || !this.#cursor) return;
    const generation = this.#generation;
    this.#store.next({ loadingMore: true });
    try {
      const page = await this.#transport.requestIdempotent('conversations.list', { ...this.#params(), cursor: this.#cursor });
      if (generation !== this.#generation) return;
      this.#cursor = page.nextCursor;
      this.#mergePage(page.items, { hasMore: page.nextCursor !== null, loadingMore: false });
    } catch (error) {
      if (generation === this.#generation) this.#store.next({ loadingMore: false, error: toConvError(error) });
      throw error;
    }
  }

  /** Returns one conversation, fetching it when it is not loaded (a deep link, say). */
  async fetch(id: string): Promise<ConversationView> {
    const known = this.#store.get().byId[id];
    if (known) return known;
    const item = await this.#transport.requestIdempotent('conversations.get', { id });
    this.#upsert(item.conversation, item.readState);
    return this.#store.get().byId[id]!;
  }

  /** Marks the thread read for this agent, at once in the list and then on the server. */
  markRead(id: string): Promise<void> {
    return this.#markOptimistic(id, (s, c) => ({ ...s, lastReadSeq: Math.max(s.lastReadSeq, c.lastSeq), manualUnread: false, mentioned: false }), () =>
      this.#transport.request('conversations.markRead', { id }),
    );
  }

  markUnread(id: string): Promise<void> {
    return this.#markOptimistic(id, (s) => ({ ...s, manualUnread: true }), () => this.#transport.request('conversations.mark', { id, unread: true }));
  }

  star(id: string, starred: boolean): Promise<void> {
    return this.#markOptimistic(id, (s) => ({ ...s, starred }), () => this.#transport.request('conversations.mark', { id, starred }));
  }

  archive(id: string): Promise<void> {
    return this.#updateOptimistic(id, (c) => ({ ...c, status: 'archived' }), { status: 'archived' });
  }

  unarchive(id: string): Promise<void> {
    return this.#updateOptimistic(id, (c) => ({ ...c, status: 'open' }), { status: 'open' });
  }

  assign(id: string, userId: string | null): Promise<void> {
    return this.#updateOptimistic(id, (c) => ({ ...c, assigneeId: userId }), { assigneeId: userId });
  }

  addLabel(id: string, labelId: string): Promise<void> {
    return this.#updateOptimistic(id, (c) => ({ ...c, labelIds: [...new Set([...c.labelIds, labelId])] }), { addLabelIds: [labelId] });
  }

  removeLabel(id: string, labelId: string): Promise<void> {
    return this.#updateOptimistic(id, (c) => ({ ...c, labelIds: c.labelIds.filter((l) => l !== labelId) }), { removeLabelIds: [labelId] });
  }

  /** Admins only: gone for good. Not optimistic: the server may refuse. */
  async delete(id: string): Promise<void> {
    await this.#transport.request('conversations.delete', { id });
    this.#remove(id);
  }

  /** One action on many conversations; `bulkState` shows its progress. */
  bulk(target: BulkTarget, action: BulkAction): Promise<{ matched: number; changed: number }> {
    return this.#bulk.run(target, action);
  }

  /** Applies one server event (called by the client in event-seq order). */
  apply(event: ServerEvent): void {
    switch (event.type) {
      case 'message.created':
      case 'message.updated':
      case 'conversation.updated':
        this.#upsert(event.data.conversation, null);
        break;
      case 'conversation.deleted':
        this.#remove(event.data.conversationId);
        break;
      case 'readstate.updated':
        if (event.data.readState.userId === this.#session()?.user.id) this.#applyReadState(event.data.readState);
        break;
      default:
        break;
    }
    this.#counts.afterChange();
  }

  #params() {
    const { view, filter } = this.#store.get().query;
    return { ...filter, view, limit: PAGE_SIZE };
  }

  async #loadFirstPage(): Promise<void> {
    const generation = ++this.#generation;
    this.#store.next({ status: 'loading', error: null });
    this.#counts.now();
    try {
      const page = await this.#transport.requestIdempotent('conversations.list', this.#params());
      if (generation !== this.#generation) return;
      this.#cursor = page.nextCursor;
      this.#members = new Set();
      this.#mergePage(page.items, { status: 'ready', hasMore: page.nextCursor !== null, matches: {} });
    } catch (error) {
      if (generation === this.#generation) this.#store.next({ status: 'error', error: toConvError(error) });
    }
  }

  #mergePage(items: ConversationListItem[], patch: Partial<ConversationsState>): void {
    const state = this.#store.get();
    const byId = { ...state.byId };
    const matches = { ...state.matches, ...patch.matches };
    for (const { conversation, readState, match } of items) {
      const current = byId[conversation.id];
      const fresher = current && current.version > conversation.version ? stripView(current) : conversation;
      byId[conversation.id] = toView(fresher, current && current.readState.lastReadSeq > readState.lastReadSeq ? current.readState : readState);
      this.#members.add(conversation.id);
      if (match) matches[conversation.id] = match;
    }
    this.#store.set({ ...state, ...patch, byId, matches, order: this.#order(byId) });
  }

  #upsert(conversation: Conversation, readState: ReadState | null): void {
    const state = this.#store.get();
    const current = state.byId[conversation.id];
    if (current && current.version > conversation.version && !readState) return;
    const fresher = current && current.version > conversation.version ? stripView(current) : conversation;
    const view = toView(fresher, readState ?? current?.readState ?? emptyReadState(conversation.id, this.#session()?.user.id ?? ''));
    if (current && current.version === view.version && current.readState === view.readState && sameConversation(current, view)) return;
    this.#setConversation(view);
  }

  #applyReadState(readState: ReadState): void {
    const current = this.#store.get().byId[readState.conversationId];
    if (current) this.#setConversation(toView(stripView(current), readState));
  }

  /** Puts one conversation in the cache and moves it into or out of the current view. */
  #setConversation(view: ConversationView): void {
    const state = this.#store.get();
    const byId = { ...state.byId, [view.id]: view };
    const searching = Boolean(state.query.filter.search?.trim());
    const belongs = this.#belongs(view, state.query);
    // A search is decided by the server: live changes never add to its results, only remove.
    if (belongs && !searching) this.#members.add(view.id);
    if (!belongs) this.#members.delete(view.id);
    this.#store.set({ ...state, byId, order: this.#order(byId) });
  }

  #remove(id: string): void {
    const state = this.#store.get();
    if (!state.byId[id]) return;
    const { [id]: _removed, ...byId } = state.byId;
    this.#members.delete(id);
    this.#store.set({ ...state, byId, order: this.#order(byId) });
  }

  #belongs(view: ConversationView, query: ConversationQuery): boolean {
    const session = this.#session();
    const ctx = { userId: session?.user.id ?? '', recentDays: session?.workspace.recentDays ?? DEFAULT_RECENT_DAYS, now: Date.now() };
    return inView(query.view, view, view.readState, ctx) && matchesFilter(query.filter, view, view.readState, ctx);
  }

  #order(byId: Record<string, ConversationView>): string[] {
    return [...this.#members]
      .map((id) => byId[id])
      .filter((c): c is ConversationView => Boolean(c))
      .sort((a, b) => (a.lastActivityAt === b.lastActivityAt ? (a.id < b.id ? 1 : -1) : a.lastActivityAt < b.lastActivityAt ? 1 : -1))
      .map((c) => c.id);
  }

  async #markOptimistic(id: string, change: (state: ReadState, conversation: ConversationView) => ReadState, send: () => Promise<ReadState>): Promise<void> {
    const before = this.#store.get().byId[id];
    if (before) this.#applyReadState(change(before.readState, before));
    try {
      this.#applyReadState(await send());
    } catch (error) {
      // The server did not take it: show the conversation as it really is again.
      if (before) this.#applyReadState(before.readState);
      throw error;
    }
  }

  async #updateOptimistic(id: string, change: (conversation: Conversation) => Conversation, params: Omit<CommandParams<'conversations.update'>, 'id'>): Promise<void> {
    const before = this.#store.get().byId[id];
    if (before) this.#setConversation(toView(change(stripView(before)), before.readState));
    try {
      const conversation = await this.#transport.request('conversations.update', { id, ...params });
      this.#upsert(conversation, null);
    } catch (error) {
      const now = this.#store.get().byId[id];
      // Revert unless a newer server copy arrived meanwhile.
      if (before && now && now.version === before.version) this.#setConversation(before);
      throw error;
    }
  }
}

function toView(conversation: Conversation, readState: ReadState): ConversationView {
  return { ...conversation, readState, unread: isUnread(conversation, readState) };
}

function stripView(view: Conversation | ConversationView): Conversation {
  const { readState: _readState, unread: _unread, ...conversation } = view as ConversationView;
  return conversation;
}

function sameConversation(a: ConversationView, b: ConversationView): boolean {
  return a.status === b.status && a.assigneeId === b.assigneeId && a.labelIds.join() === b.labelIds.join() && a.lastSeq === b.lastSeq;
}

function emptyReadState(conversationId: string, userId: string): ReadState {
  return { conversationId, userId, lastReadSeq: 0, starred: false, manualUnread: false, mentioned: false };
}

export function toConvError(error: unknown): ConvError {
  return isConvError(error) ? error : new ConvError('internal', error instanceof Error ? error.message : String(error), { cause: error });
}
