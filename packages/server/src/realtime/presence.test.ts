// Presence for collision detection: who shows a conversation and who is typing a reply in it,
// told to the workspace's other sockets as it changes and answered to a socket that opens it;
// gone with the socket; never across workspaces.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Presence } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket, type TestSocket } from '../test-support/clients.js';
import { ok } from '../test-support/list-all.js';

/** The presence updates `socket` receives, and a way to wait for one. */
function watch(socket: TestSocket) {
  const seen: Presence[] = [];
  socket.socket.on('presence', (p: Presence) => seen.push(p));
  return {
    seen,
    next(predicate: (p: Presence) => boolean, timeoutMs = 5_000): Promise<Presence> {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const found = seen.find(predicate);
          if (found) return resolve(found);
          if (Date.now() - started > timeoutMs) return reject(new Error('no such presence update'));
          setTimeout(check, 20);
        };
        check();
      });
    },
  };
}

describe('presence', () => {
  let t: TestServer;
  let alex: TestSocket;
  let sam: TestSocket;
  let conversationId: string;

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    await t.createWorkspace('elsewhere');
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    sam = await connectSocket(t.url, await t.token({ user: 'agent-2', name: 'Sam Patel' }));
    conversationId = (await ok<{ items: { conversation: { id: string } }[] }>(alex, 'conversations.list', { view: 'all', limit: 1 })).items[0]!.conversation.id;
  });
  after(async () => {
    alex?.close();
    sam?.close();
    await t?.close();
  });

  it('tells the others who opens a conversation and who types in it, and answers who is there', async () => {
    const atAlex = watch(alex);
    const outsider = await connectSocket(t.url, await t.token({ workspace: 'elsewhere', user: 'agent-9' }));
    const atOutsider = watch(outsider);
    assert.deepEqual(await ok(sam, 'presence.set', { conversationId }), { others: [] });
    const opened = await atAlex.next((p) => p.name === 'Sam Patel' && p.conversationId === conversationId);
    assert.equal(opened.typing, false);
    assert.equal(opened.viewerId, sam.socket.id);

    const answer = await ok<{ others: Presence[] }>(alex, 'presence.set', { conversationId });
    assert.deepEqual(answer.others.map((p) => [p.name, p.typing]), [['Sam Patel', false]]);
    await ok(sam, 'presence.set', { conversationId, typing: true });
    await atAlex.next((p) => p.name === 'Sam Patel' && p.typing);
    const secondTab = await connectSocket(t.url, await t.token({ user: 'agent-2', name: 'Sam Patel' }));
    const again = await ok<{ others: Presence[] }>(secondTab, 'presence.set', { conversationId });
    assert.deepEqual(again.others.map((p) => [p.name, p.typing]).sort(), [['Alex Rivera', false], ['Sam Patel', true]]);
    secondTab.close();

    sam.close();
    const left = await atAlex.next((p) => p.viewerId === opened.viewerId && p.conversationId === null);
    assert.equal(left.typing, false);
    assert.deepEqual(atOutsider.seen, [], 'another workspace hears nothing');
    outsider.close();
    sam = await connectSocket(t.url, await t.token({ user: 'agent-2', name: 'Sam Patel' }));
  });

  it('resolves the conversation inside the caller\'s workspace and checks what it is given', async () => {
    const outsider = await connectSocket(t.url, await t.token({ workspace: 'elsewhere', user: 'agent-9' }));
    const foreign = await outsider.request('presence.set', { conversationId });
    assert.equal(!foreign.ok && foreign.error.code, 'not_found');
    for (const params of [{}, { conversationId: 'x'.repeat(5000) }, { conversationId, typing: 'yes' }, { conversationId: '\u0000' }]) {
      const answer = await alex.request('presence.set', params);
      assert.equal(answer.ok, false, JSON.stringify(params).slice(0, 60));
      assert.ok(!answer.ok && ['invalid_params', 'too_long', 'not_found'].includes(answer.error.code), !answer.ok ? answer.error.code : '');
    }
    assert.deepEqual(await ok(alex, 'presence.set', { conversationId: null }), { others: [] });
    outsider.close();
  });
});
