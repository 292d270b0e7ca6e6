// One live store per open thread: confirmed messages in seq order, then optimistic sends.
import type { ServerEvent } from '../protocol/events.js';
import type { Message } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { ConvError, toConvError } from '../errors.js';
import { WritableStore, type LoadState, type Store } from '../store.js';
import { applyEvent, reloadAll, upsertMessages } from '../internal/hooks.js';

const PAGE_SIZE = 50;

/** A message as a thread shows it: `pending` while an optimistic send awaits the server. */
export type MessageView = Message & { pending: boolean };

export interface ThreadState {
  status: LoadState;
  error: ConvError | null;
  /** Ascending seq; optimistic sends (not yet numbered) at the end in the order sent. */
  messages: MessageView[];
  hasMoreBefore: boolean;
  loadingOlder: boolean;
}

const INITIAL: ThreadState = { status: 'idle', error: null, messages: [], hasMoreBefore: false, loadingOlder: false };

// Forward-only status: a late or repeated update must never move a message back.
const STATUS_RANK: Record<Message['status'], number> = {
  pending: 0, scheduled: 1, queued: 2, sending: 3, sent: 4, received: 4, delivered: 5, read: 6, failed: 7, undelivered: 7, canceled: 7,
};

export class ThreadsManager {
  readonly #transport: SocketTransport;
  readonly #threads = new Map<string, WritableStore<ThreadState>>();

  constructor(transport: SocketTransport) {
    this.#transport = transport;
  }

  /** The live store of one thread; the first call starts loading its newest page. */
  get(conversationId: string): Store<ThreadState> {
    return this.#thread(conversationId);
  }

  async loadOlder(conversationId: string): Promise<void> {
    const store = this.#thread(conversationId);
    const state = store.get();
    const oldest = state.messages.find((m) => !m.pending);
    if (state.status !== 'ready' || !state.hasMoreBefore || state.loadingOlder || !oldest) return;
    store.next({ loadingOlder: true });
    try {
      const page = await this.#transport.requestIdempotent('messages.list', { conversationId, before: oldest.seq, limit: PAGE_SIZE });
      store.set({ ...store.get(), messages: mergeMessages(store.get().messages, page.items), hasMoreBefore: page.hasMore, loadingOlder: false });
    } catch (error) {
      store.next({ loadingOlder: false, error: toConvError(error) });
    }
  }

  /** Loads a thread's newest page again (the Retry of a thread that failed to load). */
  reload(conversationId: string): Promise<void> {
    return this.#loadNewest(conversationId, this.#thread(conversationId, false));
  }

  /** Reloads every thread that is open (after a resync). */
  [reloadAll](): void {
    for (const [conversationId, store] of this.#threads) void this.#loadNewest(conversationId, store);
  }

  [applyEvent](event: ServerEvent): void {
    if (event.type === 'conversation.deleted') {
      this.#threads.get(event.data.conversationId)?.set({ ...INITIAL, status: 'error', error: new ConvError('not_found', 'This conversation was deleted.') });
      return;
    }
    if (event.type !== 'message.created' && event.type !== 'message.updated') return;
    const store = this.#threads.get(event.data.message.conversationId);
    if (store) upsert(store, [event.data.message]);
  }

  /** Adds or replaces messages, matching optimistic ones by clientId. */
  [upsertMessages](conversationId: string, messages: MessageView[]): void {
    upsert(this.#thread(conversationId, false), messages);
  }

  #thread(conversationId: string, load = true): WritableStore<ThreadState> {
    let store = this.#threads.get(conversationId);
    if (!store) {
      store = new WritableStore<ThreadState>(INITIAL);
      this.#threads.set(conversationId, store);
      if (load) void this.#loadNewest(conversationId, store);
    }
    return store;
  }

  async #loadNewest(conversationId: string, store: WritableStore<ThreadState>): Promise<void> {
    store.next({ status: 'loading', error: null });
    try {
      const page = await this.#transport.requestIdempotent('messages.list', { conversationId, limit: PAGE_SIZE });
      const current = store.get();
      store.set({ ...current, status: 'ready', messages: mergeMessages(current.messages, page.items), hasMoreBefore: page.hasMore });
    } catch (error) {
      store.next({ status: 'error', error: toConvError(error) });
    }
  }
}

function upsert(store: WritableStore<ThreadState>, messages: (Message | MessageView)[]): void {
  store.next({ messages: mergeMessages(store.get().messages, messages) });
}

/** Merges by id (or clientId for optimistic ones); keeps the further-along status. */
export function mergeMessages(current: MessageView[], incoming: (Message | MessageView)[]): MessageView[] {
  const byKey = new Map<string, MessageView>();
  const keyOf = (m: Message) => (m.clientId ? `c:${m.clientId}` : `i:${m.id}`);
  for (const message of current) byKey.set(keyOf(message), message);
  for (const message of incoming) {
    const view: MessageView = { pending: false, ...message };
    const existing = byKey.get(keyOf(view));
    if (existing && !existing.pending && !view.pending && STATUS_RANK[existing.status] > STATUS_RANK[view.status]) continue;
    if (existing && !existing.pending && view.pending) continue;
    byKey.set(keyOf(view), view);
  }
  const all = [...byKey.values()];
  const confirmed = all.filter((m) => !m.pending).sort((a, b) => a.seq - b.seq);
  const pending = all.filter((m) => m.pending);
  return [...confirmed, ...pending];
}
