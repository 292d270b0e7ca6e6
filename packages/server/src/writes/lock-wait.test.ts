// An inbound message that waits for another writer's lock on its conversation describes the
// conversation as that writer left it. On PostgreSQL a locking read that waited returns the
// latest version of the locked row, but whatever else the same statement reads comes from the
// snapshot taken before the wait: labels read there would miss the labels the other writer
// added. Deterministic: the test itself is the other writer, holding the lock until the
// webhook is waiting on it. (SQLite has one writer at a time: no statement waits inside a
// transaction there.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { startTestServer, testDatabaseKind, type TestServer } from '../testing/index.js';
import { connectSocket } from '../test-support/clients.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';

if (testDatabaseKind() === 'postgres') {
  describe('an inbound message that waits for a lock', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ seed: 'demo' });
    });
    after(async () => t.close());

    it("carries the labels the lock's holder added, as stored", async () => {
      const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
      const phone = '+15557300001';
      assert.equal((await t.simulateSms({ from: phone, body: 'first' })).status, 200);
      const pool = (await t.server.orm.em.getConnection().getNativeClient()) as Pool;
      const { rows: [conversation] } = await pool.query('select c.id from conversations c join contacts ct on ct.id = c.contact_id where ct.phone = $1', [phone]);
      const { rows: [label] } = await pool.query('select id from labels where workspace_id = $1 limit 1', [workspace.id]);
      assert.ok(conversation && label, 'a conversation and a label to put on it');

      const agent = await connectSocket(t.url, await t.token());
      const holder = await pool.connect();
      try {
        await holder.query('begin');
        await holder.query('select id from conversations where id = $1 for update', [conversation.id]);
        await holder.query('insert into conversation_labels (id, workspace_id, conversation_id, label_id) values ($1, $2, $3, $4)', [randomUUID(), workspace.id, conversation.id, label.id]);
        const webhook = t.simulateSms({ from: phone, body: 'second, while the lock is held' });
        // The webhook's transaction is waiting on the conversation's row lock.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await pool.query("select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()");
          if (rows[0].n > 0) break;
          assert.ok(Date.now() < deadline, 'the webhook never waited on the lock');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await holder.query('commit');
        assert.equal((await webhook).status, 200);
        const event = await agent.waitForEvent((e) => e.type === 'message.created' && e.data.message.body === 'second, while the lock is held', 5_000);
        assert.equal(event.type, 'message.created');
        if (event.type === 'message.created') assert.deepEqual(event.data.conversation.labelIds, [label.id]);
      } finally {
        // Dropped, not pooled: if an assertion failed, its transaction is still open.
        holder.release(true);
        agent.close();
      }
    });
  });
}
