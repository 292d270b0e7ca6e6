// Plain SQL, with `?` placeholders, run inside the caller's transaction. Two ways in:
// - sqlOf(em): inside a MikroORM transaction (MikroORM runs a raw statement outside it unless
//   given the context; on SQLite that deadlocks on its own write lock);
// - a direct transaction (direct-transaction.ts), for the hottest write, on the driver itself.
import type { EntityManager } from '@mikro-orm/sql';
import { preparedSqlite } from './sqlite-statements.js';

/** Where plain SQL runs: a transaction on one of the two databases. */
export interface Sql {
  readonly postgres: boolean;
  all<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export async function sqlAll<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const ctx = em.getTransactionContext();
  // Inside a transaction on SQLite, the statement runs on the driver itself, prepared once and
  // with bound parameters: MikroORM would format the parameters into the text, so SQLite would
  // parse and plan every statement anew (a millisecond on the inbound path, more than the rest
  // of its statements together). Outside a transaction the connection may be in the middle of
  // someone else's, so the statement waits its turn through MikroORM; so does one given a
  // transaction that has ended (an entity manager kept past its work), which MikroORM refuses.
  const statements = isOpen(ctx) ? preparedSqlite(em.getConnection()) : undefined;
  if (statements?.inTransaction) return statements.all<T>(sql, params);
  return em.getConnection().execute<T[]>(sql, params, 'all', ctx);
}

/** A transaction context (Kysely's controlled transaction) that has neither committed nor rolled back. */
function isOpen(ctx: unknown): boolean {
  if (!ctx) return false;
  const state = ctx as { isCommitted?: boolean; isRolledBack?: boolean };
  return state.isCommitted !== true && state.isRolledBack !== true;
}

export function isPostgres(em: EntityManager): boolean {
  return em.getDriver().getPlatform().constructor.name.toLowerCase().includes('postgre');
}

/** The Sql of an entity manager's transaction. */
export function sqlOf(em: EntityManager): Sql {
  return { postgres: isPostgres(em), all: (text, params) => sqlAll(em, text, params) };
}

/** One write statement, not yet run. */
export interface Write {
  text: string;
  params: unknown[];
}

/**
 * Runs writes in order. On PostgreSQL they go as one statement, each a data-modifying `with`
 * part: one round trip for them all. Foreign keys hold, since PostgreSQL checks them when the
 * whole statement is done. On SQLite, in-process, each runs on its own.
 */
export async function runWrites(sql: Sql, writes: (Write | null)[]): Promise<void> {
  const present = writes.filter((w): w is Write => w !== null);
  if (present.length === 0) return;
  if (!sql.postgres) {
    for (const write of present) await sql.all(write.text, write.params);
    return;
  }
  const last = present.at(-1)!;
  const parts = present.slice(0, -1).map((write, i) => `w${i} as (${write.text})`);
  await sql.all(`${parts.length > 0 ? `with ${parts.join(', ')} ` : ''}${last.text}`, present.flatMap((write) => write.params));
}

/** JSON columns come back parsed on PostgreSQL and as text on SQLite. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
