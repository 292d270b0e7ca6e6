// One socket's admission of commands: its own bucket, its user's and its address's, caps on
// commands in flight (the socket's and its user's), and strikes for refusals. A refused command
// is answered at once; nothing waits in a queue.
import type { TokenBucket } from 'limiter';
import type { AppError } from '../errors.js';
import { configure, newBucket, takeFromAll } from './buckets.js';
import type { ServerLimits } from './limits.js';
import { IN_FLIGHT_RETRY_MS, rateLimited, type RateLimiter } from './rate-limiter.js';

export type Admission = { ok: true; release(): void } | { ok: false; error: AppError; flood: boolean };

export class SocketGate {
  readonly #limiter: RateLimiter;
  readonly #ip: string;
  readonly #userKey: string;
  readonly #bucket: TokenBucket;
  readonly #strikes: TokenBucket;
  #inFlight = 0;

  constructor(limiter: RateLimiter, ip: string, userKey: string, limits: ServerLimits) {
    this.#limiter = limiter;
    this.#ip = ip;
    this.#userKey = userKey;
    this.#bucket = newBucket(limits.socketCommands);
    this.#strikes = newBucket(limiter.server.floodStrikes);
  }

  /** Admits one command, or refuses it; `flood` when the socket has used up its strikes. */
  admit(limits: ServerLimits): Admission {
    configure(this.#bucket, limits.socketCommands);
    if (this.#inFlight >= limits.inFlightPerSocket) {
      return this.#refuse(rateLimited(IN_FLIGHT_RETRY_MS, `Too many commands at once: at most ${limits.inFlightPerSocket} may wait for an answer.`));
    }
    const leaveUser = this.#limiter.enterUser(this.#userKey, limits);
    if (!leaveUser) return this.#refuse(rateLimited(IN_FLIGHT_RETRY_MS, `Too many commands at once: at most ${limits.inFlightPerUser} of yours, over all your tabs, may wait for an answer.`));
    const wait = takeFromAll([this.#bucket, this.#limiter.userBucket(this.#userKey, limits), this.#limiter.ipCommandBucket(this.#ip)]);
    if (wait > 0) {
      leaveUser();
      return this.#refuse(rateLimited(wait));
    }
    this.#inFlight++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight--;
        leaveUser();
      },
    };
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  #refuse(error: AppError): Admission {
    return { ok: false, error, flood: takeFromAll([this.#strikes]) > 0 };
  }
}
