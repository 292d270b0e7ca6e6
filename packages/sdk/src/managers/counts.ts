// Keeps one filter's view counts fresh: asked for when a list loads and on every connect; from
// then on the server pushes them when they change (`counts`), so events cost no request. Only a
// search's counts are not pushed: after changes they are asked for again, once per burst. A list
// follows its own filter; the client's unread badge follows the unfiltered counts.
import type { ViewCounts } from '../protocol/commands.js';
import type { ConversationFilter } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { countsArePushed, sameFilter } from './filters.js';
import { ConvError } from '../errors.js';

/** Events arriving within this window cause one recount of a search's counts (SQL over the workspace). */
const DEBOUNCE_MS = 500;
/** After a failed request, counts are asked for again after this, doubling up to the cap. */
const RETRY_FIRST_MS = 1_000;
const RETRY_CAP_MS = 30_000;

export class CountsFollower {
  readonly #transport: SocketTransport;
  readonly #filter: () => ConversationFilter;
  readonly #onCounts: (counts: ViewCounts) => void;
  readonly #unsubscribe: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;
  #failures = 0;

  constructor(transport: SocketTransport, filter: () => ConversationFilter, onCounts: (counts: ViewCounts) => void) {
    this.#transport = transport;
    this.#filter = filter;
    this.#onCounts = onCounts;
    this.#unsubscribe = transport.onCounts((update) => {
      if (sameFilter(update.filter, this.#filter())) this.#onCounts(update.counts);
    });
  }

  /** Something changed: pushed counts follow on their own; a search's are asked for again. */
  afterChange(): void {
    if (countsArePushed(this.#filter())) return;
    this.#schedule(DEBOUNCE_MS);
  }

  async now(): Promise<void> {
    clearTimeout(this.#timer);
    const request = ++this.#request;
    try {
      const counts = await this.#transport.requestIdempotent('conversations.counts', this.#filter());
      // An older request answering late must not overwrite a newer one.
      if (request !== this.#request) return;
      this.#failures = 0;
      this.#onCounts(counts);
    } catch (error) {
      // The server pushes changes only of counts it has answered: without an answer they would
      // stay as they are until the filter changes. Asked again, after the wait a rate limit
      // names or a growing pause; a newer request supersedes this one, and a reconnect asks anew.
      if (request !== this.#request || (error instanceof ConvError && error.code === 'disconnected')) return;
      const wait = error instanceof ConvError && error.retryAfterMs ? error.retryAfterMs : Math.min(RETRY_CAP_MS, RETRY_FIRST_MS * 2 ** this.#failures);
      this.#failures++;
      this.#schedule(wait);
    }
  }

  /** Stops following: no more requests, and pushes are ignored. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#request++;
    this.#unsubscribe();
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.now(), delay);
    (this.#timer as { unref?: () => void }).unref?.();
  }
}
