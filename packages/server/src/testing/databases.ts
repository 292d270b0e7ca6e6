// Fresh databases for tests: a temp SQLite file, or a new PostgreSQL database per server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openOrm, type Database } from '../db/orm.js';
import { migrationsList } from '../db/migrations/index.js';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** The admin connection for creating test databases (trust auth on the local cluster). */
const POSTGRES_ADMIN_URL = process.env.CONVKIT_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.CONVKIT_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * Whether this run holds a test whose subject is not storage (a CLI posting webhooks, the docs'
 * commands, socket floods, connection and rate limits): one suite does, `suite` (SQLite unless
 * named), picked so that the two suites, which run side by side, take about as long. On the other
 * they would do the same work again and test nothing more, on a machine where they share two cores.
 */
export function coversStorageAgnosticTests(suite: TestDatabaseKind = 'sqlite'): boolean {
  return testDatabaseKind() === suite;
}

const TEMPLATE_PREFIX = 'convkit_template_';

/** The URL of database `name` on the test cluster. */
function postgresUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A database the migrations have already built, named after the migrations it holds, for test
 * databases to be copied from: a copy takes a fraction of the time that migrating one takes, and a
 * suite starts hundreds of servers. Built once per set of migrations, under a lock, so that test
 * processes starting together build it once. A new migration gives a new name, so a template
 * never lacks one (the server still runs `migrate`, which then finds nothing to do).
 */
async function migratedTemplate(admin: pg.Client): Promise<string> {
  // Named after what the migrations do, not only their names: a migration edited while it is the
  // newest (as it is written) gives a new template rather than an old schema.
  const digest = createHash('sha256');
  for (const { name } of migrationsList) digest.update(name).update(readFileSync(new URL(`../db/migrations/${name}.js`, import.meta.url)));
  const template = `${TEMPLATE_PREFIX}${digest.digest('hex').slice(0, 16)}`;
  // Any fixed number: the lock only serialises the test processes of this cluster.
  const lock = 7_204_611;
  await admin.query('select pg_advisory_lock($1)', [lock]);
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount) return template;
    // Earlier migrations' templates are not needed any more (a copy being made from one finishes first).
    const stale = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${TEMPLATE_PREFIX}%`]);
    for (const { datname } of stale.rows) await admin.query(`drop database if exists ${datname}`).catch(() => {});
    // Built under another name and renamed when complete: a build cut short is never copied.
    const building = `${template}_building`;
    await admin.query(`drop database if exists ${building} with (force)`);
    await admin.query(`create database ${building}`);
    const orm = await openOrm({ kind: 'postgres', url: postgresUrl(building) });
    try {
      await migrate(orm);
    } finally {
      await orm.close();
    }
    await admin.query(`alter database ${building} rename to ${template}`);
    return template;
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [lock]);
  }
}

/**
 * A new, empty database. `migrated`: with the schema already built (on PostgreSQL, a copy of a
 * template that the migrations built once), for servers, which migrate on start anyway.
 */
export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind(), options: { migrated?: boolean } = {}): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-test-'));
    return { database: { kind: 'sqlite', path: join(dir, 'convkit.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `convkit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const template = options.migrated ? await migratedTemplate(admin) : null;
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  return {
    database: { kind: 'postgres', url: postgresUrl(name) },
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
