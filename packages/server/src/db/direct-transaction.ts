// A transaction run on the database driver itself, for the hottest write there is (every
// provider delivery): MikroORM's transaction and statement handling cost more there than the
// statements did. The statements are prepared once and bound:
// - SQLite: SQLite's one connection is taken through the same queue MikroORM's transactions wait
//   in, so nothing else runs on it until this commits; statements are cached per handle;
// - PostgreSQL: a pipelined connection (pipelined-pool.ts), with named (server-side prepared)
//   statements; `begin` goes out with the first statement and `commit` with the last writes.
// Everything else stays on MikroORM; both follow the same lock order (locks.ts).
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { Orm } from './orm.js';
import type { Sql } from './sql.js';
import { preparedSqlite } from './sqlite-statements.js';
import { pipelinedPool } from './pipelined-pool.js';
import { STALE_STATEMENT, withRetries } from './transaction.js';

/** What a direct transaction's work gives back. */
export interface DirectWork<T> {
  result: T;
  /** Its last writes, issued but not awaited: on PostgreSQL they go out with the commit. */
  writing?: Promise<unknown>;
}

export async function runDirectTransaction<T>(orm: Orm, work: (sql: Sql) => Promise<DirectWork<T>>): Promise<T> {
  const connection = orm.em.getConnection();
  // Opens the connection if nothing has yet; the handles below are the driver's.
  const native = await connection.getNativeClient();
  const statements = preparedSqlite(connection);
  if (statements) {
    const sql: Sql = { postgres: false, all: async (text, params = []) => statements.all(text, params) };
    return withRetries(() =>
      connection.getClient().connection().execute(async () => {
        statements.all('begin immediate', []);
        try {
          const { result, writing } = await work(sql);
          await writing;
          statements.all('commit', []);
          return result;
        } catch (error) {
          if (statements.inTransaction) statements.all('rollback', []);
          throw error;
        }
      }),
    );
  }
  const pool = pipelinedPool(orm, native as Pool);
  return withRetries(async () => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const begun = client.query('begin');
      begun.catch(() => {}); // awaited by the first statement, which is sent right behind it
      try {
        const { result, writing } = await work(postgresSql(client, begun));
        const committed = client.query('commit');
        committed.catch(() => {});
        // A failed write has aborted the transaction, and PostgreSQL ends an aborted
        // transaction's `commit` as a rollback: the write's error is the one thrown.
        await writing;
        if ((await committed).command !== 'COMMIT') throw new Error('the transaction was rolled back at its commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      }
    } finally {
      // A connection whose rollback failed is dropped, not handed to the next writer.
      client.release(broken);
    }
  });
}

/** Statements named after their text are prepared once per connection; at most this many texts are named. */
const MAX_NAMED = 200;
const postgresTexts = new Map<string, { text: string; name: string | undefined }>();
/** Never reused: a connection may still hold a statement under an old name. */
let namesGiven = 0;

/**
 * PostgreSQL refuses a prepared statement whose tables changed since it was planned ("cached
 * plan must not change result type", 0A000) or that a connection lost (26000), on every
 * connection that prepared it. Every text is named afresh, so the transaction's next attempt
 * prepares new statements wherever it runs.
 */
function isStaleStatement(error: { code?: string; message?: string }): boolean {
  return error.code === '26000' || (error.code === '0A000' && /cached plan/.test(error.message ?? ''));
}

function postgresSql(client: PoolClient, begun: Promise<QueryResult>): Sql {
  return {
    postgres: true,
    async all<T>(text: string, params: unknown[] = []) {
      let prepared = postgresTexts.get(text);
      if (!prepared) {
        prepared = { text: numberedPlaceholders(text), name: `convkit_${namesGiven++}` };
        // Past the bound (batches of unusual widths), a text runs unnamed and is not kept.
        if (postgresTexts.size < MAX_NAMED) postgresTexts.set(text, prepared);
        else prepared = { text: prepared.text, name: undefined };
      }
      // Issued before anything is awaited, so that statements issued together travel together.
      const running = client.query({ text: prepared.text, name: prepared.name, values: params });
      running.catch(() => {});
      try {
        await begun;
        const result = await running;
        return result.rows as T[];
      } catch (error) {
        if (!isStaleStatement(error as { code?: string })) throw error;
        postgresTexts.clear();
        throw Object.assign(new Error(`prepared statement ${prepared.name} is stale: ${(error as Error).message}`), { code: STALE_STATEMENT, cause: error });
      }
    },
  };
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`. The statements given here hold no `?` of their own (no literals, no jsonb operators). */
function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}
