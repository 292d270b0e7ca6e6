// "Create lead" (seed 002): a text from an unknown number starts a conversation with a contact
// known only by that number; naming the contact keeps the number as its key, and every list
// showing the conversation hears the new name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';

describe('creating a lead from an unknown number', () => {
  let t: TestServer;
  let alex: TestSocket;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1' }));
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  it('names the contact, keeps the number its key, and updates the conversation live', async () => {
    assert.equal((await t.simulateSms({ from: '+15558500001', body: 'Saw your listing on Elm St' })).status, 200);
    const list = await alex.request('conversations.list', { view: 'all', limit: 5 });
    assert.ok(list.ok);
    const conversation = list.data.items.find((i: { conversation: { contact: { phone: string } } }) => i.conversation.contact.phone === '+15558500001').conversation;
    assert.equal(conversation.contact.name, '+15558500001', 'known only by the number');

    const rest = restClient(t.url, await t.token({ user: 'agent-1' }));
    const named = await rest('PATCH', `/v1/contacts/${conversation.contact.id}`, { firstName: ' Ottoline ', lastName: 'Quimby', email: 'Ottoline@Example.com' });
    assert.equal(named.status, 200, JSON.stringify(named.body));
    assert.deepEqual([named.body.name, named.body.phone, named.body.email], ['Ottoline Quimby', '+15558500001', 'ottoline@example.com']);
    const updated = await alex.waitForEvent((e) => e.type === 'conversation.updated' && e.data.conversation.id === conversation.id);
    assert.ok(updated.type === 'conversation.updated');
    assert.equal(updated.data.conversation.contact.name, 'Ottoline Quimby');

    // The number stays the key: the next text joins the same contact and conversation.
    await t.simulateSms({ from: '+15558500001', body: 'Is it still available?' });
    const again = await alex.request('conversations.list', { view: 'all', search: 'Quimby', limit: 5 });
    assert.ok(again.ok);
    assert.deepEqual(again.data.items.map((i: { conversation: { id: string } }) => i.conversation.id), [conversation.id]);
    const bad = await rest('PATCH', `/v1/contacts/${conversation.contact.id}`, { email: 'not an email' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details.path, 'email');
    const other = restClient(t.url, await t.token({ workspace: 'demo', user: 'agent-2' }));
    await t.createWorkspace('acme');
    const foreign = restClient(t.url, await t.token({ workspace: 'acme', user: 'x' }));
    assert.equal((await foreign('PATCH', `/v1/contacts/${conversation.contact.id}`, { firstName: 'Hijack' })).status, 404);
    assert.equal((await other('GET', `/v1/contacts/${conversation.contact.id}`)).body.firstName, 'Ottoline');
  });
});
