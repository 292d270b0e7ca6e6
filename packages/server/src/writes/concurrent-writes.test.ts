// Many agents and a provider writing to one workspace at once, on the database this run uses
// (CONVKIT_TEST_DB). After each burst: no 5xx, and what events said is what is stored
// (test-support/consistency.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { generateConversations, startTestServer, type TestServer } from '../testing/index.js';
import { restClient } from '../test-support/clients.js';
import { assertConsistent, listView, threadOf, type Agent } from '../test-support/consistency.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { sqlAll } from '../db/sql.js';

/** Room for the bursts: these tests are about the database, not the rate limits. */
const ROOMY = { userCommands: { burst: 100_000, perSecond: 100_000 }, inFlightPerUser: 1000, inFlightPerSocket: 1000, restPerIpPerMinute: 1_000_000 };

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('concurrent writes', () => {
  let t: TestServer;
  let workspaceId: string;
  let admin: Agent;
  let agents: Agent[];
  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status);
  const assertNo5xx = (responses: { status: number; body: unknown }[]) => {
    const failed = responses.filter((r) => r.status >= 500);
    assert.deepEqual(failed, [], 'no request failed with a server error');
  };

  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: ROOMY });
    workspaceId = (await findWorkspaceBySlug(t.server.orm, 'demo'))!.id;
    const signIn = async (user: string, role: 'admin' | 'agent'): Promise<Agent> => {
      const rest = restClient(t.url, await t.token({ user, role }));
      const me = await rest('GET', '/v1/users');
      assert.equal(me.status, 200);
      return { rest, userId: '' };
    };
    agents = [await signIn('agent-1', 'admin'), await signIn('agent-2', 'agent'), await signIn('agent-3', 'agent'), await signIn('agent-4', 'agent')];
    // Ids come from the user list once everyone has signed in.
    const users = (await agents[0]!.rest<{ id: string; externalId: string }[]>('GET', '/v1/users')).body;
    agents.forEach((agent, i) => (agent.userId = users.find((u) => u.externalId === `agent-${i + 1}`)!.id));
    admin = agents[0]!;
  });
  after(async () => t.close());

  async function conversationOf(phone: string): Promise<string> {
    const sms = await t.simulateSms({ from: phone, body: `hello from ${phone}` });
    assert.equal(sms.status, 200);
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const [row] = await sqlAll<{ id: string }>(em, "select c.id from conversations c join contacts ct on ct.id = c.contact_id where ct.phone = ? and c.status = 'open'", [phone]);
    return row!.id;
  }

  it('160 mixed actions on one conversation: labels, assigns, reads, stars, sends and 20 inbound messages', async () => {
    const phone = '+15557000001';
    const id = await conversationOf(phone);
    const labelIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const label = await admin.rest('POST', '/v1/labels', { name: `burst ${i}`, color: '#336699' });
      assert.equal(label.status, 201);
      labelIds.push(label.body.id);
    }
    const agent = (i: number) => agents[i % agents.length]!;
    const actions: (() => Promise<{ status: number; body: unknown }>)[] = [
      ...labelIds.map((labelId) => () => admin.rest('PATCH', `/v1/conversations/${id}`, { addLabelIds: [labelId] })),
      ...labelIds.slice(0, 10).map((labelId) => () => admin.rest('PATCH', `/v1/conversations/${id}`, { removeLabelIds: [labelId] })),
      ...Array.from({ length: 30 }, (_, i) => () => agent(i).rest('POST', `/v1/conversations/${id}/read`)),
      ...Array.from({ length: 30 }, (_, i) => () => agent(i).rest('POST', `/v1/conversations/${id}/mark`, i % 3 === 2 ? { unread: true } : { starred: i % 2 === 0 })),
      ...Array.from({ length: 20 }, (_, i) => () => admin.rest('PATCH', `/v1/conversations/${id}`, { assigneeId: i % 5 === 4 ? null : agent(i).userId })),
      ...Array.from({ length: 10 }, (_, i) => () =>
        agent(i).rest('POST', `/v1/conversations/${id}/messages`, { clientId: randomUUID(), body: `reply ${i}`, ...(i % 2 ? { kind: 'note' } : {}) })),
      ...Array.from({ length: 20 }, (_, i) => () => t.simulateSms({ from: phone, body: `inbound ${i}` })),
    ];
    assert.equal(actions.length, 160);
    const responses = await Promise.all(shuffled(actions).map((action) => action()));
    assertNo5xx(responses);
    assert.ok(responses.every((r) => r.status < 300), `every action succeeded: ${JSON.stringify(statuses(responses).filter((s) => s >= 300))}`);
    await assertConsistent(t, workspaceId, agents);
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const [thread] = await sqlAll<{ last_seq: unknown }>(em, 'select last_seq from conversations where id = ?', [id]);
    assert.equal(Number(thread!.last_seq), 1 + 10 + 20, 'the first message, 10 replies and 20 inbound, one seq each');
  });

  it('two agents sending with the same clientId at once send two messages; one agent retrying sends one', async () => {
    const id = await conversationOf('+15557000002');
    const [, sam, kim] = agents as [Agent, Agent, Agent];
    for (let pair = 0; pair < 20; pair++) {
      const clientId = randomUUID();
      const [a, b] = await Promise.all([
        sam.rest('POST', `/v1/conversations/${id}/messages`, { clientId, body: `sam ${pair}` }),
        kim.rest('POST', `/v1/conversations/${id}/messages`, { clientId, body: `kim ${pair}` }),
      ]);
      assert.deepEqual([a.status, b.status], [201, 201]);
      assert.notEqual(a.body.id, b.body.id);
      assert.deepEqual([a.body.body, a.body.author.id, b.body.body, b.body.author.id], [`sam ${pair}`, sam.userId, `kim ${pair}`, kim.userId]);
    }
    for (let pair = 0; pair < 10; pair++) {
      const send = { clientId: randomUUID(), body: `once ${pair}` };
      const [a, b] = await Promise.all([sam.rest('POST', `/v1/conversations/${id}/messages`, send), sam.rest('POST', `/v1/conversations/${id}/messages`, send)]);
      assert.deepEqual([a.status, b.status], [201, 201]);
      assert.equal(a.body.id, b.body.id, 'a retry answers the first send');
    }
    // The same clientId for a different text is a client bug: refused, never swallowed.
    const clientId = randomUUID();
    const clash = await Promise.all([
      kim.rest('POST', `/v1/conversations/${id}/messages`, { clientId, body: 'first text' }),
      kim.rest('POST', `/v1/conversations/${id}/messages`, { clientId, body: 'second text' }),
    ]);
    assert.deepEqual(statuses(clash).sort(), [201, 409]);
    const refused = clash.find((r) => r.status === 409)!;
    assert.equal((refused.body as { error: { code: string } }).error.code, 'conflict');
    const thread = await threadOf(sam.rest, id);
    assert.equal(thread.filter((m) => /^(sam|kim) \d+$/.test(m.body)).length, 40, 'all 40 texts of the pairs are stored');
    assert.equal(thread.filter((m) => /^once \d+$/.test(m.body)).length, 10, 'each retried send is stored once');
    assert.equal(thread.filter((m) => m.body === 'first text' || m.body === 'second text').length, 1);
    await assertConsistent(t, workspaceId, agents);
  });

  it('a bulk archive of 1,000 conversations while 200 inbound messages arrive', async () => {
    await generateConversations(t.server.orm, workspaceId, { conversations: 1000, phonePrefix: '+1888' });
    const phones = (await listView(admin.rest, 'all')).flatMap((item) => (item.conversation.contact.phone?.startsWith('+1888') ? [item.conversation.contact.phone] : []));
    assert.equal(phones.length, 1000);
    const bulk = admin.rest('POST', '/v1/conversations/bulk', { operationId: randomUUID(), target: { view: 'all', filter: {} }, action: { type: 'archive' } });
    const inbound = Promise.all(phones.slice(0, 200).map((from, i) => t.simulateSms({ from, body: `during the bulk ${i}` })));
    const [bulkResponse, inboundResponses] = await Promise.all([bulk, inbound]);
    assertNo5xx([bulkResponse, ...inboundResponses]);
    assert.equal(bulkResponse.status, 200, JSON.stringify(bulkResponse.body));
    assert.ok(bulkResponse.body.matched >= 1000);
    assert.ok(inboundResponses.every((r) => r.status === 200));
    await assertConsistent(t, workspaceId, agents);
  });

  it('10 inbound messages at once from a contact whose conversation was just deleted open one conversation', async () => {
    const phone = '+15557000003';
    const id = await conversationOf(phone);
    assert.equal((await admin.rest('DELETE', `/v1/conversations/${id}`)).status, 200);
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => t.simulateSms({ from: phone, body: `after the delete ${i}` })));
    assert.deepEqual(statuses(responses), Array(10).fill(200));
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const rows = await sqlAll<{ id: string; last_seq: unknown }>(em, 'select c.id, c.last_seq from conversations c join contacts ct on ct.id = c.contact_id where ct.phone = ?', [phone]);
    assert.equal(rows.length, 1, 'one conversation');
    assert.equal(Number(rows[0]!.last_seq), 10, 'holding all 10 messages');
    await assertConsistent(t, workspaceId, agents);
  });

  it('two bulk tag actions at once over the same contacts keep both tags', async () => {
    const ids = (await listView(admin.rest, 'all')).slice(0, 60).map((item) => item.conversation.id);
    const tag = (name: string) => admin.rest('POST', '/v1/conversations/bulk', { operationId: randomUUID(), target: { ids }, action: { type: 'tagContacts', tag: name } });
    const [a, b] = await Promise.all([tag('burst-vip'), tag('burst-late')]);
    assertNo5xx([a, b]);
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const rows = await sqlAll<{ tags: unknown }>(em, `select ct.tags from contacts ct join conversations c on c.contact_id = ct.id where c.id in (${ids.map(() => '?').join(', ')})`, ids);
    for (const row of rows) {
      const tags = typeof row.tags === 'string' ? (JSON.parse(row.tags) as string[]) : (row.tags as string[]);
      assert.ok(tags.includes('burst-vip') && tags.includes('burst-late'), `both tags kept: ${JSON.stringify(tags)}`);
    }
    await assertConsistent(t, workspaceId, agents);
  });

  it('a bulk unarchive of two archived conversations of one contact reopens one and skips the other', async () => {
    const phone = '+15557000004';
    const first = await conversationOf(phone);
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    // A second thread of the same contact, as older data (before the one-open rule) can hold.
    const second = randomUUID();
    await sqlAll(em, "insert into conversations (id, workspace_id, contact_id, status, last_activity_at, created_at) select ?, workspace_id, contact_id, 'archived', 1, 1 from conversations where id = ?", [second, first]);
    assert.equal((await admin.rest('PATCH', `/v1/conversations/${first}`, { status: 'archived' })).status, 200);
    const bulk = await admin.rest('POST', '/v1/conversations/bulk', { operationId: randomUUID(), target: { ids: [first, second] }, action: { type: 'unarchive' } });
    assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
    assert.deepEqual([bulk.body.matched, bulk.body.changed], [2, 1]);
    const open = await sqlAll(em, "select id from conversations where id in (?, ?) and status = 'open'", [first, second]);
    assert.equal(open.length, 1);
  });
});
