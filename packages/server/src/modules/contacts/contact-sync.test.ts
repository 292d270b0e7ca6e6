// Contact sync from a host backend over REST, as the host's code would call it: upsert by its own
// id or by phone, find a contact and its conversation, start one; keys stay unique, races make one
// record, and every id is resolved inside the caller's workspace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { restClient } from '../../test-support/clients.js';

describe('contact sync from the host', () => {
  let t: TestServer;
  let rest: ReturnType<typeof restClient>;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    rest = restClient(t.url, await t.token({ user: 'host-backend', role: 'admin' }));
  });
  after(async () => t?.close());

  it('creates a contact by external id, then updates it, leaving out what is not given', async () => {
    const created = await rest('POST', '/v1/contacts', { externalId: 'crm-100', phone: '(555) 300-1000', firstName: 'Noor', lastName: 'Haddad', email: 'Noor@Example.com', group: 'client', tags: ['buyer', 'pre-approved'], custom: { budget: '$450k' } });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal(created.body.created, true);
    const contact = created.body.contact;
    assert.deepEqual([contact.externalId, contact.phone, contact.name, contact.email, contact.group, contact.tags, contact.custom], ['crm-100', '+15553001000', 'Noor Haddad', 'noor@example.com', 'client', ['buyer', 'pre-approved'], { budget: '$450k' }]);
    const updated = await rest('POST', '/v1/contacts', { externalId: 'crm-100', lastName: 'Haddad-Lee', custom: { stage: 'Offer' } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.created, false);
    assert.equal(updated.body.contact.id, contact.id);
    assert.deepEqual([updated.body.contact.name, updated.body.contact.phone, updated.body.contact.custom], ['Noor Haddad-Lee', '+15553001000', { budget: '$450k', stage: 'Offer' }]);
  });

  it('gives the external id to the contact an inbound text made, and finds it and its conversation by either key', async () => {
    await t.simulateSms({ from: '+15553001001', body: 'Is the Elm Street house still available?' });
    const found = await rest('GET', '/v1/contacts/lookup?phone=%2B15553001001');
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.ok(found.body.contact && found.body.conversationId);
    const synced = await rest('POST', '/v1/contacts', { externalId: 'crm-101', phone: '+1 555 300 1001', firstName: 'Ines' });
    assert.deepEqual([synced.body.created, synced.body.contact.id], [false, found.body.contact.id], 'no second contact for one number');
    const byExternal = await rest('GET', '/v1/contacts/lookup?externalId=crm-101');
    assert.deepEqual([byExternal.body.contact.id, byExternal.body.conversationId], [found.body.contact.id, found.body.conversationId]);
    // A "+" written raw in the query string (where it reads as a space) still means the plus.
    const raw = await rest('GET', '/v1/contacts/lookup?phone=+15553001001');
    assert.equal(raw.body.contact?.id, found.body.contact.id);
    const blankZone = await rest('POST', '/v1/contacts', { externalId: 'crm-101', timezone: '' });
    assert.deepEqual([blankZone.status, blankZone.body.contact.timezone], [200, null], 'an empty time zone is none');
    const unknown = await rest('GET', '/v1/contacts/lookup?externalId=crm-404');
    assert.deepEqual(unknown.body, { contact: null, conversationId: null });
  });

  it("refuses to give a contact another's phone or external id, and says whose it is", async () => {
    await rest('POST', '/v1/contacts', { externalId: 'crm-200', phone: '+15553002000' });
    await rest('POST', '/v1/contacts', { externalId: 'crm-201', phone: '+15553002001' });
    const taken = await rest('POST', '/v1/contacts', { externalId: 'crm-200', phone: '+15553002001' });
    assert.equal(taken.status, 409);
    assert.deepEqual([taken.body.error.code, taken.body.error.details.path], ['conflict', 'phone']);
    assert.match(taken.body.error.message, /external id crm-201/);
    const claimed = await rest('POST', '/v1/contacts', { externalId: 'crm-299', phone: '+15553002000' });
    assert.equal(claimed.status, 409);
    assert.match(claimed.body.error.message, /the contact with external id crm-200, not crm-299/);
  });

  it('refuses an upsert or lookup with no key, a phone that is none, or an email that is none', async () => {
    for (const [body, path] of [[{ firstName: 'Nobody' }, 'externalId'], [{ phone: 'call me' }, 'phone'], [{ externalId: 'crm-300', email: 'not-an-email' }, 'email'], [{ externalId: '  ' }, 'externalId']] as const) {
      const answer = await rest('POST', '/v1/contacts', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.details.path, path);
    }
    assert.equal((await rest('GET', '/v1/contacts/lookup')).status, 400);
  });

  it('makes one contact of two upserts racing for one new external id', async () => {
    const answers = await Promise.all([1, 2, 3].map((n) => rest('POST', '/v1/contacts', { externalId: 'crm-400', firstName: `Racer ${n}` })));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    assert.equal(new Set(answers.map((a) => a.body.contact.id)).size, 1);
    assert.equal(answers.filter((a) => a.body.created).length, 1);
  });

  it("keeps every field of upserts racing on one contact: none writes over another's", async () => {
    await rest('POST', '/v1/contacts', { externalId: 'crm-410', firstName: 'Lee' });
    // Ten syncs at once, each setting a custom field of its own.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => rest('POST', '/v1/contacts', { externalId: 'crm-410', custom: { [`field${n}`]: `value ${n}` } })));
    assert.deepEqual(answers.map((a) => a.status), Array(10).fill(200));
    const { contact } = (await rest('GET', '/v1/contacts/lookup?externalId=crm-410')).body;
    assert.deepEqual(contact.custom, Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`field${n}`, `value ${n}`])));
    assert.equal(contact.firstName, 'Lee');
  });

  it("starts a contact's conversation once, however many ask at the same time, and a message can go into it", async () => {
    const { body } = await rest('POST', '/v1/contacts', { externalId: 'crm-500', phone: '+15553005000', firstName: 'Sol' });
    const starts = await Promise.all([1, 2, 3].map(() => rest('POST', `/v1/contacts/${body.contact.id}/conversation`)));
    assert.deepEqual(starts.map((s) => s.status), [200, 200, 200], JSON.stringify(starts[0]!.body));
    assert.equal(new Set(starts.map((s) => s.body.item.conversation.id)).size, 1);
    assert.equal(starts.filter((s) => s.body.created).length, 1);
    const conversationId = starts[0]!.body.item.conversation.id;
    assert.equal(starts[0]!.body.item.conversation.lastMessage, null);
    const sent = await rest('POST', `/v1/conversations/${conversationId}/messages`, { clientId: 'host-start-0001', body: 'Hi Sol, your inspection is booked.' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal((await rest('GET', '/v1/contacts/lookup?externalId=crm-500')).body.conversationId, conversationId);
  });

  it("resolves every id inside the caller's workspace", async () => {
    const { body } = await rest('POST', '/v1/contacts', { externalId: 'crm-600', phone: '+15553006000' });
    await t.createWorkspace('other-agency');
    const other = restClient(t.url, await t.token({ workspace: 'other-agency', user: 'host-backend', role: 'admin' }));
    assert.deepEqual((await other('GET', '/v1/contacts/lookup?externalId=crm-600')).body, { contact: null, conversationId: null });
    assert.equal((await other('POST', `/v1/contacts/${body.contact.id}/conversation`)).status, 404);
    // The same keys make a contact of its own there.
    const theirs = await other('POST', '/v1/contacts', { externalId: 'crm-600', phone: '+15553006000' });
    assert.deepEqual([theirs.status, theirs.body.created], [200, true]);
    assert.notEqual(theirs.body.contact.id, body.contact.id);
  });
});
