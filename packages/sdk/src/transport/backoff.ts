// How long the client waits before trying again: one policy for reconnecting after a drop,
// asking again for a token the server refused, and retrying a catch-up of missed events.
// Exponential, so a server that is down or a backend that mints bad tokens is not hammered;
// capped, so a server back up is noticed within half a minute; jittered, so the tabs and devices
// that lost the server at the same moment do not come back in step.

/** The first wait: a blip on a laptop's wifi is over within it. */
const FIRST_MS = 1_000;
/** The longest wait. */
const MAX_MS = 30_000;
/** Each wait is between half and all of its step, at random ("equal jitter"). */
const JITTER = 0.5;

/** Waits that grow with each failure in a row and start over after a success. */
export class Backoff {
  #failures = 0;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** The wait before the next try; each call counts one more failure. */
  next(): number {
    const step = Math.min(MAX_MS, FIRST_MS * 2 ** this.#failures);
    this.#failures++;
    return step * (1 - JITTER * this.#random());
  }

  /** It worked: the next failure waits the first step again. */
  reset(): void {
    this.#failures = 0;
  }
}

// Waits the server asks for before reconnecting (a rate-limit penalty). The tabs and devices of
// one user are closed or refused at the same moment; a random share added to the wait keeps
// them from all coming back in the same instant and being refused again together.

/** Up to this share of the wait is added at random... */
const PENALTY_JITTER = 0.2;
/** ...but never more than this: a long penalty needs no wider spread. */
const PENALTY_JITTER_MAX_MS = 2_000;
/** When the server names no wait, the first step of a reconnect. */
export const DEFAULT_PENALTY_MS = FIRST_MS;

/** The wait to honour a server's retry-after: never shorter, a little longer at random. */
export function penaltyDelay(retryAfterMs: number | null, random: () => number = Math.random): number {
  const wait = retryAfterMs ?? DEFAULT_PENALTY_MS;
  return wait + random() * Math.min(wait * PENALTY_JITTER, PENALTY_JITTER_MAX_MS);
}
