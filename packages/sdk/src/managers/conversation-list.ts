// One live list of conversations: a view and filter (or a search), its members in order, its
// cursor, its counts and its bulk actions. Any number of lists share one client, one socket and
// one conversation cache (conversation-cache.ts): an event updates the cache once, and each list
// decides whether the rows it names still belong to it. Dispose a list to stop its work.
import type { BulkAction, BulkTarget, ViewCounts } from '../protocol/commands.js';
import type { ConversationFilter, ConversationView, InboxView, SearchMatch, Session } from '../protocol/models.js';
import { DEFAULT_RECENT_DAYS, inView, matchesFilter } from '../protocol/views.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { type ConvError, toConvError } from '../errors.js';
import { WritableStore, type LoadState, type Store } from '../store.js';
import type { BulkRunner } from './bulk.js';
import { IDLE_BULK, type BulkState } from './bulk-state.js';
import { CountsFollower } from './counts.js';
import { sameFilter } from './filters.js';
import { afterEvent } from '../internal/hooks.js';
import type { ConversationCache, ConversationsById } from './conversation-cache.js';

const PAGE_SIZE = 50;

export interface ConversationQuery {
  view: InboxView;
  filter: ConversationFilter;
}

export interface ConversationsState {
  status: LoadState;
  error: ConvError | null;
  /** Ids in this list's view and filter, in list order: newest activity first. */
  order: string[];
  /** Every conversation the client knows (the shared cache), in or out of this list. */
  byId: ConversationsById;
  hasMore: boolean;
  loadingMore: boolean;
  query: ConversationQuery;
  /** Each view's count under this list's filter, live; null until first loaded. */
  counts: ViewCounts | null;
  /** With a search: why each listed conversation matched. */
  matches: Record<string, SearchMatch>;
}

export interface ListContext {
  transport: SocketTransport;
  cache: ConversationCache;
  session(): Session | null;
  /** Called once the list is disposed, so the client stops feeding it. */
  forget(list: ConversationList): void;
}

export class ConversationList {
  readonly #context: ListContext;
  readonly #store: WritableStore<ConversationsState>;
  readonly #bulkState = new WritableStore<BulkState>(IDLE_BULK);
  #bulk: Promise<BulkRunner> | undefined;
  readonly #counts: CountsFollower;
  readonly #stopListening: () => void;
  /** Ids that belong to the query (from its pages, or moved in by live changes). */
  #members = new Set<string>();
  /** Ids live changes added since the first page was asked for: the page, older, may lack them. */
  #addedWhileLoading = new Set<string>();
  #cursor: string | null = null;
  #loading: Promise<void> | null = null;
  /** Bumped by each new query or reload, so answers to an older one are dropped. */
  #generation = 0;
  #disposed = false;

  constructor(context: ListContext, query: ConversationQuery) {
    this.#context = context;
    this.#store = new WritableStore<ConversationsState>({ status: 'idle', error: null, order: [], byId: context.cache.store.get(), hasMore: false, loadingMore: false, query, counts: null, matches: {} });
    this.#counts = new CountsFollower(context.transport, () => this.#store.get().query.filter, (counts) => this.#store.next({ counts }));
    this.#stopListening = context.cache.onChange((ids) => this.#cacheChanged(ids));
  }

  get store(): Store<ConversationsState> {
    return this.#store;
  }

  get query(): ConversationQuery {
    return this.#store.get().query;
  }

