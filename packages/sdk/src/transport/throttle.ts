// Holds commands back after the server answered `rate_limited`. The server counts every refused
// command as a strike and closes a socket that keeps being refused, so once told to slow down
// the client must not simply resend everything the moment the pause ends: it lets commands out
// one at a time, spaced by the longest retry-after the server gave, until demand falls below
// that pace. There is no queue: each waiting command is one timer that wakes when the next send
// is allowed, and gives up (rate_limited) when that lies past its own deadline.
import { ConvError } from '../errors.js';
import { WritableStore, type Store } from '../store.js';

/** Set while the client holds commands back; `until` (epoch ms) is when sending is free again. */
export interface RateLimitState {
  until: number;
}

export class Throttle {
  readonly #state = new WritableStore<RateLimitState | null>(null);
  /** No command leaves before this time (epoch ms). */
  #next = 0;
  /** Spacing between paced sends; 0 when not pacing. */
  #interval = 0;
  /** How many commands wait for a turn: a count, not a queue; each of them holds its own timer. */
  #waiting = 0;
  #releaseTimer: ReturnType<typeof setTimeout> | undefined;

  get state(): Store<RateLimitState | null> {
    return this.#state;
  }

  /** The server refused a command: send nothing for `retryAfterMs`, then pace at that spacing. */
  refused(retryAfterMs: number): void {
    // The longest wait seen is the best guess of the server's refill interval: a shorter one
    // only means the refused command arrived when the bucket was already partly refilled.
    this.#interval = Math.max(this.#interval, retryAfterMs);
    this.#hold(Date.now() + retryAfterMs);
  }

  /** Send nothing before `until` (a penalty while reconnecting), without changing the pace. */
  holdUntil(until: number): void {
    this.#hold(until);
  }

  /**
   * Null when a command may go out now; otherwise a promise that resolves when it may, or
   * rejects with `rate_limited` as soon as that turn would come after `deadline`, or with the
   * signal's reason when the request is aborted meanwhile.
   */
  admit(deadline: number, signal: AbortSignal): Promise<void> | null {
    // The common case stays synchronous, so a command is emitted within the call that made it.
    if (this.#claim()) return null;
    return this.#waitTurn(deadline, signal);
  }

  async #waitTurn(deadline: number, signal: AbortSignal): Promise<void> {
    this.#waiting++;
    try {
      for (;;) {
        const now = Date.now();
        if (this.#next > deadline) {
          throw new ConvError('rate_limited', `Too many requests: sending resumes in ${Math.ceil((this.#next - now) / 1000)} s, after this request's timeout.`, {
            details: { retryAfterMs: this.#next - now },
          });
        }
        await sleep(this.#next - now, signal);
        // Every waiter wakes at the same turn; the first one takes it and the others sleep again.
        if (this.#claim()) return;
      }
    } finally {
      this.#waiting--;
      if (this.#waiting === 0) this.#release();
    }
  }

  #claim(): boolean {
    const now = Date.now();
    if (now < this.#next) return false;
    // Quiet for a whole interval: demand fell below the pace, so a burst may go out again.
    if (now >= this.#next + this.#interval) this.#interval = 0;
    // While pacing, each send books the next interval, so the waiters behind it go one by one.
    if (this.#interval > 0) this.#hold(now + this.#interval);
    return true;
  }

  #hold(until: number): void {
    if (until <= this.#next) return;
    this.#next = until;
    this.#state.set({ until });
    this.#releaseIn(until - Date.now());
  }

  #releaseIn(ms: number): void {
    clearTimeout(this.#releaseTimer);
    this.#releaseTimer = setTimeout(() => this.#release(), ms);
    // In Node, a pending release must not keep the process alive.
    (this.#releaseTimer as { unref?: () => void }).unref?.();
  }

  /** The held time is over: sending is free again, unless commands still wait for their turn. */
  #release(): void {
    const left = this.#next - Date.now();
    // Timers may fire a millisecond early against the wall clock.
    if (left > 0) return this.#releaseIn(left);
    // A waiter is about to take this turn and book the next: clearing now would only flicker.
    // The last waiter to leave calls this again.
    if (this.#waiting > 0) return;
    this.#state.set(null);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
