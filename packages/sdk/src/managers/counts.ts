// Keeps the view counts (under the list's filter) and the agent's unread total (no filter, for
// a badge on the host's nav) fresh: at once when asked, and shortly after changes, coalescing
// bursts of events into one request.
import type { ViewCounts } from '../protocol/commands.js';
import type { ConversationFilter } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { WritableStore, type Store } from '../store.js';

/**
 * Events arriving within this window cause one refresh. Counting a 100,000-conversation
 * workspace costs about 60 ms (bench/list-queries.mjs), paid by every connected agent, so a
 * busy inbox must not recount on every event.
 */
const DEBOUNCE_MS = 500;

export class CountsRefresher {
  readonly #transport: SocketTransport;
  readonly #filter: () => ConversationFilter;
  readonly #onCounts: (counts: ViewCounts) => void;
  readonly #unread = new WritableStore<number | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;

  constructor(transport: SocketTransport, filter: () => ConversationFilter, onCounts: (counts: ViewCounts) => void) {
    this.#transport = transport;
    this.#filter = filter;
    this.#onCounts = onCounts;
  }

  /** The agent's unread conversations, whatever the list shows. */
  get unread(): Store<number | null> {
    return this.#unread;
  }

  soon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.now(), DEBOUNCE_MS);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async now(): Promise<void> {
    clearTimeout(this.#timer);
    const request = ++this.#request;
    const filter = this.#filter();
    const unfiltered = Object.keys(filter).length === 0;
    try {
      const [counts, total] = await Promise.all([
        this.#transport.requestIdempotent('conversations.counts', filter),
        unfiltered ? null : this.#transport.requestIdempotent('conversations.counts', {}),
      ]);
      // An older request answering late must not overwrite a newer one.
      if (request !== this.#request) return;
      this.#onCounts(counts);
      this.#unread.set((total ?? counts).unread);
    } catch {
      // Counts are a convenience: the next change or reconnect asks again.
    }
  }
}