  /** Progress and outcome of this list's latest bulk action. */
  get bulkState(): Store<BulkState> {
    return this.#bulkState;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Loads the first page; does nothing if it is loaded or loading. */
  load(): Promise<void> {
    if (this.#disposed || this.#store.get().status === 'ready') return Promise.resolve();
    this.#loading ??= this.#loadFirstPage().finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** Switches the view and/or filter: the rows and counts reload for it, and no old row shows again. */
  setQuery(change: Partial<ConversationQuery>): Promise<void> {
    const before = this.#store.get().query;
    const query = { ...before, ...change };
    this.#members = new Set();
    this.#store.next({ query, order: [], matches: {}, hasMore: false, counts: sameFilter(query.filter, before.filter) ? this.#store.get().counts : null });
    return this.reload();
  }

  /** Loads the first page again (after a resync, or a Retry); the rows stay until it arrives. */
  reload(): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    this.#cursor = null;
    this.#loading = this.#loadFirstPage().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async loadMore(): Promise<void> {
    const state = this.#store.get();
    if (this.#disposed || state.status !== 'ready' || !state.hasMore || state.loadingMore || !this.#cursor) return;
    const generation = this.#generation;
    this.#store.next({ loadingMore: true });
    try {
      const page = await this.#context.transport.requestIdempotent('conversations.list', { ...this.#params(), cursor: this.#cursor });
      if (generation !== this.#generation) return;
      this.#cursor = page.nextCursor;
      this.#context.cache.mergePage(page.items);
      for (const item of page.items) this.#members.add(item.conversation.id);
      this.#publish({ hasMore: page.nextCursor !== null, loadingMore: false, matches: withMatches(this.#store.get().matches, page.items) });
    } catch (error) {
      if (generation === this.#generation) this.#store.next({ loadingMore: false, error: toConvError(error) });
      throw error;
    }
  }

  /** Asks for this list's counts now (the client does on every connect, for lists in use). */
  refreshCounts(): Promise<void> {
    return this.#disposed ? Promise.resolve() : this.#counts.now();
  }

  /** One action on many conversations; `bulkState` shows its progress. */
  async bulk(target: BulkTarget, action: BulkAction): Promise<{ matched: number; changed: number }> {
    // The runner comes with the first bulk action; a failed download shows as the action's
    // error, and the next action tries it again.
    this.#bulk ??= import('./bulk.js').then(({ BulkRunner }) => new BulkRunner(this.#context.transport, this.#bulkState));
    let runner: BulkRunner;
    try {
      runner = await this.#bulk;
    } catch (error) {
      this.#bulk = undefined;
      const failure = toConvError(error);
      this.#bulkState.set({ ...IDLE_BULK, status: 'error', action, error: failure });
      throw failure;
    }
    return runner.run(target, action);
  }

  /** A change happened somewhere (an event was applied): a search's counts are asked for again. */
  [afterEvent](): void {
    if (!this.#disposed && this.#store.get().status !== 'idle') this.#counts.afterChange();
  }

  /** Stops following events and counts; answers still on their way are dropped. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#generation++;
    this.#stopListening();
    this.#counts.dispose();
    this.#context.forget(this);
  }

  #params() {
    const { view, filter } = this.#store.get().query;
    return { ...filter, view, limit: PAGE_SIZE };
  }

  async #loadFirstPage(): Promise<void> {
    const generation = ++this.#generation;
    this.#addedWhileLoading = new Set();
    this.#store.next({ status: 'loading', error: null });
    try {
      // Asked for before the host connected the client, or while it reconnects: load once it is.
      await this.#context.transport.whenConnected();
      if (generation !== this.#generation) return;
      void this.#counts.now();
      const page = await this.#context.transport.requestIdempotent('conversations.list', this.#params());
      if (generation !== this.#generation) return;
      this.#cursor = page.nextCursor;
      this.#context.cache.mergePage(page.items);
      // The page, plus what live changes brought in while it was on its way (and still belongs).
      const members = new Set(page.items.map((item) => item.conversation.id));
      for (const id of this.#addedWhileLoading) if (this.#members.has(id)) members.add(id);
      this.#members = members;
      this.#publish({ status: 'ready', hasMore: page.nextCursor !== null, matches: withMatches({}, page.items) });
    } catch (error) {
      if (generation === this.#generation) this.#store.next({ status: 'error', error: toConvError(error) });
    }
  }

  #cacheChanged(ids: string[]): void {
    const { query, status } = this.#store.get();
    const byId = this.#context.cache.store.get();
    const searching = Boolean(query.filter.search?.trim());
    // Whether the rows or their order can differ: a member changed, came or went.
    let touched = false;
    for (const id of ids) {
      const view = byId[id];
      const belongs = view !== undefined && this.#belongs(view, query);
      if (this.#members.has(id)) touched = true;
      // A search is decided by the server: live changes never add to its results, only remove.
      if (belongs && !searching && status !== 'idle') {
        if (!this.#members.has(id)) this.#addedWhileLoading.add(id);
        if (!this.#members.has(id)) touched = true;
        this.#members.add(id);
      }
      if (!belongs) this.#members.delete(id);
    }
    // Another list's conversation: the same order, not sorted again; byId stays the cache's.
    this.#publish({}, !touched);
  }

  #publish(patch: Partial<ConversationsState>, sameOrder = false): void {
    const byId = this.#context.cache.store.get();
    const current = this.#store.get();
    this.#store.set({ ...current, ...patch, byId, order: sameOrder ? current.order : this.#order(byId) });
  }

  #belongs(view: ConversationView, query: ConversationQuery): boolean {
    const session = this.#context.session();
    const ctx = { userId: session?.user.id ?? '', recentDays: session?.workspace.recentDays ?? DEFAULT_RECENT_DAYS, now: Date.now() };
    return inView(query.view, view, view.readState, ctx) && matchesFilter(query.filter, view, view.readState, ctx);
  }

  #order(byId: ConversationsById): string[] {
    return [...this.#members]
      .map((id) => byId[id])
      .filter((c): c is ConversationView => Boolean(c))
      .sort((a, b) => (a.lastActivityAt === b.lastActivityAt ? (a.id < b.id ? 1 : -1) : a.lastActivityAt < b.lastActivityAt ? 1 : -1))
      .map((c) => c.id);
  }
}

function withMatches(matches: Record<string, SearchMatch>, items: { conversation: { id: string }; match?: SearchMatch }[]): Record<string, SearchMatch> {
  const merged = { ...matches };
  for (const { conversation, match } of items) if (match) merged[conversation.id] = match;
  return merged;
}
