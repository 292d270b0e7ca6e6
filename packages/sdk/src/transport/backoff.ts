// Waits the server asks for before reconnecting (a rate-limit penalty). The tabs and devices of
// one user are closed or refused at the same moment; a random share added to the wait keeps
// them from all coming back in the same instant and being refused again together.

/** Up to this share of the wait is added at random... */
const PENALTY_JITTER = 0.2;
/** ...but never more than this: a long penalty needs no wider spread. */
const PENALTY_JITTER_MAX_MS = 2_000;
/** When the server names no wait, the same first step as an ordinary reconnect. */
export const DEFAULT_PENALTY_MS = 500;

/** The wait to honour a server's retry-after: never shorter, a little longer at random. */
export function penaltyDelay(retryAfterMs: number | null, random: () => number = Math.random): number {
  const wait = retryAfterMs ?? DEFAULT_PENALTY_MS;
  return wait + random() * Math.min(wait * PENALTY_JITTER, PENALTY_JITTER_MAX_MS);
}
