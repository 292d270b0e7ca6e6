// Applies server events exactly once and in order, whatever the socket does. Every event
// carries the workspace's event seq; the server emits only after commit, so after seq N
// everything below N is readable. A jump in seq (a dropped socket, a lost packet) or a
// (re)connect triggers a catch-up through `events.since`, the database being the truth.
import type { ServerEvent } from '../protocol/events.js';
import type { Session } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { isConvError } from '../errors.js';
import { WritableStore, type Store } from '../store.js';
import { Backoff } from '../transport/backoff.js';

/** Events fetched per catch-up call. */
const CATCH_UP_PAGE = 500;

export interface EventSyncHandlers {
  apply(event: ServerEvent): void;
  /** Too far behind for the event log: reload every view from scratch. */
  resync(): void;
}

export class EventSync {
  readonly #transport: SocketTransport;
  readonly #handlers: EventSyncHandlers;
  #lastSeq: number | null = null;
  #catchingUp: Promise<void> | null = null;
  #pending: ServerEvent[] = [];
  readonly #caughtUp = new WritableStore(false);
  readonly #retries = new Backoff();
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(transport: SocketTransport, handlers: EventSyncHandlers) {
    this.#transport = transport;
    this.#handlers = handlers;
    transport.onEvent((event) => this.#receive(event));
    // Out of touch from the moment the connection goes until a session says what was missed.
    transport.status.subscribe((status) => {
      if (status !== 'connected') this.#caughtUp.set(false);
    });
  }

  /** False from a drop until the catch-up after the reconnect is done. */
  get caughtUp(): Store<boolean> {
    return this.#caughtUp;
  }

  /** The seq of the newest event applied, or null before the first session. */
  get lastSeq(): number | null {
    return this.#lastSeq;
  }

  /** Called on every session (first connect and each reconnect). */
  onSession(session: Session): void {
    if (this.#lastSeq === null) {
      // First connect: views load fresh from here, so start from the server's newest event.
      this.#lastSeq = session.latestEventSeq;
      this.#drainPending();
      this.#caughtUp.set(true);
      return;
    }
    if (session.latestEventSeq > this.#lastSeq) void this.catchUp();
    else this.#caughtUp.set(true);
  }

  #receive(event: ServerEvent): void {
    if (this.#lastSeq === null || this.#catchingUp) {
      this.#pending.push(event);
      return;
    }
    if (event.seq <= this.#lastSeq) return; // already applied (duplicate or caught up earlier)
    if (event.seq === this.#lastSeq + 1) {
      this.#applyOne(event);
      return;
    }
    this.#pending.push(event);
    void this.catchUp();
  }

  /** Fetches and applies every event after the last applied one. Safe to call concurrently. */
  catchUp(): Promise<void> {
    this.#catchingUp ??= this.#runCatchUp()
      .then(() => {
        this.#retries.reset();
        if (this.#transport.status.get() === 'connected') this.#caughtUp.set(true);
      })
      .catch(() => {
        // Timed out or disconnected mid catch-up: retried after a growing pause, or by the
        // next session or event gap.
        this.#retryLater();
      })
      .finally(() => {
        this.#catchingUp = null;
        this.#drainPending();
      });
    return this.#catchingUp;
  }

  async #runCatchUp(): Promise<void> {
    for (;;) {
      const from = this.#lastSeq ?? 0;
      let page;
      try {
        page = await this.#transport.requestIdempotent('events.since', { seq: from, limit: CATCH_UP_PAGE });
      } catch (error) {
        if (isConvError(error) && error.code === 'resync_required') {
          // Too far behind to replay: the views reload whole, and events follow from the
          // server's newest seq, so the next one is not taken for another gap.
          const latest = error.details?.latestSeq;
          if (typeof latest === 'number') this.#lastSeq = Math.max(this.#lastSeq ?? 0, latest);
          this.#pending = this.#pending.filter((event) => event.seq > (this.#lastSeq ?? 0));
          this.#handlers.resync();
          return;
        }
        throw error;
      }
      for (const event of page.events) if (event.seq > (this.#lastSeq ?? 0)) this.#applyOne(event);
      if (!page.hasMore) return;
    }
  }

  #retryLater(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#transport.status.get() === 'connected') void this.catchUp();
    }, this.#retries.next());
    (this.#retryTimer as { unref?: () => void }).unref?.();
  }

  #drainPending(): void {
    const pending = this.#pending.sort((a, b) => a.seq - b.seq);
    this.#pending = [];
    for (const event of pending) this.#receive(event);
  }

  #applyOne(event: ServerEvent): void {
    this.#lastSeq = event.seq;
    this.#handlers.apply(event);
  }
}
