// The inbound path's statements are prepared once per PostgreSQL connection. A migration that
// changes a table they read makes PostgreSQL refuse them on every connection that prepared them;
// the delivery must still be stored, not answered 500 until the server restarts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pool } from 'pg';
import { startTestServer, testDatabaseKind, type TestServer } from '../testing/index.js';
import { writeStats } from '../metrics/write-stats.js';

if (testDatabaseKind() === 'postgres') {
  describe('prepared statements across a schema change', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ seed: 'demo' });
    });
    after(async () => t.close());

    it('stores the next deliveries after a column the statements read changes type', async () => {
      const phone = '+15557310001';
      // The first creates the contact; the second reads (and prepares the read of) its conversation.
      for (const n of [1, 2]) assert.equal((await t.simulateSms({ from: phone, body: `before ${n}` })).status, 200);

      const pool = (await t.server.orm.em.getConnection().getNativeClient()) as Pool;
      await pool.query('alter table conversations alter column last_message_preview type text');
      await pool.query('alter table conversations add column added_by_a_migration int');
      const retriedBefore = writeStats.retries.stale_statement;

      for (const round of [1, 2, 3]) {
        const next = await Promise.all([1, 2, 3, 4].map((n) => t.simulateSms({ from: phone, body: `after ${round}.${n}` })));
        assert.deepEqual(next.map((r) => r.status), [200, 200, 200, 200], `round ${round}`);
      }
      assert.ok(writeStats.retries.stale_statement > retriedBefore, 'the stale statements were refused and the transactions run again');
      const { rows } = await pool.query("select count(*)::int as n from messages where body like 'after %'");
      assert.equal(rows[0].n, 12);
    });
  });
}
