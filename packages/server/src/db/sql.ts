// Raw SQL that must run inside the caller's transaction (MikroORM runs a raw statement outside
// it unless given the context; on SQLite that deadlocks on its own write lock).
import type { EntityManager } from '@mikro-orm/sql';

export async function sqlAll<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

/** JSON columns come back parsed on PostgreSQL and as text on SQLite. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
