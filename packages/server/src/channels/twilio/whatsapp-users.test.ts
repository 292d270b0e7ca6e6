// WhatsApp users who hide their number behind a username are known by a business-scoped user id
// (BSUID). Such a user gets one contact and one thread, is answered at their id, and becomes one
// contact with the number's (threads, consent and read state merged) once a message names both.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChannelReach, Contact, Conversation, Message, ServerEvent } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { startLiveWorkspace } from '../../test-support/twilio-workspace.js';
import { postSimulatedSms } from './simulator.js';

type Merged = Extract<ServerEvent, { type: 'conversation.merged' }>;

describe('WhatsApp users known by a business-scoped user id', () => {
  let t: TestServer;
  let alex: TestSocket;
  let rest: ReturnType<typeof restClient>;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    const token = await t.token({ user: 'agent-1', name: 'Alex Rivera' });
    alex = await connectSocket(t.url, token);
    rest = restClient(t.url, token);
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  async function whatsapp(from: string, body: string, extra: { userId?: string; profileName?: string } = {}) {
    const result = await t.simulateSms({ from, body, whatsapp: extra });
    assert.equal(result.status, 200, result.body);
    return result;
  }

  const created = async (body: string) =>
    (await alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.body === body, 10_000)) as Extract<ServerEvent, { type: 'message.created' }>;

  async function thread(conversationId: string): Promise<Message[]> {
    const page = await rest('GET', `/v1/conversations/${conversationId}/messages?limit=100`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    return page.body.items as Message[];
  }

  const contactOf = async (id: string) => (await rest('GET', `/v1/contacts/${id}`)).body as Contact;

  it('a user known only by their id gets one contact, named from their profile, and one thread', async () => {
    const userId = 'US.13491208655302741918';
    await whatsapp(userId, 'Hi, is the flat on Elm St still free?', { profileName: 'Ana Souza' });
    const first = await created('Hi, is the flat on Elm St still free?');
    await whatsapp(userId, 'I could see it on Friday', { profileName: 'Ana Souza' });
    const second = await created('I could see it on Friday');
    assert.equal(second.data.conversation.id, first.data.conversation.id);
    assert.equal(first.data.conversation.contact.name, 'Ana Souza');
    assert.equal(first.data.conversation.contact.phone, null);
    const contact = await contactOf(first.data.conversation.contact.id);
    assert.deepEqual([contact.firstName, contact.lastName, contact.whatsappUserId, contact.phone], ['Ana', 'Souza', userId, null]);
    assert.deepEqual((await thread(first.data.conversation.id)).map((m) => [m.channel, m.body]), [
      ['whatsapp', 'Hi, is the flat on Elm St still free?'],
      ['whatsapp', 'I could see it on Friday'],
    ]);
    // The composer may answer on WhatsApp (the 24-hour window is open), and on nothing that needs a number.
    const reach = await alex.request('contacts.reachability', { id: contact.id });
    assert.ok(reach.ok, JSON.stringify(reach));
    const byChannel = new Map((reach.data.channels as ChannelReach[]).map((c) => [c.channel, c]));
    assert.equal(byChannel.get('whatsapp')!.ok, true);
    assert.equal(byChannel.get('sms')!.reason, 'no_address');
  });

  it('five first messages from a new id at once make one contact and one thread', async () => {
    const userId = 'BR.1502576394655843';
    const bodies = Array.from({ length: 5 }, (_, i) => `Olá ${i}`);
    await Promise.all(bodies.map((body) => whatsapp(userId, body, { profileName: 'João' })));
    const events = await Promise.all(bodies.map(created));
    assert.equal(new Set(events.map((e) => e.data.conversation.id)).size, 1);
    assert.equal((await thread(events[0]!.data.conversation.id)).length, 5);
  });

  it("a message naming both merges the id's contact and thread into the number's, in order, nothing read lost", async () => {
    const phone = '+15550301777';
    const userId = 'US.ENT.11815799212886844830';
    await t.simulateSms({ from: phone, body: 'Texting about 12 Oak Lane' });
    const sms = await created('Texting about 12 Oak Lane');
    const phoneThread = sms.data.conversation.id;
    // The agent reads the number's thread; the id's thread below stays unread.
    assert.ok((await alex.request('conversations.markRead', { id: phoneThread })).ok);
    await whatsapp(userId, 'Also on WhatsApp now', { profileName: 'Dana Whitfield' });
    const wa = await created('Also on WhatsApp now');
    const idThread = wa.data.conversation.id;
    assert.notEqual(idThread, phoneThread);
    await whatsapp(userId, 'STOP');
    await created('STOP');
    // A label on the id's thread goes with its messages.
    const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    const label = (await admin('POST', '/v1/labels', { name: 'Username lead', color: '#2f6feb' })).body as { id: string };
    assert.ok((await alex.request('conversations.update', { id: idThread, addLabelIds: [label.id] })).ok);

    // The host's cards about the id's contact go with it too.
    const idContact = wa.data.conversation.contact.id;
    assert.equal((await admin('PUT', `/v1/contacts/${idContact}/cards/deal-12-oak`, { kind: 'opportunity', title: '12 Oak Lane' })).status, 200);

    await whatsapp(phone, 'Here is my number too', { userId });
    const merged = (await alex.waitForEvent((e) => e.type === 'conversation.merged' && e.data.conversationId === idThread, 10_000)) as Merged;
    const kept = merged.data.conversation.contact.id;
    assert.notEqual(kept, idContact);
    const cards = await admin('GET', `/v1/contacts/${kept}/cards`);
    assert.deepEqual(cards.body.items.map((c: { key: string; title: string }) => [c.key, c.title]), [['deal-12-oak', '12 Oak Lane']]);
    await alex.waitForEvent((e) => e.type === 'contact.cards' && (e.data as { contactId: string }).contactId === kept, 5_000);
    assert.equal(merged.data.conversation.id, phoneThread);
    const last = await created('Here is my number too');
    assert.equal(last.data.conversation.id, phoneThread);

    assert.deepEqual(
      (await thread(phoneThread)).map((m) => [m.seq, m.body]),
      [
        [1, 'Texting about 12 Oak Lane'],
        [2, 'Also on WhatsApp now'],
        [3, 'STOP'],
        [4, 'Here is my number too'],
      ],
    );
    assert.equal((await rest('GET', `/v1/conversations/${idThread}`)).status, 404);
    assert.ok(merged.data.conversation.labelIds.includes(label.id), "the id thread's label");
    // Every message from the person names the contact that stays.
    const authors = (await thread(phoneThread)).filter((m) => m.direction === 'inbound').map((m) => m.author.id);
    assert.deepEqual([...new Set(authors)], [merged.data.conversation.contact.id]);
    const contact = await contactOf(last.data.conversation.contact.id);
    assert.deepEqual([contact.phone, contact.whatsappUserId, contact.firstName, contact.lastName], [phone, userId, 'Dana', 'Whitfield']);
    // The STOP sent from the id still stands for the number.
    const reach = await alex.request('contacts.reachability', { id: contact.id });
    assert.ok(reach.ok);
    assert.equal((reach.data.channels as ChannelReach[]).find((c) => c.channel === 'whatsapp')!.reason, 'opted_out');
    // What the agent had read stays read; what came from the id's thread is unread.
    const list = await rest('GET', '/v1/conversations?limit=100');
    const item = list.body.items.find((i: { conversation: Conversation }) => i.conversation.id === phoneThread);
    assert.equal(item.readState.lastReadSeq, 1);
    assert.equal(list.body.items.filter((i: { conversation: Conversation }) => i.conversation.id === idThread).length, 0);

    // Later messages by the id alone land in the merged thread.
    await whatsapp(userId, 'Sent from my username');
    assert.equal((await created('Sent from my username')).data.conversation.id, phoneThread);
  });

  it('a number first, then the same person by id and number: the number contact learns the id, no merge', async () => {
    const phone = '+15550301778';
    const userId = 'GB.998877665544';
    await whatsapp(phone, 'First by number');
    const first = await created('First by number');
    await whatsapp(phone, 'Now with my id', { userId });
    await created('Now with my id');
    await whatsapp(userId, 'Only my id now');
    const byId = await created('Only my id now');
    assert.equal(byId.data.conversation.id, first.data.conversation.id);
    assert.equal((await contactOf(first.data.conversation.contact.id)).whatsappUserId, userId);
  });

  it('an id whose contact has another number is never merged by guess: the message is kept under its number', async () => {
    const userId = 'CA.5566778899';
    await whatsapp('+15550301790', 'First, with my old number', { userId });
    const first = await created('First, with my old number');
    await whatsapp('+15550301791', 'Now from another number', { userId });
    const second = await created('Now from another number');
    assert.notEqual(second.data.conversation.contact.id, first.data.conversation.contact.id);
    assert.equal(second.data.conversation.contact.phone, '+15550301791');
    assert.equal((await contactOf(first.data.conversation.contact.id)).whatsappUserId, userId, 'the id stays with its contact');
    assert.equal((await contactOf(second.data.conversation.contact.id)).whatsappUserId, null);
  });

  it('hostile profile names and malformed ids are stored as text, never refused', async () => {
    const userId = 'MX.4455667788';
    await whatsapp(userId, 'hostile name', { profileName: `\u0000Eve\ud800 ${'x'.repeat(1_000_000)}` });
    const event = await created('hostile name');
    const contact = await contactOf(event.data.conversation.contact.id);
    assert.equal(contact.firstName, '\ufffdEve\ufffd');
    assert.ok(contact.lastName.length <= 200);
    await whatsapp('US.', 'not an id');
    assert.equal((await created('not an id')).data.conversation.contact.phone, 'US.');
  });
});

