// MikroORM for the two supported databases: SQLite (a file under ./data, the embedded default)
// and PostgreSQL (when DATABASE_URL is set). The schema comes from migrations only.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM as SqliteORM } from '@mikro-orm/sqlite';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import type { MikroORM } from '@mikro-orm/sql';
import { Migrator } from '@mikro-orm/migrations';
import { CompiledQuery } from 'kysely';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

export type Database = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
export type Orm = MikroORM;

// Durability: a provider will not resend a webhook we answered 2xx, so a commit must survive
// power loss (synchronous=FULL, not NORMAL). WAL lets readers run beside the single writer.
const SQLITE_PRAGMAS = ['pragma journal_mode = wal', 'pragma synchronous = full', 'pragma busy_timeout = 5000', 'pragma foreign_keys = on'];

/**
 * Connections per node. Each socket has at most inFlightPerSocket (8) commands at the database,
 * so one busy socket leaves most of the pool to everyone else.
 */
export const POSTGRES_POOL_MAX = 20;

export async function openOrm(database: Database, options: { debug?: boolean } = {}): Promise<Orm> {
  const common = {
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, snapshot: false, tableName: 'mikro_orm_migrations', silent: true },
    debug: options.debug ?? false,
    // Entities are passed explicitly; never scan sources at run time.
    discovery: { requireEntitiesArray: true },
    allowGlobalContext: false,
  };
  if (database.kind === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return SqliteORM.init({
      ...common,
      dbName: database.path,
      onCreateConnection: async (connection: { executeQuery: (q: CompiledQuery) => Promise<unknown> }) => {
        for (const pragma of SQLITE_PRAGMAS) await connection.executeQuery(CompiledQuery.raw(pragma));
      },
    } as Parameters<typeof SqliteORM.init>[0]) as unknown as Promise<Orm>;
  }
  return PostgresORM.init({ ...common, clientUrl: database.url, pool: { min: 0, max: POSTGRES_POOL_MAX } } as Parameters<typeof PostgresORM.init>[0]) as unknown as Promise<Orm>;
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export function platformOf(orm: Orm): 'sqlite' | 'postgres' {
  return orm.config.get('driver')?.name?.toLowerCase().includes('postgre') ? 'postgres' : 'sqlite';
}
