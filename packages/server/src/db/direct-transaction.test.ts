// Direct transactions (the inbound path's): all or nothing, on both databases. On PostgreSQL the
// last writes travel with the commit, so a failing write must still undo what came before it,
// and leave its connection fit for the next transaction.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { startTestServer, type TestServer } from '../testing/index.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { runDirectTransaction } from './direct-transaction.js';
import { sqlAll } from './sql.js';

describe('direct transactions', () => {
  let t: TestServer;
  let workspaceId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    workspaceId = (await findWorkspaceBySlug(t.server.orm, 'demo'))!.id;
  });
  after(async () => t.close());

  const name = async () => (await sqlAll<{ name: string }>(t.server.orm.em.fork() as unknown as EntityManager, 'select name from workspaces where id = ?', [workspaceId]))[0]!.name;

  it('commit what the work wrote, its last writes included', async () => {
    const result = await runDirectTransaction(t.server.orm, async (sql) => {
      await sql.all('update workspaces set name = ? where id = ?', ['first write', workspaceId]);
      return { result: 'done', writing: sql.all('update workspaces set name = ? where id = ?', ['last write', workspaceId]) };
    });
    assert.equal(result, 'done');
    assert.equal(await name(), 'last write');
  });

  it('undo everything when the last writes fail, and the next transaction runs', async () => {
    const before = await name();
    // More attempts than the pool has connections: each must come back usable.
    for (let attempt = 0; attempt < 12; attempt++) {
      await assert.rejects(
        runDirectTransaction(t.server.orm, async (sql) => {
          await sql.all('update workspaces set name = ? where id = ?', ['never committed', workspaceId]);
          // No such workspace: the foreign key refuses the label.
          return { result: null, writing: sql.all("insert into labels (id, workspace_id, name, color, created_at) values ('01890000-0000-7000-8000-0000000000ab', '01890000-0000-7000-8000-0000000000ac', 'x', '#000000', 1)") };
        }),
      );
      assert.equal(await name(), before);
    }
    await runDirectTransaction(t.server.orm, async (sql) => ({ result: null, writing: sql.all('update workspaces set name = ? where id = ?', ['after the failures', workspaceId]) }));
    assert.equal(await name(), 'after the failures');
  });

  it('undo everything when the work throws before its last writes', async () => {
    const before = await name();
    await assert.rejects(
      runDirectTransaction(t.server.orm, async (sql) => {
        await sql.all('update workspaces set name = ? where id = ?', ['never committed', workspaceId]);
        throw new Error('the work gave up');
      }),
      /the work gave up/,
    );
    assert.equal(await name(), before);
  });
});
