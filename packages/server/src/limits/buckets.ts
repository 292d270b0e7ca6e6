// Token buckets by key (a user, an IP address), from the `limiter` package. Idle buckets are
// swept: a full bucket is the same as none, so memory follows the clients active now, not every
// address ever seen.
import { TokenBucket } from 'limiter';
import type { Bucket } from './limits.js';

export function newBucket(config: Bucket): TokenBucket {
  const bucket = new TokenBucket({ bucketSize: config.burst, tokensPerInterval: config.perSecond, interval: 1000 });
  // The package starts a bucket empty; a client that has sent nothing yet may send a burst.
  bucket.content = config.burst;
  return bucket;
}

/** Applies changed limits (a workspace's new override) to a live bucket. */
export function configure(bucket: TokenBucket, config: Bucket): void {
  if (bucket.bucketSize === config.burst && bucket.tokensPerInterval === config.perSecond) return;
  bucket.drip();
  bucket.bucketSize = config.burst;
  bucket.tokensPerInterval = config.perSecond;
  bucket.content = Math.min(bucket.content, config.burst);
}

/**
 * Takes one token from every bucket, or from none: returns 0 when taken, else how many ms until
 * all of them hold one. Synchronous, so no other command can slip in between check and debit.
 */
export function takeFromAll(buckets: TokenBucket[]): number {
  let wait = 0;
  for (const bucket of buckets) wait = Math.max(wait, bucket.getWaitTime(1));
  if (wait > 0) return wait;
  for (const bucket of buckets) bucket.content -= 1;
  return 0;
}

export class KeyedBuckets {
  readonly #buckets = new Map<string, TokenBucket>();

  /** The key's bucket, created full, and brought to `config` if the limits changed. */
  get(key: string, config: Bucket): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = newBucket(config);
      this.#buckets.set(key, bucket);
    } else {
      configure(bucket, config);
    }
    return bucket;
  }

  /** Forgets the buckets that have refilled completely. */
  sweep(): void {
    for (const [key, bucket] of this.#buckets) {
      bucket.drip();
      if (bucket.content >= bucket.bucketSize) this.#buckets.delete(key);
    }
  }

  get size(): number {
    return this.#buckets.size;
  }
}
