// Prepared statements on SQLite's driver (better-sqlite3), kept per database handle and reused.
// Only for a caller that holds the connection: inside a MikroORM transaction, which owns SQLite's
// one connection until it commits, so nothing else can run between our statements.

/** The part of better-sqlite3's API used here (the package ships no types of its own). */
interface Database {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
}
interface Statement {
  /** True when the statement returns rows (a select, or a write with returning). */
  readonly reader: boolean;
  all(params: unknown[]): unknown[];
  run(params: unknown[]): unknown;
}

/** Distinct statements kept per database; beyond it the cache starts over (multi-row inserts vary in width). */
const MAX_STATEMENTS = 500;

export class SqliteStatements {
  readonly #db: Database;
  readonly #cache = new Map<string, Statement>();

  constructor(db: Database) {
    this.#db = db;
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  all<T>(sql: string, params: unknown[]): T[] {
    let statement = this.#cache.get(sql);
    if (!statement) {
      if (this.#cache.size >= MAX_STATEMENTS) this.#cache.clear();
      statement = this.#db.prepare(sql);
      this.#cache.set(sql, statement);
    }
    const values = params.map(bindable);
    if (statement.reader) return statement.all(values) as T[];
    statement.run(values);
    return [];
  }
}

/**
 * The driver binds numbers, strings, bigints, buffers and null. It binds every number as REAL,
 * where MikroORM's formatting wrote integers as integers: an integer goes as a bigint, so
 * expressions (`last_seq + ?`, `? as n`) stay integers. Booleans are 1/0 as MikroORM wrote them.
 */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return value;
}

const byDatabase = new WeakMap<Database, SqliteStatements>();

/**
 * The statement cache of a MikroORM SQLite connection, or undefined on PostgreSQL. The handle is
 * read from the connection's `database` field (what its async getNativeClient returns) because
 * this runs per statement, inside a transaction whose connection is already open.
 */
export function preparedSqlite(connection: unknown): SqliteStatements | undefined {
  const db = (connection as { database?: Database }).database;
  if (!db || typeof db.prepare !== 'function') return undefined;
  let statements = byDatabase.get(db);
  if (!statements) byDatabase.set(db, (statements = new SqliteStatements(db)));
  return statements;
}
