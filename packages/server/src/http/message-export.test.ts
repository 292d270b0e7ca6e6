// Messages as CSV: one thread for any agent, every thread for admins, streamed past a page, each
// row in the seed's columns with the date and time in the workspace's time zone, and never a
// formula a spreadsheet would run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/index.js';
import { generateConversations } from '../testing/generate.js';
import { restClient } from '../test-support/clients.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { sqlAll } from '../db/sql.js';
import type { EntityManager } from '@mikro-orm/sql';

/** CSV rows as arrays of fields (quotes, doubled quotes and line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('messages as CSV', () => {
  let t: TestServer;
  const get = async (path: string, token: string) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    assert.equal((await admin('PATCH', '/v1/workspace', { timezone: 'America/Chicago' })).status, 200);
  });
  after(async () => t?.close());

  it("one thread, for any agent: the seed's columns, in thread order, the time in the workspace's zone", async () => {
    const phone = '+15550500001';
    await t.simulateSms({ from: phone, body: 'Is 4 Elm St still available?' });
    await t.simulateSms({ from: phone, body: 'Also on WhatsApp', whatsapp: true });
    await t.simulateSms({ from: phone, body: '=HYPERLINK("http://evil.example","click"), and a "quote"' });
    const agent = await t.token({ user: 'agent-1', name: 'Alex Rivera' });
    const list = await restClient(t.url, agent)('GET', '/v1/conversations?limit=100');
    const conversation = list.body.items.find((i: { conversation: { contact: { phone: string } } }) => i.conversation.contact.phone === phone).conversation;
    const response = await get(`/v1/conversations/${conversation.id}/export.csv`, agent);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/csv/);
    assert.match(response.headers.get('content-disposition')!, /attachment; filename="thread-.+\.csv"/);
    const text = await response.text();
    assert.ok(text.includes(`'=HYPERLINK`), 'a formula is never written as one');
    const [header, ...rows] = parseCsv(text);
    assert.deepEqual(header, ['message_id', 'thread_id', 'date', 'time', 'contact_name', 'from', 'to', 'status', 'channel', 'message']);
    assert.deepEqual(rows.map((r) => [r[1], r[5], r[7], r[8], r[9]]), [
      [conversation.id, phone, 'received', 'sms', 'Is 4 Elm St still available?'],
      [conversation.id, phone, 'received', 'whatsapp', 'Also on WhatsApp'],
      [conversation.id, phone, 'received', 'sms', `'=HYPERLINK("http://evil.example","click"), and a "quote"`],
    ]);
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    // A WhatsApp message's "to" is the number, without Twilio's "whatsapp:" address prefix.
    const workspaceNumber = (await findWorkspaceBySlug(t.server.orm, 'demo'))!.smsNumber;
    assert.equal(rows[1]![6], workspaceNumber);
    const [stored] = await sqlAll<{ created_at: number }>(em, 'select created_at from messages where id = ?', [rows[0]![0]]);
    const chicago = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(Number(stored!.created_at)));
    assert.equal(`${rows[0]![2]}, ${rows[0]![3]}`, chicago);
  });

  it("is never another workspace's thread, and every thread is for admins only", async () => {
    await t.createWorkspace('acme-export');
    const stranger = await t.token({ workspace: 'acme-export', user: 'agent-9' });
    const agent = await t.token({ user: 'agent-1' });
    const list = await restClient(t.url, agent)('GET', '/v1/conversations?limit=1');
    assert.equal((await get(`/v1/conversations/${list.body.items[0].conversation.id}/export.csv`, stranger)).status, 404);
    assert.equal((await get('/v1/conversations/not-an-id/export.csv', agent)).status, 404);
    assert.equal((await get('/v1/messages/export.csv', agent)).status, 403);
    assert.equal((await fetch(`${t.url}/v1/messages/export.csv`)).status, 401);
  });

  it('every thread of a large workspace, streamed page after page: each message once', async () => {
    const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    await generateConversations(t.server.orm, workspace.id, { conversations: 230, messagesPer: 10 });
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const [{ count }] = (await sqlAll<{ count: number }>(em, 'select count(*) as count from messages where workspace_id = ?', [workspace.id])) as [{ count: number }];
    assert.ok(Number(count) > 2300);
    const response = await get('/v1/messages/export.csv', await t.token({ user: 'admin-1', role: 'admin' }));
    assert.equal(response.status, 200);
    const [, ...rows] = parseCsv(await response.text());
    assert.equal(rows.length, Number(count));
    assert.equal(new Set(rows.map((r) => r[0])).size, rows.length, 'each message once');
  });

  it('is read by a host page of any origin with its token, refusals included (the SDK, the row menu)', async () => {
    const origin = { origin: 'https://crm.example.com' };
    for (const path of ['/v1/messages/export.csv', '/v1/conversations/someid/export.csv']) {
      const preflight = await fetch(`${t.url}${path}`, { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
      assert.equal(preflight.status, 204, path);
      assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
      assert.equal(preflight.headers.get('access-control-allow-headers'), 'authorization');
    }
    const admin = await t.token({ user: 'admin-1', role: 'admin' });
    const all = await fetch(`${t.url}/v1/messages/export.csv`, { headers: { ...origin, authorization: `Bearer ${admin}` } });
    assert.equal(all.status, 200);
    assert.equal(all.headers.get('access-control-allow-origin'), '*');
    await all.arrayBuffer();
    const refused = await fetch(`${t.url}/v1/messages/export.csv`, { headers: { ...origin, authorization: `Bearer ${await t.token({ user: 'agent-1' })}` } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*', 'the page can read why');
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'forbidden');
  });
});
