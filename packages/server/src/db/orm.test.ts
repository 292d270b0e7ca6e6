import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, openOrm, platformOf } from './orm.js';
import { createTestDatabase } from '../testing/databases.js';
import { migrationsList } from './migrations/index.js';

describe('database setup', () => {
  it('migrations build the schema on an empty database and are idempotent', async () => {
    const db = await createTestDatabase();
    const orm = await openOrm(db.database);
    try {
      assert.deepEqual(await migrate(orm), migrationsList.map((m) => m.name));
      assert.deepEqual(await migrate(orm), []);
      const rows = await orm.em.getConnection().execute('select count(*) as n from messages');
      assert.equal(Number(rows[0]?.n), 0);
    } finally {
      await orm.close();
      await db.drop();
    }
  });

  it('SQLite runs in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const db = await createTestDatabase();
    const orm = await openOrm(db.database);
    try {
      if (platformOf(orm) !== 'sqlite') {
        const [row] = await orm.em.getConnection().execute('show synchronous_commit');
        assert.equal(row?.synchronous_commit, 'on');
        return;
      }
      const connection = orm.em.getConnection();
      assert.equal((await connection.execute('pragma journal_mode'))[0]?.journal_mode, 'wal');
      assert.equal((await connection.execute('pragma synchronous'))[0]?.synchronous, 2);
      assert.equal((await connection.execute('pragma foreign_keys'))[0]?.foreign_keys, 1);
    } finally {
      await orm.close();
      await db.drop();
    }
  });
});
