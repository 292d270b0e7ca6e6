// Keeps the view counts (under the list's filter) and the agent's unread total (no filter, for
// a badge on the host's nav) fresh. They are asked for on connect and when the filter changes;
// from then on the server pushes them when they change (`counts`), so events cost no request.
// Only a search's counts are not pushed: after changes they are asked for again, once per burst.
import type { ViewCounts } from '../protocol/commands.js';
import type { ConversationFilter } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import type { CountsUpdate } from '../protocol/events.js';
import { countsArePushed, sameFilter } from './filters.js';
import { WritableStore, type Store } from '../store.js';
import { ConvError } from '../errors.js';

/** Events arriving within this window cause one recount of a search's counts (SQL over the workspace). */
const DEBOUNCE_MS = 500;
/** After a failed request, counts are asked for again after this, doubling up to the cap. */
const RETRY_FIRST_MS = 1_000;
const RETRY_CAP_MS = 30_000;

export class CountsRefresher {
  readonly #transport: SocketTransport;
  readonly #filter: () => ConversationFilter;
  readonly #onCounts: (counts: ViewCounts) => void;
  readonly #unread = new WritableStore<number | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;
  #failures = 0;

  constructor(transport: SocketTransport, filter: () => ConversationFilter, onCounts: (counts: ViewCounts) => void) {
    this.#transport = transport;
    this.#filter = filter;
    this.#onCounts = onCounts;
    transport.onCounts((update) => this.#pushed(update));
  }

  /** The agent's unread conversations, whatever the list shows. */
  get unread(): Store<number | null> {
    return this.#unread;
  }

  /** Something changed: pushed counts follow on their own; a search's are asked for again. */
  afterChange(): void {
    if (countsArePushed(this.#filter())) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.now(), DEBOUNCE_MS);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  async now(): Promise<void> {
    clearTimeout(this.#timer);
    const request = ++this.#request;
    const filter = this.#filter();
    const unfiltered = Object.keys(filter).length === 0;
    // An older request answering late must not overwrite a newer one. The list's counts and the
    // badge's are applied as each answers: one does not wait on the other, nor fail with it.
    const current = () => request === this.#request;
    const results = await Promise.allSettled([
      this.#transport.requestIdempotent('conversations.counts', filter).then((counts) => {
        if (!current()) return;
        this.#onCounts(counts);
        if (unfiltered) this.#unread.set(counts.unread);
      }),
      unfiltered ? null : this.#transport.requestIdempotent('conversations.counts', {}).then((total) => current() && this.#unread.set(total.unread)),
    ]);
    const failure = results.find((result) => result.status === 'rejected')?.reason as unknown;
    if (!current()) return;
    if (failure === undefined) {
      this.#failures = 0;
      return;
    }
    // The server pushes changes only of counts it has answered: without an answer they would
    // stay as they are until the filter changes. Asked again, after the wait a rate limit names
    // or a growing pause; a newer request supersedes this one, and a reconnect asks anew.
    if (failure instanceof ConvError && failure.code === 'disconnected') return;
    const wait = failure instanceof ConvError && failure.retryAfterMs ? failure.retryAfterMs : Math.min(RETRY_CAP_MS, RETRY_FIRST_MS * 2 ** this.#failures);
    this.#failures++;
    this.#timer = setTimeout(() => void this.now(), wait);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #pushed(update: CountsUpdate): void {
    if (sameFilter(update.filter, this.#filter())) this.#onCounts(update.counts);
    if (Object.keys(update.filter).length === 0) this.#unread.set(update.counts.unread);
  }
}