describe('answering a WhatsApp user known only by their id, through Twilio', () => {
  it('goes to whatsapp:<user id> from the WhatsApp sender', async () => {
    const account = `AC${'b'.repeat(32)}`;
    const token = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
    const live = await startLiveWorkspace(account, token, '+15550006666');
    try {
      const admin = restClient(live.t.url, await live.t.token({ user: 'admin-1', role: 'admin' }));
      assert.equal((await admin('PUT', '/v1/workspace/twilio', { accountSid: account, messagingNumbers: ['+15550006666'], whatsappNumber: '+15550006667' })).status, 200);
      const userId = 'US.777000111222';
      await postSimulatedSms({ baseUrl: live.t.url, workspaceSlug: 'demo', accountSid: account, authToken: token, from: userId, to: '+15550006667', body: 'Can I book a viewing?', whatsapp: { profileName: 'Kai' } });
      const inbound = (await live.alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.body === 'Can I book a viewing?', 10_000)) as Extract<ServerEvent, { type: 'message.created' }>;
      const sent = await live.alex.request('messages.send', { conversationId: inbound.data.conversation.id, clientId: 'bsuid-reply-1', body: 'Yes, Saturday at 10?', channel: 'whatsapp' });
      assert.ok(sent.ok, JSON.stringify(sent));
      await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status === 'sent', 10_000);
      const atTwilio = live.api.accepted.find((m) => m['Body'] === 'Yes, Saturday at 10?')!;
      assert.equal(atTwilio['To'], `whatsapp:${userId}`);
      assert.equal(atTwilio['From'], 'whatsapp:+15550006667');
    } finally {
      await live.close();
    }
  });
});
