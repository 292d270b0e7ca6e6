// Two threads of one person become one when a WhatsApp message names both the user id the
// person wrote from and their number: a client drops the gone thread, says where it went, and
// reads the surviving one again, renumbered; `conversation.merged` says where it went.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { waitFor } from './support/wait.js';

describe('a merged thread', () => {
  let t: TestServer;
  let alex: ConvClient;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-1', name: 'Alex Rivera' }) });
    await waitFor(alex.session, Boolean);
    await alex.conversations.load();
  });
  after(async () => {
    alex.disconnect();
    await t.close();
  });

  const idOf = (body: string) => waitFor(alex.conversations.store, (s) => s.order.some((id) => s.byId[id]!.lastMessage?.preview === body), 5_000, body).then((s) => s.order.find((id) => s.byId[id]!.lastMessage?.preview === body)!);

  it('drops the gone thread, points at the one it went to, and reads that one again in order', async () => {
    const phone = '+15550302001';
    const userId = 'US.424242424242';
    assert.equal((await t.simulateSms({ from: phone, body: 'About the Maple St listing' })).status, 200);
    const phoneThread = await idOf('About the Maple St listing');
    assert.equal((await t.simulateSms({ from: userId, body: 'Writing from my username', whatsapp: { profileName: 'Rae Lin' } })).status, 200);
    const idThread = await idOf('Writing from my username');
    const gone = alex.threads.get(idThread);
    const kept = alex.threads.get(phoneThread);
    await Promise.all([waitFor(gone, (s) => s.status === 'ready'), waitFor(kept, (s) => s.status === 'ready')]);

    const merged = new Promise<{ conversationId: string; into: string }>((resolve) => {
      const off = alex.onEvent((event) => {
        if (event.type !== 'conversation.merged') return;
        off();
        resolve({ conversationId: event.data.conversationId, into: event.data.conversation.id });
      });
    });
    assert.equal((await t.simulateSms({ from: phone, body: 'Same person, with my number', whatsapp: { userId } })).status, 200);
    const dropped = await waitFor(gone, (s) => s.status === 'error', 5_000, 'the gone thread dropped');
    assert.equal(dropped.error?.code, 'not_found');
    assert.equal(dropped.messages.length, 0);
    assert.deepEqual(await merged, { conversationId: idThread, into: phoneThread });
    const renumbered = await waitFor(kept, (s) => s.status === 'ready' && s.messages.length === 3, 5_000, 'the kept thread read again');
    assert.deepEqual(
      renumbered.messages.map((m) => [m.seq, m.body]),
      [
        [1, 'About the Maple St listing'],
        [2, 'Writing from my username'],
        [3, 'Same person, with my number'],
      ],
    );
    const list = await waitFor(alex.conversations.store, (s) => !s.order.includes(idThread), 5_000, 'the gone thread leaves the list');
    assert.equal(list.byId[phoneThread]!.contact.name, 'Rae Lin');
  });
});
