// Activity cards a host backend posts into a thread over REST: kept with their title, details,
// status, link and actor; a retry answers the same card; what cannot be one is refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';

describe('activity cards from the host', () => {
  let t: TestServer;
  let rest: ReturnType<typeof restClient>;
  let alex: TestSocket;
  let conversationId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    rest = restClient(t.url, await t.token({ user: 'host-backend', name: 'Inspections app', role: 'admin' }));
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    const { body } = await rest('POST', '/v1/contacts', { externalId: 'insp-7', phone: '+15553007000', firstName: 'Avery' });
    conversationId = (await rest('POST', `/v1/contacts/${body.contact.id}/conversation`)).body.item.conversation.id;
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  it('posts a card every agent sees live, its title the list row shows, and it makes nothing unread', async () => {
    const heard = alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.kind === 'activity' && e.data.message.conversationId === conversationId);
    const posted = await rest('POST', `/v1/conversations/${conversationId}/activities`, { clientId: 'insp-booked-0001', title: 'Inspection booked', body: 'Friday 10:00\nRoof and attic', status: 'Booked', link: 'https://app.example.com/inspections/88', linkLabel: 'Open inspection', actor: 'Jordan (office)' });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    const card = posted.body as Message;
    assert.deepEqual([card.kind, card.channel, card.direction, card.body, card.author.type, card.author.name], ['activity', null, null, 'Inspection booked', 'system', 'Jordan (office)']);
    assert.deepEqual(card.meta.activity, { title: 'Inspection booked', details: 'Friday 10:00\nRoof and attic', status: 'Booked', link: 'https://app.example.com/inspections/88', linkLabel: 'Open inspection', actor: 'Jordan (office)' });
    const event = await heard;
    assert.ok(event.type === 'message.created');
    assert.equal(event.data.conversation.lastMessage?.preview, 'Inspection booked');
    const item = await alex.request('conversations.get', { id: conversationId });
    assert.ok(item.ok);
    assert.equal(item.data.readState.lastReadSeq < item.data.conversation.lastSeq, true);
    assert.equal(item.data.conversation.lastInboundSeq, 0, 'no message from the contact: not unread');
  });

  it('answers a retry with the card the first attempt stored, and refuses another card under the same clientId', async () => {
    const body = { clientId: 'insp-done-0001', title: 'Inspection completed', status: 'Completed', link: '/inspections/88/report' };
    const [first, second] = await Promise.all([rest('POST', `/v1/conversations/${conversationId}/activities`, body), rest('POST', `/v1/conversations/${conversationId}/activities`, body)]);
    assert.deepEqual([first.status, second.status], [201, 201]);
    assert.equal(first.body.id, second.body.id);
    assert.equal(first.body.author.name, 'Inspections app', "by default the caller's name");
    const other = await rest('POST', `/v1/conversations/${conversationId}/activities`, { ...body, title: 'Inspection cancelled' });
    assert.equal(other.status, 409);
    assert.equal(other.body.error.details.path, 'clientId');
  });

  it('refuses a script link, an empty title, and a conversation of another workspace', async () => {
    const script = await rest('POST', `/v1/conversations/${conversationId}/activities`, { clientId: 'insp-bad-0001', title: 'Click me', link: 'javascript:alert(1)' });
    assert.deepEqual([script.status, script.body.error.details.path], [400, 'link']);
    const protocolRelative = await rest('POST', `/v1/conversations/${conversationId}/activities`, { clientId: 'insp-bad-0002', title: 'Elsewhere', link: '//evil.example/x' });
    assert.deepEqual([protocolRelative.status, protocolRelative.body.error.details.path], [400, 'link']);
    for (const [n, link] of ['/\\evil.example/login', '/\t/evil.example', '/\n/evil.example', 'https://ok.example/a b'].entries()) {
      const answer = await rest('POST', `/v1/conversations/${conversationId}/activities`, { clientId: `insp-off-000${n}`, title: 'Elsewhere', link });
      assert.deepEqual([answer.status, answer.body.error?.details?.path], [400, 'link'], JSON.stringify(link));
    }
    const blank = await rest('POST', `/v1/conversations/${conversationId}/activities`, { clientId: 'insp-bad-0003', title: '   ' });
    assert.deepEqual([blank.status, blank.body.error.details.path], [400, 'title']);
    // Hostile text is kept as text that can be stored: U+0000 and a lone surrogate become U+FFFD.
    const hostile = await rest('POST', `/v1/conversations/${conversationId}/activities`, { clientId: 'insp-odd-0001', title: 'Odd \u0000 title \ud800', actor: 'x\u0000y' });
    assert.equal(hostile.status, 201, JSON.stringify(hostile.body));
    assert.deepEqual([hostile.body.body, hostile.body.author.name], ['Odd \ufffd title \ufffd', 'x\ufffdy']);
    await t.createWorkspace('another-inspector');
    const other = restClient(t.url, await t.token({ workspace: 'another-inspector', user: 'host-backend', role: 'admin' }));
    assert.equal((await other('POST', `/v1/conversations/${conversationId}/activities`, { clientId: 'insp-bad-0004', title: 'Not yours' })).status, 404);
  });
});
