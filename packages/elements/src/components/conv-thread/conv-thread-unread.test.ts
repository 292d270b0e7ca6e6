// "New messages": where the agent left off, as it was when they opened the conversation.
import { expect, fixture, html } from '@open-wc/testing';
import '../../define/conv-thread.js';
import '../../define/conv-inbox.js';
import type { ConvThread } from './conv-thread.js';
import type { ConvClient } from '@convkit/sdk';
import { connectedClient, disconnectClients, eventually, shadow, shadowAll, simulateSms, text, uniqueAgent, uniquePhone, until } from '../../test-utils/index.js';

/** A new contact's thread of `read` messages the agent has read, then `unread` they have not. */
async function partlyRead(client: ConvClient, read: number, unread: number): Promise<{ id: string; phone: string }> {
  const phone = uniquePhone();
  for (let i = 1; i <= read; i++) await simulateSms(phone, `Read ${i}`);
  await client.conversations.load();
  const byPhone = () => Object.values(client.conversations.byId.get()).find((c) => c.contact.phone === phone);
  await until(client.conversations.byId, () => byPhone()?.lastSeq === read, 'the conversation reaches the client');
  const id = byPhone()!.id;
  await client.conversations.markRead(id);
  for (let i = 1; i <= unread; i++) await simulateSms(phone, `Unread ${i}`);
  await until(client.conversations.byId, (byId) => byId[id]!.lastSeq === read + unread && byId[id]!.unread === unread > 0, 'the new messages arrive, unread');
  return { id, phone };
}

async function open(client: ConvClient, id: string): Promise<ConvThread> {
  const thread = await fixture<ConvThread>(html`<conv-thread .client=${client} conversation-id=${id} style="height:480px"></conv-thread>`);
  await until(client.threads.get(id), (s) => s.status === 'ready', 'the thread loads');
  await eventually(() => shadowAll(thread, '[data-seq]').length > 0, 'messages render');
  return thread;
}

/** The text of the feed's rows in order, separators included. */
const feed = (thread: ConvThread) => shadowAll(thread, '.rows > *').map((row) => (row.matches('[part~="unread-divider"]') ? '—new—' : text(row.querySelector('.body'))));

describe('<conv-thread> unread divider', () => {
  afterEach(disconnectClients);

  it('puts "New messages" above the first message the agent had not read when they opened it, and keeps it there once read', async () => {
    const client = await connectedClient();
    const { id, phone } = await partlyRead(client, 2, 2);
    const thread = await open(client, id);
    const divider = await eventually(() => shadow(thread, '[part~="unread-divider"]'), 'the divider shows');
    expect(text(divider)).to.equal('New messages');
    expect(divider.getAttribute('role')).to.equal('separator');
    expect(feed(thread).filter((row) => row !== '')).to.deep.equal(['Read 1', 'Read 2', '—new—', 'Unread 1', 'Unread 2']);

    // Opened, it is read (as a list does on select); the divider stays where the agent left off,
    // and a message that comes while they read goes below it, with no second divider.
    await client.conversations.markRead(id);
    await simulateSms(phone, 'Later');
    await eventually(() => feed(thread).includes('Later'), 'the new message shows');
    expect(feed(thread).filter((row) => row !== '')).to.deep.equal(['Read 1', 'Read 2', '—new—', 'Unread 1', 'Unread 2', 'Later']);
  });

  it('shows it when the agent opens the conversation from the inbox list, which marks it read', async () => {
    const client = await connectedClient();
    const { id } = await partlyRead(client, 1, 2);
    const inbox = await fixture(html`<conv-inbox .client=${client} style="height:640px;width:1200px"></conv-inbox>`);
    const list = await eventually(() => shadow<HTMLElement>(inbox, '[part="list"]'), 'the list renders');
    const row = await eventually(() => shadow<HTMLElement>(list, `[role="option"][data-id="${id}"]`), 'the conversation is listed');
    row.click();
    const thread = shadow<ConvThread>(inbox, '[part="thread"]')!;
    await eventually(() => feed(thread).includes('Unread 2'), 'the thread opens');
    expect(feed(thread).filter((item) => item !== '')).to.deep.equal(['Read 1', '—new—', 'Unread 1', 'Unread 2']);
    await until(client.conversations.byId, (byId) => !byId[id]!.unread, 'opening it marked it read');
  });

  it('marks the conversation read when a deep link opens it, one the client had not loaded among them, keeping the divider', async () => {
    const agent = uniqueAgent();
    const setup = await connectedClient(agent);
    const { id } = await partlyRead(setup, 1, 2);
    // Another page of the same agent, whose list never loaded this conversation: the host opens it by id.
    const client = await connectedClient(agent);
    expect(client.conversations.byId.get()[id]).to.equal(undefined);
    const inbox = await fixture(html`<conv-inbox .client=${client} conversation-id=${id} style="height:640px;width:1200px"></conv-inbox>`);
    const thread = await eventually(() => shadow<ConvThread>(inbox, '[part="thread"]'), 'the thread renders');
    await eventually(() => feed(thread).includes('Unread 2'), 'the thread opens');
    await eventually(() => feed(thread).includes('—new—'), 'the divider shows where the agent left off');
    expect(feed(thread).filter((item) => item !== '')).to.deep.equal(['Read 1', '—new—', 'Unread 1', 'Unread 2']);
    await until(setup.conversations.byId, (byId) => !byId[id]!.unread, 'read for the agent, on every page of theirs');
  });

  it('shows no divider in a conversation the agent had read, nor for what comes while it is open', async () => {
    const client = await connectedClient();
    const { id, phone } = await partlyRead(client, 2, 0);
    const thread = await open(client, id);
    await simulateSms(phone, 'While open');
    await eventually(() => feed(thread).includes('While open'), 'the new message shows');
    expect(shadow(thread, '[part~="unread-divider"]')).to.not.exist;
  });

  it('moves with the conversation: another one opened shows its own', async () => {
    const client = await connectedClient();
    const first = await partlyRead(client, 1, 1);
    const second = await partlyRead(client, 3, 1);
    const thread = await open(client, first.id);
    await eventually(() => shadow(thread, '[part~="unread-divider"]'), 'the first one has its divider');
    thread.conversationId = second.id;
    await until(client.threads.get(second.id), (s) => s.status === 'ready', 'the second thread loads');
    await eventually(() => feed(thread).includes('Read 3'), 'the second thread shows');
    expect(feed(thread).filter((row) => row !== '')).to.deep.equal(['Read 1', 'Read 2', 'Read 3', '—new—', 'Unread 1']);
  });
});
