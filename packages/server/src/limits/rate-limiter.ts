// One node's rate limiting: the per-user, per-IP and per-socket buckets, the flood penalties,
// and the effective limits of each workspace. Every check is synchronous and touches memory
// only, so a refused command costs no query and holds nothing.
import type { TokenBucket } from 'limiter';
import { AppError } from '../errors.js';
import { KeyedBuckets, takeFromAll } from './buckets.js';
import { workspaceLimits, type ServerLimits } from './limits.js';

const SWEEP_INTERVAL_MS = 60_000;
/** A command refused for too many in flight may retry once one of them is answered. */
export const IN_FLIGHT_RETRY_MS = 50;

export function rateLimited(retryAfterMs: number, message?: string): AppError {
  const wait = Math.max(1, Math.ceil(retryAfterMs));
  return new AppError('rate_limited', message ?? `Too many requests: wait ${Math.ceil(wait / 1000)} s before sending more.`, { retryAfterMs: wait });
}

export class RateLimiter {
  readonly server: ServerLimits;
  readonly #users = new KeyedBuckets();
  /** Commands of each user at work now, over their sockets and REST. */
  readonly #userInFlight = new Map<string, number>();
  readonly #ipCommands = new KeyedBuckets();
  readonly #handshakes = new KeyedBuckets();
  readonly #webhookFailures = new KeyedBuckets();
  /** Who was closed for flooding, until when (epoch ms): `${workspaceSlug}\n${userExternalId}`. */
  readonly #penalties = new Map<string, number>();
  readonly #workspaces = new Map<string, { json: string; limits: ServerLimits }>();
  readonly #sweeper: ReturnType<typeof setInterval>;

  constructor(limits: ServerLimits) {
    this.server = limits;
    this.#sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.#sweeper.unref();
  }

  /** The limits in force in a workspace, given its override (cached while it is unchanged). */
  limitsFor(workspaceId: string, override: unknown): ServerLimits {
    const json = override ? JSON.stringify(override) : '';
    const cached = this.#workspaces.get(workspaceId);
    if (cached?.json === json) return cached.limits;
    let limits: ServerLimits;
    try {
      limits = workspaceLimits(this.server, override);
    } catch {
      // A stored override that no longer validates (ceilings lowered since): the server's apply.
      limits = this.server;
    }
    this.#workspaces.set(workspaceId, { json, limits });
    return limits;
  }

  /** A user's bucket, shared by their sockets and REST calls (key: userLimitKey). */
  userBucket(userKey: string, limits: ServerLimits): TokenBucket {
    return this.#users.get(userKey, limits.userCommands);
  }

  ipCommandBucket(ip: string): TokenBucket {
    return this.#ipCommands.get(ip, this.server.ipCommands);
  }

  /**
   * One REST command of a user, before anything is written: throws rate_limited when their
   * bucket is empty or they have inFlightPerUser commands at work. Call the returned release
   * once answered.
   */
  admitUserCommand(userKey: string, limits: ServerLimits): () => void {
    const release = this.enterUser(userKey, limits);
    if (!release) throw rateLimited(IN_FLIGHT_RETRY_MS, `Too many commands at once: at most ${limits.inFlightPerUser} of yours may wait for an answer.`);
    const wait = takeFromAll([this.userBucket(userKey, limits)]);
    if (wait > 0) {
      release();
      throw rateLimited(wait);
    }
    return release;
  }

  /** Counts one more command of a user at work, or null when they are at inFlightPerUser. */
  enterUser(userKey: string, limits: ServerLimits): (() => void) | null {
    const count = this.#userInFlight.get(userKey) ?? 0;
    if (count >= limits.inFlightPerUser) return null;
    this.#userInFlight.set(userKey, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#userInFlight.get(userKey) ?? 1) - 1;
      // An idle user leaves no entry behind.
      if (left <= 0) this.#userInFlight.delete(userKey);
      else this.#userInFlight.set(userKey, left);
    };
  }

  /** One socket handshake from an IP address: throws rate_limited when there were too many. */
  takeHandshake(ip: string): void {
    const wait = takeFromAll([this.#handshakes.get(ip, this.server.handshakes)]);
    if (wait > 0) throw rateLimited(wait, `Too many connections from your address: wait ${Math.ceil(wait / 1000)} s.`);
  }

  /** Throws when an address has sent too many failing webhook requests lately. */
  checkWebhookAddress(ip: string): void {
    const bucket = this.#webhookFailures.get(ip, this.server.webhookFailures);
    bucket.drip();
    if (bucket.content < 1) throw rateLimited(bucket.getWaitTime(1), 'Too many webhook requests failed from your address.');
  }

  /** Counts a webhook request that failed its signature or named no workspace. */
  webhookFailed(ip: string): void {
    const bucket = this.#webhookFailures.get(ip, this.server.webhookFailures);
    bucket.drip();
    bucket.content = Math.max(0, bucket.content - 1);
  }

  penalize(key: string): number {
    const until = Date.now() + this.server.floodPenaltyMs;
    this.#penalties.set(key, until);
    return this.server.floodPenaltyMs;
  }

  /** Throws rate_limited while a user closed for flooding waits out the penalty. */
  checkPenalty(key: string): void {
    const until = this.#penalties.get(key);
    if (until === undefined) return;
    const left = until - Date.now();
    if (left <= 0) this.#penalties.delete(key);
    else throw rateLimited(left, `This connection was closed for sending too many commands: reconnect in ${Math.ceil(left / 1000)} s.`);
  }

  sweep(): void {
    for (const buckets of [this.#users, this.#ipCommands, this.#handshakes, this.#webhookFailures]) buckets.sweep();
    const now = Date.now();
    for (const [key, until] of this.#penalties) if (until <= now) this.#penalties.delete(key);
  }

  close(): void {
    clearInterval(this.#sweeper);
  }
}

export const penaltyKey = (workspaceSlug: string, userExternalId: string) => `${workspaceSlug}\n${userExternalId}`;