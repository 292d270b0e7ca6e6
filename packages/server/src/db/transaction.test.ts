// What counts as worth running again: a unique-key race arrives from plain SQL with the driver's
// own code, not MikroORM's exception class, on either database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { startTestServer, type TestServer } from '../testing/index.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { sqlAll } from './sql.js';
import { retryReason, runTransaction } from './transaction.js';

describe('write transactions', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
  });
  after(async () => t.close());

  it('a unique-key violation from plain SQL is a race to retry', async () => {
    const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const [contact] = await sqlAll<{ phone: string }>(em, 'select phone from contacts where workspace_id = ? and phone is not null limit 1', [workspace.id]);
    const error = await sqlAll(em, "insert into contacts (id, workspace_id, first_name, last_name, phone, tags, created_at) values ('01890000-0000-7000-8000-0000000000aa', ?, '', '', ?, '[]', 1)", [workspace.id, contact!.phone]).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error, 'the duplicate phone is refused');
    assert.equal(retryReason(error), 'unique');
  });

  it('a reference to a row deleted meanwhile is a race to retry on PostgreSQL (a contact merged away by another node)', async () => {
    const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const error = await sqlAll(
      em,
      "insert into conversations (id, workspace_id, contact_id, status, last_activity_at, created_at) values ('01890000-0000-7000-8000-0000000000ac', ?, '01890000-0000-7000-8000-00000000dead', 'open', 1, 1)",
      [workspace.id],
    ).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error, 'the missing contact is refused');
    // SQLite has one writer: a row cannot vanish under a write there, so nothing is retried.
    assert.equal(retryReason(error), process.env.CONVKIT_TEST_DB === 'postgres' ? 'gone' : null);
  });

  it('runs the work again after a race and answers what the second run found', async () => {
    let runs = 0;
    const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    const result = await runTransaction(t.server.orm, async (em) => {
      runs++;
      const [contact] = await sqlAll<{ phone: string }>(em, 'select phone from contacts where workspace_id = ? and phone is not null limit 1', [workspace.id]);
      if (runs === 1) await sqlAll(em, "insert into contacts (id, workspace_id, first_name, last_name, phone, tags, created_at) values ('01890000-0000-7000-8000-0000000000ab', ?, '', '', ?, '[]', 1)", [workspace.id, contact!.phone]);
      return contact!.phone;
    });
    assert.equal(runs, 2);
    assert.match(result, /^\+/);
  });

  it('does not run again what cannot succeed', async () => {
    let runs = 0;
    await assert.rejects(
      runTransaction(t.server.orm, async (em) => {
        runs++;
        await sqlAll(em, 'select * from no_such_table');
      }),
    );
    assert.equal(runs, 1);
  });
});
