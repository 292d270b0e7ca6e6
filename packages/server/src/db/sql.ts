// Raw SQL that must run inside the caller's transaction (MikroORM runs a raw statement outside
// it unless given the context; on SQLite that deadlocks on its own write lock).
import type { EntityManager } from '@mikro-orm/sql';

export async function sqlAll<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

/**
 * Bumps a counter column and returns its new value. The row lock it takes is held until the
 * transaction ends, so concurrent writers get consecutive values in commit order.
 */
export async function bumpCounter(em: EntityManager, table: 'workspaces' | 'conversations', column: 'last_event_seq' | 'last_seq', id: string): Promise<number> {
  const rows = await sqlAll<Record<string, unknown>>(em, `update ${table} set ${column} = ${column} + 1 where id = ? returning ${column} as value`, [id]);
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`counter row ${table}.${id} is missing`);
  return Number(value);
}

/** JSON columns come back parsed on PostgreSQL and as text on SQLite. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
