// Keeps the client within the server's cap on commands in flight (session.limits.inFlight): a
// command past the cap waits here for an answer to free a place, instead of being sent and
// refused. Nothing waits longer than its own request's deadline, and each waiter is the caller's
// own pending request, so this holds no more than the caller already does.
import { ConvError } from '../errors.js';

export class InFlightSlots {
  #limit = Number.POSITIVE_INFINITY;
  #used = 0;
  readonly #waiters: (() => void)[] = [];

  /** The server's cap, from the session; unlimited until the first session arrives. */
  set limit(value: number) {
    this.#limit = value > 0 ? value : Number.POSITIVE_INFINITY;
    this.#wake();
  }

  /** Null when a place was free and is now taken; else a promise that resolves once one is. */
  acquire(deadline: number, signal: AbortSignal): Promise<void> | null {
    if (this.#used < this.#limit) {
      this.#used++;
      return null;
    }
    return new Promise((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.#used++;
        resolve();
      };
      const leave = (error: unknown) => {
        clearTimeout(timer);
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(error);
      };
      const onAbort = () => leave(signal.reason);
      const timer = setTimeout(() => leave(new ConvError('timeout', `The server was still working on ${this.#used} earlier commands when this one's time ran out.`)), Math.max(0, deadline - Date.now()));
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  release(): void {
    this.#used = Math.max(0, this.#used - 1);
    this.#wake();
  }

  #wake(): void {
    while (this.#used < this.#limit && this.#waiters.length > 0) this.#waiters.shift()!();
  }
}
