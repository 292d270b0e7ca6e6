// Fresh databases for tests: a temp SQLite file, or a new PostgreSQL database per server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/orm.js';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** The admin connection for creating test databases (trust auth on the local cluster). */
const POSTGRES_ADMIN_URL = process.env.CONVKIT_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.CONVKIT_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-test-'));
    return { database: { kind: 'sqlite', path: join(dir, 'convkit.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `convkit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
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
