// The agent's conversations: one shared cache (conversation-cache.ts) and any number of live
// lists over it (conversation-list.ts), all fed by the client's one socket and event stream.
// Actions on a conversation are optimistic where their result is known: the cache changes at
// once, so every list showing the conversation follows, and reverts if the server refuses.
//
// `store`, `setQuery`, `load` and the rest act on the default list: the inbox's, the one
// `<conv-inbox>` and its children share. `list()` makes more (a host's sections).
import type { BulkAction, BulkTarget, CommandParams, ViewCounts } from '../protocol/commands.js';
import type { ServerEvent } from '../protocol/events.js';
import type { Conversation, ConversationView, ReadState, Session } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { WritableStore, type Store } from '../store.js';
import type { BulkState } from './bulk-state.js';
import { CountsFollower } from './counts.js';
import { ConversationCache, stripView, toView, type ConversationsById } from './conversation-cache.js';
import { ConversationList, type ConversationQuery, type ConversationsState } from './conversation-list.js';
import { afterEvent, applyEvent, reloadAll, resumeLoads } from '../internal/hooks.js';

export type { ConversationQuery, ConversationsState } from './conversation-list.js';

export class ConversationsManager {
  readonly #transport: SocketTransport;
  readonly #session: () => Session | null;
  readonly #cache: ConversationCache;
  readonly #lists = new Set<ConversationList>();
  readonly #default: ConversationList;
  readonly #unread = new WritableStore<number | null>(null);
  readonly #badge: CountsFollower;

  constructor(transport: SocketTransport, session: () => Session | null) {
    this.#transport = transport;
    this.#session = session;
    this.#cache = new ConversationCache(() => session()?.user.id ?? '');
    this.#default = this.list();
    this.#badge = new CountsFollower(transport, () => ({}), (counts: ViewCounts) => this.#unread.set(counts.unread));
  }

  /**
   * A new live list, fed by this client's socket with every other list. It loads on `load()`;
   * `dispose()` it when it is no longer shown.
   */
  list(query: Partial<ConversationQuery> = {}): ConversationList {
    const list = new ConversationList(
      { transport: this.#transport, cache: this.#cache, session: this.#session, forget: (disposed) => this.#lists.delete(disposed) },
      { view: query.view ?? 'all', filter: query.filter ?? {} },
    );
    this.#lists.add(list);
    return list;
  }

  /** The default list (the inbox's). */
  get inbox(): ConversationList {
    return this.#default;
  }

  /** Every conversation the client knows, by id, whichever lists show it. */
  get byId(): Store<ConversationsById> {
    return this.#cache.store;
  }

  /** The default list's state. */
  get store(): Store<ConversationsState> {
    return this.#default.store;
  }

  /** This agent's unread conversations, whatever the lists show (for a badge), live. */
  get unread(): Store<number | null> {
    return this.#unread;
  }

  /** The default list's bulk progress. */
  get bulkState(): Store<BulkState> {
    return this.#default.bulkState;
  }

  load(): Promise<void> {
    return this.#default.load();
  }

  setQuery(change: Partial<ConversationQuery>): Promise<void> {
    return this.#default.setQuery(change);
  }

  reload(): Promise<void> {
    return this.#default.reload();
  }

  loadMore(): Promise<void> {
    return this.#default.loadMore();
  }

  /** On the default list. */
  bulk(target: BulkTarget, action: BulkAction): Promise<{ matched: number; changed: number }> {
    return this.#default.bulk(target, action);
  }

  /** Asks for the badge's counts and those of every list in use (the client does on every connect). */
  async refreshCounts(): Promise<void> {
    await Promise.all([this.#badge.now(), ...this.#inUse().map((list) => list.refreshCounts())]);
  }

  /** A session began: lists whose load failed for a reason that passes (no connection, a timeout) load again. */
  [resumeLoads](): void {
    for (const list of this.#lists) {
      const { status, error } = list.store.get();
      if (status === 'error' && error?.retryable) void list.reload();
    }
  }

  /** Loads every list in use again (after a resync: events were missed). */
  [reloadAll](): void {
    for (const list of this.#inUse()) void list.reload();
  }

  /** Returns one conversation, fetching it when it is not loaded (a deep link, say). */
  async fetch(id: string): Promise<ConversationView> {
    const known = this.#cache.get(id);
    if (known) return known;
    const item = await this.#transport.requestIdempotent('conversations.get', { id });
    this.#cache.upsert(item.conversation, item.readState);
    return this.#cache.get(id)!;
  }

  /** Marks the thread read for this agent, at once in every list and then on the server. */
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
    this.#cache.remove(id);
  }

  /** Applies one server event (called by the client in event-seq order). */
  [applyEvent](event: ServerEvent): void {
    this.#cache.apply(event);
    for (const list of this.#lists) list[afterEvent]();
  }

  /** Lists that have been loaded: a list never loaded costs no request. */
  #inUse(): ConversationList[] {
    return [...this.#lists].filter((list) => list.store.get().status !== 'idle');
  }

  async #markOptimistic(id: string, change: (state: ReadState, conversation: ConversationView) => ReadState, send: () => Promise<ReadState>): Promise<void> {
    const before = this.#cache.get(id);
    if (before) this.#cache.applyReadState(change(before.readState, before));
    try {
      this.#cache.applyReadState(await send());
    } catch (error) {
      // The server did not take it: show the conversation as it really is again.
      if (before) this.#cache.applyReadState(before.readState);
      throw error;
    }
  }

  async #updateOptimistic(id: string, change: (conversation: Conversation) => Conversation, params: Omit<CommandParams<'conversations.update'>, 'id'>): Promise<void> {
    const before = this.#cache.get(id);
    if (before) this.#cache.set(toView(change(stripView(before)), before.readState));
    try {
      const conversation = await this.#transport.request('conversations.update', { id, ...params });
      this.#cache.upsert(conversation, null);
    } catch (error) {
      const now = this.#cache.get(id);
      // Revert unless a newer server copy arrived meanwhile.
      if (before && now && now.version === before.version) this.#cache.set(before);
      throw error;
    }
  }
}
