// The host's cards about a contact, kept in step by its backend over REST: created or replaced
// by the host's key, in the host's order, every agent told of the contact's whole set; links that
// are no link refused; ids resolved inside the caller's workspace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';

describe("the host's cards about a contact", () => {
  let t: TestServer;
  let host: ReturnType<typeof restClient>;
  let alex: TestSocket;
  let contactId: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    host = restClient(t.url, await t.token({ user: 'host-backend', role: 'admin' }));
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
    contactId = (await host('POST', '/v1/contacts', { externalId: 'card-1', phone: '+15553009000', firstName: 'Rae' })).body.contact.id;
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  it('creates cards in order, replaces one by its key, and every agent hears the whole set', async () => {
    const deal = { kind: 'opportunity', title: '12 Cedar Court', subtitle: 'Buyers · Offer', status: 'Open', amount: { value: 450000, currency: 'USD' }, link: 'https://crm.example.com/deals/31', actions: [{ label: 'Send contract', link: '/deals/31/contract' }] };
    assert.equal((await host('PUT', `/v1/contacts/${contactId}/cards/deal-31`, deal)).status, 200);
    const heard = alex.waitForEvent((e) => e.type === 'contact.cards' && e.data.contactId === contactId && e.data.cards.length === 2);
    const appointment = await host('PUT', `/v1/contacts/${contactId}/cards/appt-7`, { kind: 'appointment', title: 'Showing', subtitle: 'Sat 10:00 · 12 Cedar Court', status: 'Scheduled' });
    assert.equal(appointment.status, 200, JSON.stringify(appointment.body));
    const event = await heard;
    assert.ok(event.type === 'contact.cards');
    assert.deepEqual(event.data.cards.map((c) => c.key), ['deal-31', 'appt-7']);
    assert.deepEqual(event.data.cards[0]!.amount, { value: 450000, currency: 'USD' });

    const replaced = await host('PUT', `/v1/contacts/${contactId}/cards/deal-31`, { ...deal, status: 'Under contract', position: 5 });
    assert.equal(replaced.body.status, 'Under contract');
    const listed = await host('GET', `/v1/contacts/${contactId}/cards`);
    assert.deepEqual(listed.body.items.map((c: { key: string; status: string }) => [c.key, c.status]), [['appt-7', 'Scheduled'], ['deal-31', 'Under contract']]);

    // Saved again without a position, a card keeps its place.
    await host('PUT', `/v1/contacts/${contactId}/cards/appt-7`, { kind: 'appointment', title: 'Showing', status: 'Confirmed' });
    assert.deepEqual((await host('GET', `/v1/contacts/${contactId}/cards`)).body.items.map((c: { key: string }) => c.key), ['appt-7', 'deal-31']);
    assert.equal((await host('DELETE', `/v1/contacts/${contactId}/cards/appt-7`)).status, 200);
    assert.deepEqual((await alex.request('contactCards.list', { contactId })).ok && (await host('GET', `/v1/contacts/${contactId}/cards`)).body.items.map((c: { key: string }) => c.key), ['deal-31']);
    assert.equal((await host('DELETE', `/v1/contacts/${contactId}/cards/appt-7`)).status, 404);
  });

  it('holds at most 50 cards per contact, and says so', async () => {
    const { body } = await host('POST', '/v1/contacts', { externalId: 'card-many', phone: '+15553009001' });
    for (let i = 0; i < 50; i++) assert.equal((await host('PUT', `/v1/contacts/${body.contact.id}/cards/c-${i}`, { kind: 'other', title: `Card ${i}` })).status, 200);
    const over = await host('PUT', `/v1/contacts/${body.contact.id}/cards/c-50`, { kind: 'other', title: 'One too many' });
    assert.deepEqual([over.status, over.body.error.details.path], [400, 'key']);
    assert.match(over.body.error.message, /at most 50 cards/);
    assert.equal((await host('PUT', `/v1/contacts/${body.contact.id}/cards/c-7`, { kind: 'other', title: 'Card 7, again' })).status, 200, 'a card held can still change');
  });

  it('refuses a script link, an action without one, a currency that is none; and another workspace cannot reach the contact', async () => {
    const bad = [
      [{ kind: 'invoice', title: 'Invoice 5', link: 'javascript:alert(1)' }, 'link'],
      [{ kind: 'invoice', title: 'Invoice 5', actions: [{ label: 'Pay', link: 'data:text/html,x' }] }, 'actions.0.link'],
      [{ kind: 'invoice', title: 'Invoice 5', amount: { value: 120, currency: 'dollars' } }, 'amount.currency'],
      [{ kind: 'boat', title: 'Invoice 5' }, 'kind'],
    ] as const;
    for (const [body, path] of bad) {
      const answer = await host('PUT', `/v1/contacts/${contactId}/cards/inv-5`, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.details.path, path);
    }
    await t.createWorkspace('other-brokerage');
    const other = restClient(t.url, await t.token({ workspace: 'other-brokerage', user: 'host-backend', role: 'admin' }));
    assert.equal((await other('PUT', `/v1/contacts/${contactId}/cards/x`, { kind: 'other', title: 'Not yours' })).status, 404);
    assert.equal((await other('GET', `/v1/contacts/${contactId}/cards`)).status, 404);
  });
});
