// Plain SQL given a transaction runs inside it, on SQLite through prepared statements; given one
// that has ended (an entity manager kept past its work) it must not run outside every lock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { startTestServer, testDatabaseKind, type TestServer } from '../testing/index.js';
import { sqlAll } from './sql.js';

describe('plain SQL in a transaction', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
  });
  after(async () => t.close());

  it('runs inside the transaction it is given', async () => {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const seen = await em.transactional(async (tx) => {
      await sqlAll(tx as EntityManager, "update workspaces set name = 'renamed inside' where slug = ?", ['demo']);
      return sqlAll<{ name: string }>(tx as EntityManager, 'select name from workspaces where slug = ?', ['demo']);
    });
    assert.deepEqual(seen, [{ name: 'renamed inside' }]);
  });

  // better-sqlite3 binds every JS number as REAL; MikroORM's formatting wrote integers as such.
  if (testDatabaseKind() === 'sqlite') {
    it('binds integers as integers and other numbers as they are, on SQLite', async () => {
      const em = t.server.orm.em.fork() as unknown as EntityManager;
      const [row] = await em.transactional(async (tx) =>
        sqlAll<Record<string, unknown>>(tx as EntityManager, 'select typeof(? + 1) as sum, ? + 1 as value, typeof(?) as fraction', [41, 41, 1.5]),
      );
      assert.deepEqual(row, { sum: 'integer', value: 42, fraction: 'real' });
    });
  }

  it('refuses a transaction that has committed, as MikroORM does', async () => {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const kept = await em.transactional(async (tx) => tx as EntityManager);
    await assert.rejects(sqlAll(kept, "update workspaces set name = 'renamed after the commit' where slug = ?", ['demo']));
    const [row] = await sqlAll<{ name: string }>(t.server.orm.em.fork() as unknown as EntityManager, 'select name from workspaces where slug = ?', ['demo']);
    assert.notEqual(row?.name, 'renamed after the commit');
  });
});
