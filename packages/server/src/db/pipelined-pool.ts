// PostgreSQL connections for direct transactions (direct-transaction.ts), in node-postgres's
// pipeline mode: a statement goes out as soon as it is issued, without waiting for the answer to
// the one before, and the server still runs them in order. A transaction's `begin` then travels
// with its first statement and its `commit` with its last writes: on the inbound path that is
// three round trips instead of six. A pool of its own, because MikroORM's connections must not
// change mode; same connection settings as MikroORM's pool.
import pg, { type Pool } from 'pg';
import type { Orm } from './orm.js';

/** Connections per node for direct transactions: inbound batches run one at a time per workspace. */
export const PIPELINED_POOL_MAX = 10;

const pools = new WeakMap<Orm, Pool>();

export function pipelinedPool(orm: Orm, base: Pool): Pool {
  let pool = pools.get(orm);
  if (!pool) {
    pool = new pg.Pool({ ...base.options, max: PIPELINED_POOL_MAX, min: 0, pipeline: true, allowExitOnIdle: true } as pg.PoolConfig);
    // An idle connection the server closed (a restart, a dropped database) is dropped from the
    // pool; the next transaction opens another. Without a listener this would end the process.
    pool.on('error', () => {});
    pools.set(orm, pool);
  }
  return pool;
}

export async function closePipelinedPool(orm: Orm): Promise<void> {
  const pool = pools.get(orm);
  pools.delete(orm);
  await pool?.end();
}
