// Every write runs in one transaction that is retried, after a short jittered pause, when the
// database gave up on it for reasons of timing alone:
// - a unique-key race (two deliveries of one webhook, two first messages from one new number):
//   the loser runs again, finds the winner's row and takes its duplicate path; likewise a
//   reference to a row another write deleted meanwhile (PostgreSQL's foreign_key_violation);
// - a PostgreSQL deadlock or serialisation failure, or SQLite's busy timeout.
// Writers take their locks in one order (see db/locks.ts), so a deadlock is a defect to fix, but
// a retry still turns one into a slower answer rather than a lost write.
import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from './orm.js';
import { EventBatch } from '../modules/events/event-batch.js';
import { writeStats, type RetryReason } from '../metrics/write-stats.js';

const ATTEMPTS = 5;

/** The code db/direct-transaction.ts gives a prepared statement PostgreSQL refused as stale. */
export const STALE_STATEMENT = 'CONVKIT_STALE_STATEMENT';
const BASE_PAUSE_MS = 5;

/**
 * PostgreSQL's deadlock_detected, serialization_failure and unique_violation; SQLite's busy,
 * locked and unique failures. Plain SQL (db/sql.ts) reaches here with the driver's own codes,
 * not MikroORM's exception classes.
 */
const TIMING_CODES: Record<string, RetryReason> = {
  '40P01': 'deadlock',
  '40001': 'serialization',
  '23505': 'unique',
  // A row this write refers to was deleted by a write that committed meanwhile (on another node: a
  // contact merged into another while a batch wrote to it): run again, it finds what is there now.
  '23503': 'gone',
  // A prepared statement whose tables changed under it (a migration on a running cluster):
  // db/direct-transaction.ts has renamed its statements, so the next attempt prepares afresh.
  [STALE_STATEMENT]: 'stale_statement',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
};

function codeOf(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 4; current = current.cause as typeof current, depth++) {
    if (typeof current.code === 'string') return current.code;
  }
  return undefined;
}

/** Why running the same work again can succeed, or null when it cannot. */
export function retryReason(error: unknown): RetryReason | null {
  if (error instanceof UniqueConstraintViolationException) return 'unique';
  if (error instanceof DeadlockException) return 'deadlock';
  if (error instanceof LockWaitTimeoutException) return 'busy';
  const code = codeOf(error);
  return (code !== undefined && Object.hasOwn(TIMING_CODES, code) && TIMING_CODES[code]) || null;
}

export async function runTransaction<T>(orm: Orm, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return withRetries(() => (orm.em.fork() as unknown as EntityManager).transactional(async (tx) => work(tx as EntityManager)));
}

/** Runs one transaction attempt until it commits, retrying the failures of timing alone. */
export async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  writeStats.active++;
  try {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        const reason = retryReason(error);
        if (tries >= ATTEMPTS || !reason) throw error;
        writeStats.retries[reason]++;
        // Full jitter: the writers that collided must not collide again in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * BASE_PAUSE_MS * 2 ** tries));
      }
    }
  } finally {
    writeStats.active--;
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
