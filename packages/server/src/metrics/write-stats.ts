// What the write path is doing right now, counted where it happens (db/transaction.ts) and read
// by /metrics. Process-wide: one process is one node.
export type RetryReason = 'unique' | 'deadlock' | 'serialization' | 'busy' | 'stale_statement' | 'gone';

export const writeStats = {
  /** Write transactions running or waiting for the database (SQLite queues them one by one). */
  active: 0,
  retries: { unique: 0, deadlock: 0, serialization: 0, busy: 0, stale_statement: 0, gone: 0 } as Record<RetryReason, number>,
};
