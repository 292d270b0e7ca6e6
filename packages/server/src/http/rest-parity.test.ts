// One command behaves the same over REST and the socket: every bulk action, and unknown fields
// refused with invalid_params on both.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../test-support/clients.js';
import { ok } from '../test-support/list-all.js';

describe('REST and socket parity', () => {
  let t: TestServer;
  let socket: TestSocket;
  let rest: ReturnType<typeof restClient>;
  let labelId: string;
  let sam: string;
  const conversations: string[] = [];

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    const token = await t.token({ user: 'agent-1', role: 'admin' });
    socket = await connectSocket(t.url, token);
    rest = restClient(t.url, token);
    labelId = (await ok(socket, 'labels.list'))[0].id;
    sam = (await ok(socket, 'users.list')).find((u: { externalId: string }) => u.externalId === 'agent-2').id;
    for (let i = 0; i < 2; i++) {
      await t.simulateSms({ from: `+1555710000${i}`, body: 'parity' });
      conversations.push((await ok(socket, 'conversations.list', { view: 'all', limit: 1 })).items[0].conversation.id);
    }
  });
  after(async () => {
    socket.close();
    await t.close();
  });

  type Expectation = (item: { conversation: any; readState: any }, contact: any) => void;
  const actions: [Record<string, unknown>, Expectation][] = [
    [{ type: 'archive' }, ({ conversation }) => assert.equal(conversation.status, 'archived')],
    [{ type: 'unarchive' }, ({ conversation }) => assert.equal(conversation.status, 'open')],
    [{ type: 'assign', assigneeId: '' }, ({ conversation }) => assert.equal(conversation.assigneeId, sam)],
    [{ type: 'addLabel', labelId: '' }, ({ conversation }) => assert.ok(conversation.labelIds.includes(labelId))],
    [{ type: 'removeLabel', labelId: '' }, ({ conversation }) => assert.ok(!conversation.labelIds.includes(labelId))],
    [{ type: 'markUnread' }, ({ readState }) => assert.equal(readState.manualUnread, true)],
    [{ type: 'markRead' }, ({ readState, conversation }) => assert.equal(readState.lastReadSeq, conversation.lastSeq)],
    [{ type: 'tagContacts', tag: 'parity' }, (_, contact) => assert.ok(contact.tags.includes('parity'))],
  ];

  for (const [template, expectation] of actions) {
    it(`bulk ${template.type} is accepted over REST and the socket alike`, async () => {
      // Ids known only once the server runs fill the placeholders.
      const action = { ...template, ...('labelId' in template ? { labelId } : {}), ...('assigneeId' in template ? { assigneeId: sam } : {}) };
      const [viaRest, viaSocket] = conversations;
      const restAnswer = await rest('POST', '/v1/conversations/bulk', { operationId: randomUUID(), target: { ids: [viaRest] }, action });
      assert.equal(restAnswer.status, 200, JSON.stringify(restAnswer.body));
      const socketAnswer = await ok(socket, 'conversations.bulk', { operationId: randomUUID(), target: { ids: [viaSocket] }, action });
      assert.deepEqual({ ...restAnswer.body, operationId: null }, { ...socketAnswer, operationId: null });
      for (const id of conversations) {
        const item = await ok(socket, 'conversations.get', { id });
        expectation(item, await ok(socket, 'contacts.get', { id: item.conversation.contact.id }));
      }
    });
  }

  it('unknown fields are invalid_params over both', async () => {
    const [id] = conversations;
    const viaRest = await rest('PATCH', `/v1/conversations/${id}`, { status: 'open', bogus: 1 });
    assert.equal(viaRest.status, 400);
    assert.equal(viaRest.body.error.code, 'invalid_params');
    const viaSocket = await socket.request('conversations.update', { id, status: 'open', bogus: 1 });
    assert.equal(!viaSocket.ok && viaSocket.error.code, 'invalid_params');
  });

  it('a note with mentions is sent over REST as over the socket', async () => {
    const [id] = conversations;
    const viaRest = await rest('POST', `/v1/conversations/${id}/messages`, { clientId: randomUUID(), body: 'look', kind: 'note', mentions: [sam] });
    assert.equal(viaRest.status, 201, JSON.stringify(viaRest.body));
    assert.deepEqual(viaRest.body.meta.mentions.map((m: { id: string }) => m.id), [sam]);
  });
});
