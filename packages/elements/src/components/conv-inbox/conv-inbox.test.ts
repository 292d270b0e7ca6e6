import { expect, fixture, html } from '@open-wc/testing';
import '../../define/conv-inbox.js';
import type { ConvInbox } from './conv-inbox.js';
import { exportparts } from '../../internal/exportparts.js';
import {
  connectedClient,
  disconnectClients,
  eventually,
  expectEvent,
  session,
  shadow,
  shadowAll,
  simulateSms,
  text,
  uniquePhone,
  until,
} from '../../test-utils/index.js';

const part = <E extends Element = HTMLElement>(inbox: ConvInbox, name: string) => shadow<E>(inbox, `[part="${name}"]`)!;
const rows = (inbox: ConvInbox) => shadowAll(part(inbox, 'list'), '[role="option"]');

async function renderInbox(template: ReturnType<typeof html>): Promise<ConvInbox> {
  const inbox = await fixture<ConvInbox>(template);
  await eventually(() => rows(inbox).length > 0, 'the list shows rows');
  return inbox;
}

describe('<conv-inbox>', () => {
  afterEach(disconnectClients);

  it("lets the host page style its parts' parts from outside, two levels down", async () => {
    const style = document.createElement('style');
    style.textContent = `
      conv-inbox.styled::part(list-row) { outline: 3px solid rgb(1, 2, 3); }
      conv-inbox.styled::part(list-filter-bar-search-input) { background-color: rgb(4, 5, 6); }
      conv-inbox.styled::part(thread-state) { color: rgb(7, 8, 9); }`;
    document.head.append(style);
    try {
      const client = await connectedClient();
      const inbox = await renderInbox(html`<conv-inbox class="styled" .client=${client} style="height:640px;width:1200px"></conv-inbox>`);
      expect(getComputedStyle(rows(inbox)[0]!).outlineColor).to.equal('rgb(1, 2, 3)');
      const search = await eventually(() => shadow(shadow(part(inbox, 'list'), 'conv-filter-bar')!, '[part="search-input"]'), 'the search box');
      expect(getComputedStyle(search).backgroundColor).to.equal('rgb(4, 5, 6)');
      const empty = await eventually(() => shadow(part(inbox, 'thread'), '[part="state"]'), "the thread's empty state");
      expect(getComputedStyle(empty).color).to.equal('rgb(7, 8, 9)');
      // Every documented part of every child is forwarded, by its documented name.
      expect(part(inbox, 'list').getAttribute('exportparts')).to.equal(exportparts('conv-inbox', 'list'));
      expect(exportparts('conv-inbox', 'list')).to.include('filter-bar-search-input: list-filter-bar-search-input');
    } finally {
      style.remove();
    }
  });

  it('opens the selected conversation in the thread, the composer and the contact panel', async () => {
    const client = await connectedClient();
    const inbox = await renderInbox(html`<conv-inbox .client=${client} style="height:640px;width:1200px"></conv-inbox>`);
    const row = rows(inbox)[1]!;
    const id = row.dataset['id']!;
    const conversation = client.conversations.store.get().byId[id]!;

    const event = await expectEvent(inbox, 'conv-conversation-selected', () => row.click());
    expect(event.detail.conversationId).to.equal(id);
    await inbox.updateComplete;
    expect(inbox.conversationId).to.equal(id);
    expect(inbox.getAttribute('conversation-id')).to.equal(id);
    expect(part(inbox, 'thread').getAttribute('conversation-id')).to.equal(id);
    expect(part(inbox, 'composer').getAttribute('conversation-id')).to.equal(id);
    await eventually(() => part(inbox, 'contact-panel').getAttribute('contact-id') === conversation.contact.id, 'the panel gets the contact');

    const thread = part(inbox, 'thread');
    await eventually(() => text(shadow(thread, 'h2')) === conversation.contact.name, 'the thread header names the contact');
    await eventually(() => shadowAll(thread, '[data-seq]').length > 0, 'the thread shows messages');
    const panel = part(inbox, 'contact-panel');
    await eventually(() => text(shadow(panel, '[part="name"]')) === conversation.contact.name, 'the panel shows the contact');
  });

  it("follows a thread that merged into the contact's other one, with the composer and the panel", async () => {
    const client = await connectedClient();
    const phone = uniquePhone();
    const userId = `US.${phone.slice(1)}0`;
    await simulateSms(phone, 'Asking about the duplex');
    await simulateSms(userId, 'Same me, by username', { profileName: 'Noor Haddad' });
    const inbox = await renderInbox(html`<conv-inbox .client=${client} style="height:640px;width:1200px"></conv-inbox>`);
    const byPreview = (preview: string) => {
      const state = client.conversations.store.get();
      return state.order.find((id) => state.byId[id]!.lastMessage?.preview === preview);
    };
    const usernameThread = await eventually(() => byPreview('Same me, by username'), 'the username thread');
    const phoneThread = await eventually(() => byPreview('Asking about the duplex'), 'the number thread');
    inbox.conversationId = usernameThread;
    await eventually(() => shadowAll(part(inbox, 'thread'), '[data-seq]').length === 1, 'the username thread shows');

    const followed = expectEvent(inbox, 'conv-conversation-selected', () => simulateSms(phone, 'Now with my number', { userId }));
    expect((await followed).detail.conversationId).to.equal(phoneThread);
    await inbox.updateComplete;
    expect(inbox.conversationId).to.equal(phoneThread);
    expect(part(inbox, 'thread').getAttribute('conversation-id')).to.equal(phoneThread);
    expect(part(inbox, 'composer').getAttribute('conversation-id')).to.equal(phoneThread);
    await eventually(() => shadowAll(part(inbox, 'thread'), '[data-seq]').length === 3, 'the merged thread shows all three messages');
    await eventually(() => text(shadow(part(inbox, 'contact-panel'), '[part="name"]')) === 'Noor Haddad', 'the panel shows the merged contact');
  });

  it('opens a deep-linked conversation from its conversation-id attribute', async () => {
    const client = await connectedClient();
    await client.conversations.load();
    const state = client.conversations.store.get();
    const id = state.order.at(-1)!;
    const name = state.byId[id]!.contact.name;
    const inbox = await renderInbox(html`<conv-inbox .client=${client} conversation-id=${id} style="height:640px;width:1200px"></conv-inbox>`);
    await eventually(() => text(shadow(part(inbox, 'thread'), 'h2')) === name, 'the thread opens');
    await eventually(() => text(shadow(part(inbox, 'contact-panel'), '[part="name"]')) === name, 'the panel opens');
  });

  it('opens a contact\'s conversation from contact="ext:<host id>", marks it read and selects its row', async () => {
    const client = await connectedClient();
    const phone = uniquePhone();
    await simulateSms(phone, `Is the inspection still on? (${phone})`);
    const externalId = `crm-${phone.slice(-7)}`;
    // The host synced the person under its own id, as its backend does.
    await client.request('contacts.upsert', { externalId, phone, firstName: 'Rosa', lastName: 'Diaz' });
    const inbox = await renderInbox(html`<conv-inbox .client=${client} contact=${`ext:${externalId}`} style="height:640px;width:1200px"></conv-inbox>`);
    const id = await eventually(() => inbox.getAttribute('conversation-id'), 'the inbox follows the thread to its conversation');
    expect(id).to.equal((await client.request('contacts.find', { externalId })).conversationId);
    await eventually(() => shadow(part(inbox, 'list'), '[role="option"][aria-selected="true"]'), 'its row is selected');
    await eventually(() => text(shadow(part(inbox, 'thread'), 'h2')) === 'Rosa Diaz', 'the thread opens');
    expect(part(inbox, 'composer').getAttribute('conversation-id')).to.equal(id);
    await until(client.conversations.byId, (byId) => byId[id]?.unread === false, 'opening it marked it read');
  });

  it('opens a phone number\'s conversation, and starts one only when the host allows it', async () => {
    const client = await connectedClient();
    const phone = uniquePhone();
    const state = () => text(shadow(part(inbox, 'thread'), '[part="state"]'));
    const inbox = await renderInbox(html`<conv-inbox .client=${client} contact=${phone} style="height:640px;width:1200px"></conv-inbox>`);
    await eventually(() => state() === 'There is no contact with this id or number in the inbox yet.', 'an unknown number says so');
    expect(inbox.conversationId).to.equal('');
    expect((await client.request('contacts.find', { phone })).contact).to.equal(null, 'nothing was made without create-conversation');

    inbox.createConversation = true;
    await eventually(() => Boolean(inbox.getAttribute('conversation-id')), 'a conversation is started and opened');
    const found = await client.request('contacts.find', { phone });
    expect(found.conversationId).to.equal(inbox.getAttribute('conversation-id'));
    await eventually(() => text(shadow(part(inbox, 'thread'), 'h2')) === phone, 'the new thread shows the number');
    // A host id the workspace does not know is not made up, even when starting is allowed.
    inbox.contact = 'ext:never-synced-7';
    await eventually(() => state() === 'There is no contact with this id or number in the inbox yet.', 'an unknown host id says so');
    expect(inbox.conversationId).to.equal('', 'the other contact\'s conversation is no longer open');
    // What the server refuses says why, with a retry.
    inbox.contact = 'call me maybe';
    const failed = await eventually(() => shadow(part(inbox, 'thread'), '[part="state"][role="alert"]'), 'the refusal shows');
    expect(text(failed)).to.match(/^Could not open this contact's conversation: phone: "call me maybe" is not a phone number: .+ Retry$/);
    expect(failed.querySelector('[part="retry-button"]')).to.not.equal(null);
  });

  it('shows a new inbound SMS at the top of the list as unread and in the open thread, without reload', async () => {
    const client = await connectedClient();
    const inbox = await renderInbox(html`<conv-inbox .client=${client} style="height:640px;width:1200px"></conv-inbox>`);
    const phone = uniquePhone();
    await simulateSms(phone, 'Hi, this is about the roof inspection');
    const top = await eventually(() => {
      const row = rows(inbox)[0];
      return row && text(row.querySelector('[part="snippet"]')) === 'Hi, this is about the roof inspection' ? row : undefined;
    }, 'the new conversation tops the list');
    const id = top.dataset['id']!;
    top.click();
    const thread = part(inbox, 'thread');
    await eventually(() => shadowAll(thread, '[data-seq]').length === 1, 'the thread opens');
    await eventually(() => !rows(inbox)[0]!.querySelector('[part="unread"]'), 'opening it marks it read');

    const body = `Can we move it to Friday? ${Math.random().toString(36).slice(2, 6)}`;
    await simulateSms(phone, body);
    await eventually(() => text(shadowAll(thread, '[data-seq]').at(-1)?.querySelector('[part="bubble"]')) === body, 'the open thread shows it');
    const first = await eventually(() => {
      const row = rows(inbox)[0];
      return row?.dataset['id'] === id && text(row.querySelector('[part="snippet"]')) === body ? row : undefined;
    }, 'the list shows it on top');
    await eventually(() => first.querySelector('[part="unread"]'), 'it is unread again');
    expect(text(first)).to.contain('unread');
    expect(text(shadow(thread, '[aria-live="polite"]'))).to.contain(body);
  });

  it('sends from its composer into the open thread', async () => {
    const client = await connectedClient();
    const phone = uniquePhone();
    await simulateSms(phone, 'Need a quote');
    await client.conversations.load();
    const state = await until(client.conversations.store, (s) => s.order.some((i) => s.byId[i]!.contact.phone === phone), 'the conversation arrives');
    const id = state.order.find((i) => state.byId[i]!.contact.phone === phone)!;
    const inbox = await renderInbox(html`<conv-inbox .client=${client} conversation-id=${id} style="height:640px;width:1200px"></conv-inbox>`);
    const composer = part<HTMLElement & { value: string; send(): Promise<void> }>(inbox, 'composer');
    const thread = part(inbox, 'thread');
    await eventually(() => shadowAll(thread, '[data-seq]').length === 1, 'the thread opens');
    composer.value = 'Quote attached: $420';
    const sent = await expectEvent(inbox, 'conv-message-sent', () => composer.send());
    expect(sent.detail.conversationId).to.equal(id);
    await eventually(() => text(shadowAll(thread, '[data-seq]').at(-1)?.querySelector('[part="bubble"]')) === 'Quote attached: $420', 'the thread shows it');
  });

  it('creates its own client from url and token', async () => {
    const { url, token } = await session();
    const inbox = await renderInbox(html`<conv-inbox url=${url} token=${token} style="height:640px;width:1200px"></conv-inbox>`);
    expect(rows(inbox).length).to.be.greaterThan(0);
    expect(shadow(part(inbox, 'connection-status'), '[part="banner"]')).to.not.exist;
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    await client.conversations.load();
    const id = client.conversations.store.get().order[0]!;
    const inbox = await renderInbox(html`<conv-inbox .client=${client} conversation-id=${id} style="height:640px;width:1200px"></conv-inbox>`);
    await eventually(() => shadowAll(part(inbox, 'thread'), '[data-seq]').length > 0, 'the thread shows messages');
    await eventually(() => shadow(part(inbox, 'contact-panel'), '[part="name"]'), 'the panel shows the contact');
    await expect(inbox).to.be.accessible();
  });
});
