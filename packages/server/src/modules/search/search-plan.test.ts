// The search condition must reach its indexes: a query expression that differs from the
// indexed one by a single character still returns the right rows, only by reading every row.
// With a few thousand conversations and fresh statistics, each kind of search must be able to
// use its own index.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { platformOf } from '../../db/orm.js';
import { sqlAll } from '../../db/sql.js';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { findWorkspaceBySlug } from '../workspaces/workspaces.service.js';
import { searchCondition } from './search.service.js';

const ROWS = 5000;
// Rows 1..ROWS of a recursive series, in SQL both databases accept.
const series = `(with recursive g(n) as (select 1 union all select n + 1 from g where n < ${ROWS}) select n from g) g`;

describe('search plans', () => {
  let t: TestServer;
  let workspaceId: string;
  let platform: 'sqlite' | 'postgres';
  const em = () => t.server.orm.em.fork() as unknown as EntityManager;

  before(async () => {
    t = await startTestServer({ seed: 'empty' });
    await t.createWorkspace('bulk');
    workspaceId = (await findWorkspaceBySlug(t.server.orm, 'bulk'))!.id;
    platform = platformOf(t.server.orm);
    // Written with SQL rather than webhooks: thousands of rows, only to give the planner a choice.
    await sqlAll(
      em(),
      `insert into contacts (id, workspace_id, first_name, last_name, phone, email, tags, created_at) ` +
        `select 'ct-' || n, ?, 'First' || n, 'Last' || n, '+1666' || (1000000 + n), 'person' || n || '@bulk.example', '[]', 0 from ${series}`,
      [workspaceId],
    );
    await sqlAll(
      em(),
      `insert into conversations (id, workspace_id, contact_id, status, last_activity_at, created_at) select 'cv-' || n, ?, 'ct-' || n, 'open', n, 0 from ${series}`,
      [workspaceId],
    );
    await sqlAll(
      em(),
      `insert into messages (id, workspace_id, conversation_id, seq, kind, author_type, author_name, body, status, meta, created_at) ` +
        `select 'm-' || n, ?, 'cv-' || n, 1, 'message', 'contact', 'Bulk', 'Question number w' || n || ' about the listing', 'received', '{}', 0 from ${series}`,
      [workspaceId],
    );
    await sqlAll(em(), 'analyze');
  });
  after(async () => {
    await t.close();
  });

  const plan = async (query: string): Promise<string> => {
    const condition = searchCondition(platform, workspaceId, query)!;
    const sql = `select c.id from conversations c where c.workspace_id = ? and (${condition.sql}) order by c.last_activity_at desc limit 50`;
    const params = [workspaceId, ...condition.params];
    const rows = await em().transactional(async (tx) => {
      // Thousands of rows still fit in a few hundred pages, where PostgreSQL rightly prefers
      // reading them all, or every row of the workspace, and testing each one. Ruling out the
      // scan and pricing each test like a page read leaves the question asked here: can it use
      // the search index at all?
      if (platform === 'postgres') {
        await sqlAll(tx, 'set local enable_seqscan = off');
        await sqlAll(tx, 'set local cpu_operator_cost = 1');
      }
      return sqlAll<Record<string, string>>(tx, `${platform === 'sqlite' ? 'explain query plan' : 'explain'} ${sql}`, params);
    });
    const found = await sqlAll(em(), sql, params);
    assert.equal(found.length, 1, `${query} finds its one conversation`);
    return rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n');
  };

  it('message words through the message index', async () => {
    const words = await plan('w1234');
    assert.match(words, platform === 'sqlite' ? /SCAN messages_fts VIRTUAL TABLE INDEX/ : /conversation_search_words_index/);
    // The hits are a list to test rows against, not a list of rows to fetch and sort (see search-sql.ts).
    if (platform === 'sqlite') assert.doesNotMatch(words, /SEARCH c USING INTEGER PRIMARY KEY/);
  });

  it('a name through the trigram index', async () => {
    assert.match(await plan('last1234'), platform === 'sqlite' ? /SCAN conversation_contacts_fts VIRTUAL TABLE INDEX/ : /contacts_search_name_index/);
  });

  it('an email through the trigram index', async () => {
    assert.match(await plan('person1234@bulk'), platform === 'sqlite' ? /SCAN conversation_contacts_fts VIRTUAL TABLE INDEX/ : /contacts_search_email_index/);
  });

  it('a phone through the trigram index on its digits', async () => {
    assert.match(await plan('(666) 100-1234'), platform === 'sqlite' ? /SCAN conversation_contacts_fts VIRTUAL TABLE INDEX/ : /contacts_search_phone_index/);
  });

  it('one or two letters through the word index', async () => {
    await sqlAll(em(), "update contacts set first_name = 'Zyanya' where id = 'ct-77'");
    if (platform === 'postgres') await sqlAll(em(), 'analyze contacts');
    assert.match(await plan('zy'), platform === 'sqlite' ? /SCAN conversation_contact_words_fts VIRTUAL TABLE INDEX/ : /contacts_search_words_index/);
  });
});
