import { expect, fixture, html } from '@open-wc/testing';
import type { ConvClient, Contact } from '@convkit/sdk';
import '../../define/contact-panel.js';
import type { ContactPanel } from './contact-panel.js';
import { ConvClient as Client } from '@convkit/sdk';
import { connectedClient, deepActiveElement, disconnectClients, eventually, freshConversations, session, shadow, shadowAll, text, until } from '../../test-utils/index.js';

/** A demo contact with the most to show: email and tags. */
async function richContact(client: ConvClient): Promise<Contact> {
  await client.conversations.load();
  const state = client.conversations.store.get();
  let best: Contact | undefined;
  for (const id of state.order) {
    const contactId = state.byId[id]!.contact.id;
    const { contact } = await until(client.contacts.get(contactId), (s) => s.status === 'ready', `contact ${contactId} loads`);
    if (contact && contact.email && contact.phone && contact.tags.length > 0) return contact;
    best ??= contact ?? undefined;
  }
  throw new Error(`no demo contact with phone, email and tags (first: ${JSON.stringify(best)})`);
}

describe('<contact-panel>', () => {
  afterEach(disconnectClients);

  it("shows the contact's name, phone, email, group and tags", async () => {
    const client = await connectedClient();
    const contact = await richContact(client);
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${client} contact-id=${contact.id}></contact-panel>`);
    await eventually(() => shadow(panel, '[part="name"]'), 'the contact renders');
    expect(text(shadow(panel, '[part="name"]'))).to.equal(contact.name);
    expect(text(shadow(panel, '.phone'))).to.equal(contact.phone);
    expect(shadow(panel, '.phone a')!.getAttribute('href')).to.equal(`tel:${contact.phone}`);
    expect(text(shadow(panel, '.email'))).to.equal(contact.email);
    expect(text(shadow(panel, '.group'))).to.equal(contact.group ?? 'None');
    expect(shadowAll(panel, '[part="tag"]').map((chip) => text(chip))).to.deep.equal(contact.tags);
  });

  it("shows the host's cards about the contact, and follows them live as the host changes them", async () => {
    const client = await connectedClient(undefined, 'admin');
    const { id: contactId } = (await client.request('contacts.upsert', { externalId: `panel-${Math.random().toString(36).slice(2, 10)}`, firstName: 'Harper' })).contact;
    await client.request('contactCards.save', { contactId, key: 'deal-31', kind: 'opportunity', title: '12 Cedar Court', subtitle: 'Buyers · Offer', status: 'Open', amount: { value: 450000, currency: 'USD' }, link: '/deals/31', actions: [{ label: 'Send contract', link: 'https://crm.example.com/deals/31/contract' }] });
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${client} contact-id=${contactId}></contact-panel>`);
    const card = await eventually(() => shadow(panel, '[part="host-card"]'), 'the card shows');
    expect(shadow(panel, '[part="host-cards"]')!.getAttribute('aria-label')).to.equal('Records');
    expect(text(card.querySelector('.host-card-kind'))).to.equal('Opportunity');
    expect(text(card.querySelector('.host-card-subtitle'))).to.equal('Buyers · Offer');
    expect(text(card.querySelector('[part="host-card-status"]'))).to.equal('Open');
    expect(text(card.querySelector('[part="host-card-amount"]'))).to.equal('$450,000.00');
    const title = card.querySelector<HTMLAnchorElement>('.host-card-title a')!;
    expect([text(title), title.href, title.target, title.rel]).to.deep.equal(['12 Cedar Court', new URL('/deals/31', document.baseURI).href, '_blank', 'noopener noreferrer']);
    expect(text(card.querySelector('[part="host-card-action"]'))).to.equal('Send contract');

    // The host books a showing: it shows at once, after the deal.
    await client.request('contactCards.save', { contactId, key: 'appt-7', kind: 'appointment', title: 'Showing', subtitle: 'Sat 10:00' });
    await eventually(() => shadowAll(panel, '[part="host-card"]').map((c) => c.dataset['kind']).join() === 'opportunity,appointment', 'the new card shows live');
    await client.request('contactCards.delete', { contactId, key: 'deal-31' });
    await eventually(() => shadowAll(panel, '[part="host-card"]').length === 1, 'the deleted card goes');
  });

  it('shows host cards in its slot, under the details', async () => {
    const client = await connectedClient();
    const contact = await richContact(client);
    const panel = await fixture<ContactPanel>(html`
      <contact-panel .client=${client} contact-id=${contact.id}><div id="deal">Open deal: 3 Elm St</div></contact-panel>
    `);
    await eventually(() => shadow(panel, '[part="card"]'), 'the contact renders');
    const card = panel.querySelector('#deal')!;
    expect(card.assignedSlot).to.equal(shadow(panel, 'slot'));
    expect(card.getBoundingClientRect().top).to.be.greaterThan(shadow(panel, '[part="card"]')!.getBoundingClientRect().top);
  });

  it('shows loading, then an error for an unknown contact', async () => {
    const client = await connectedClient();
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${client} contact-id="no-such-contact"></contact-panel>`);
    expect(text(shadow(panel, '[role="status"]'))).to.contain('Loading contact');
    const alert = await eventually(() => shadow(panel, '[role="alert"]'), 'the error shows');
    expect(text(alert)).to.contain('Could not load the contact');
  });

  it('offers Retry when the contact could not load, and shows it once Retry succeeds', async () => {
    const helper = await connectedClient();
    const contact = await richContact(helper);
    const { url, token } = await session();
    const offline = new Client({ url, token, autoConnect: false });
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${offline} contact-id=${contact.id}></contact-panel>`);
    const alert = await eventually(() => shadow(panel, '[role="alert"]'), 'the error shows');
    expect(text(alert)).to.contain('Could not load the contact');
    offline.connect();
    await until(offline.status, (s) => s === 'connected', 'the client connects');
    shadow(panel, '[part="retry-button"]')!.click();
    await eventually(() => shadow(panel, '[part="name"]'), 'the contact renders after Retry');
    expect(text(shadow(panel, '[part="name"]'))).to.equal(contact.name);
    offline.disconnect();
  });

  it('says so when no contact is set', async () => {
    const client = await connectedClient();
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${client}></contact-panel>`);
    expect(text(shadow(panel, '[part="state"]'))).to.equal('No contact selected.');
  });

  it('follows a new contact-id', async () => {
    const client = await connectedClient();
    await client.conversations.load();
    const state = client.conversations.store.get();
    const [a, b] = state.order.map((id) => state.byId[id]!.contact).filter((c, i, all) => all.findIndex((x) => x.id === c.id) === i);
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${client} contact-id=${a!.id}></contact-panel>`);
    await eventually(() => text(shadow(panel, '[part="name"]')) === a!.name, 'the first contact shows');
    panel.contactId = b!.id;
    await eventually(() => text(shadow(panel, '[part="name"]')) === b!.name, 'the second contact shows');
  });

  it('calls the contact: asks once for the phone to ring the agent on, says why a number is refused, and logs the call in the thread', async () => {
    // A new agent: no phone saved yet.
    const client = await connectedClient();
    const [conversationId] = await freshConversations(client, 1, 'Can you call me');
    const contactId = client.conversations.store.get().byId[conversationId!]!.contact.id;
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${client} contact-id=${contactId} conversation-id=${conversationId}></contact-panel>`);
    const call = await eventually(() => shadow<HTMLButtonElement>(panel, '[part="call-button"]'), 'Call shows');
    expect(text(call)).to.equal('Call');
    call.click();
    const form = await eventually(() => shadow<HTMLFormElement>(panel, '[part="call-form"]'), 'the panel asks for a phone');
    await expect(panel).to.be.accessible();
    const input = shadow<HTMLInputElement>(panel, '[part="agent-phone"]')!;
    input.value = 'my desk';
    form.requestSubmit();
    const refused = await eventually(() => shadow(panel, '.call-form [role="alert"]'), 'the number is refused');
    expect(text(refused)).to.contain('is not a phone number');

    shadow<HTMLInputElement>(panel, '[part="agent-phone"]')!.value = '+15550104444';
    shadow<HTMLFormElement>(panel, '[part="call-form"]')!.requestSubmit();
    const placed = await eventually(() => shadow(panel, '[role="status"]'), 'the call is placed');
    expect(text(placed)).to.contain('Your phone will ring first');
    const logged = await client.request('messages.list', { conversationId: conversationId! });
    expect(logged.items.filter((m) => m.kind === 'call' && m.direction === 'outbound')).to.have.length(1);

    // The phone is kept: the next call goes at once.
    shadow<HTMLButtonElement>(panel, '[part="call-button"]')!.click();
    await eventually(async () => (await client.request('messages.list', { conversationId: conversationId! })).items.filter((m) => m.kind === 'call').length === 2, 'a second call is logged');
    expect(shadow(panel, '[part="call-form"]')).to.equal(null);

    // A wrong number is not for good: Change my phone asks again, with the field focused.
    const change = await eventually(() => shadow<HTMLButtonElement>(panel, '[part="change-phone"]:not([disabled])'), 'Change my phone shows');
    change.click();
    const field = await eventually(() => shadow<HTMLInputElement>(panel, '[part="agent-phone"]'), 'the phone is asked again');
    await eventually(() => deepActiveElement() === field, 'the field has the focus');
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const contact = await richContact(client);
    const panel = await fixture<ContactPanel>(html`<contact-panel .client=${client} contact-id=${contact.id}></contact-panel>`);
    await eventually(() => shadow(panel, '[part="name"]'), 'the contact renders');
    await expect(panel).to.be.accessible();
  });
});
