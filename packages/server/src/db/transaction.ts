// Every write runs in one transaction that is retried, after a short jittered pause, when the
// database gave up on it for reasons of timing alone:
// - a unique-key race (two deliveries of one webhook, two first messages from one new number):
//   the loser runs again, finds the winner's row and takes its duplicate path;
// - a PostgreSQL deadlock or serialisation failure, or SQLite's busy timeout.
// Writers take their locks in one order (see db/locks.ts), so a deadlock is a defect to fix, but
// a retry still turns one into a slower answer rather than a lost write.
import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from './orm.js';
import { EventBatch } from '../modules/events/event-batch.js';

const ATTEMPTS = 5;
const BASE_PAUSE_MS = 5;

/** PostgreSQL's deadlock_detected and serialization_failure, SQLite's busy and locked. */
const TIMING_CODES = new Set(['40P01', '40001', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

function codeOf(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 4; current = current.cause as typeof current, depth++) {
    if (typeof current.code === 'string') return current.code;
  }
  return undefined;
}

/** True when running the same work again can succeed. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof UniqueConstraintViolationException || error instanceof DeadlockException || error instanceof LockWaitTimeoutException) return true;
  const code = codeOf(error);
  return code !== undefined && TIMING_CODES.has(code);
}

/** Observers of retries (metrics). */
export const transactionRetries = { count: 0 };

export async function runTransaction<T>(orm: Orm, work: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const em = orm.em.fork() as unknown as EntityManager;
    try {
      return await em.transactional(async (tx) => work(tx as EntityManager));
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      transactionRetries.count++;
      // Full jitter: the writers that collided must not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * BASE_PAUSE_MS * 2 ** attempt));
    }
  }
}

export interface WriteOutcome<T> {
  result: T;
  /** Committed: publish them. */
  events: ServerEvent[];
}

/**
 * A write in one workspace with its events. `work` changes rows and adds events to the batch;
 * the batch is written last (workspace event counter locked last, payloads built from the rows
 * as they will be committed), and the events come back to be published after the commit.
 */
export async function writeTransaction<T>(orm: Orm, workspaceId: string, work: (em: EntityManager, events: EventBatch) => Promise<T>): Promise<WriteOutcome<T>> {
  let events: ServerEvent[] = [];
  const result = await runTransaction(orm, async (em) => {
    const batch = new EventBatch(workspaceId);
    const value = await work(em, batch);
    events = await batch.write(em);
    return value;
  });
  return { result, events };
}
