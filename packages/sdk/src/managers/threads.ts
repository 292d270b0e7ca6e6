// One live store per open thread: confirmed messages in seq order, then optimistic sends. The
// stores live here; loading and merging live in thread-engine.ts, fetched on the first thread.
import type { ServerEvent } from '../protocol/events.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { toConvError } from '../errors.js';
import { WritableStore, type Store } from '../store.js';
import { applyEvent, reloadAll, upsertMessages } from '../internal/hooks.js';
import type { MessageView, ThreadState } from './thread-types.js';

export type { MessageView, ThreadState } from './thread-types.js';

type Engine = typeof import('./thread-engine.js');
let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/**
 * The engine, loaded by the first thread opened or message sent (managers/messages.ts too). A
 * failed load (a browser bundle's chunk that could not be fetched) is not kept: the next use
 * tries again.
 */
export const threadEngine = {
  get value(): Engine | undefined {
    return engine;
  },
  load(): Promise<Engine> {
    loading ??= import('./thread-engine.js').then(
      (loaded) => (engine = loaded),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  },
};

const INITIAL: ThreadState = { status: 'idle', error: null, messages: [], hasMoreBefore: false, loadingOlder: false };

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
    const engine = await threadEngine.load().catch((error: unknown) => void store.next({ error: toConvError(error) }));
    if (engine) await engine.loadOlder(this.#transport, conversationId, store);
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
    // A store exists only once its thread asked for the engine: apply now, or right after it
    // arrives, in event order (before the page it is loading lands, which merges by status).
    const apply = (work: (engine: Engine) => void) => (threadEngine.value ? work(threadEngine.value) : void threadEngine.load().then(work, () => {}));
    if (event.type === 'conversation.deleted' || event.type === 'conversation.merged') {
      if (this.#threads.size > 0) apply((engine) => engine.conversationGone(this.#threads, event, INITIAL, (id, store) => this.#loadNewest(id, store)));
      return;
    }
    if (event.type !== 'message.created' && event.type !== 'message.updated') return;
    const store = this.#threads.get(event.data.message.conversationId);
    if (store) apply((engine) => engine.upsert(store, [event.data.message]));
  }

  /** Adds or replaces messages, matching optimistic ones by clientId (the sends' engine calls it). */
  [upsertMessages](conversationId: string, messages: MessageView[]): void {
    threadEngine.value?.upsert(this.#thread(conversationId, false), messages);
  }

  #thread(conversationId: string, load = true): WritableStore<ThreadState> {
    let store = this.#threads.get(conversationId);
    if (!store) {
      store = new WritableStore<ThreadState>(INITIAL);
      this.#threads.set(conversationId, store);
      if (load) void this.#loadNewest(conversationId, store);
    } else if (load && store.get().status === 'idle') {
      // A send made the store before anything asked for the thread: its history is loaded now.
      void this.#loadNewest(conversationId, store);
    }
    return store;
  }

  async #loadNewest(conversationId: string, store: WritableStore<ThreadState>): Promise<void> {
    store.next({ status: 'loading', error: null });
    try {
      const engine = await threadEngine.load();
      await engine.loadNewest(this.#transport, conversationId, store);
    } catch (error) {
      store.next({ status: 'error', error: toConvError(error) });
    }
  }
}
