// Collision detection between two agents on the same conversation, each with a real client and
// socket: the thread shows who else has it open and who is typing; the composer asks before a
// reply goes while another agent types one, or after the contact wrote again.
import { expect, fixture, html } from '@open-wc/testing';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-thread.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import type { ConvThread } from '../conv-thread/conv-thread.js';
import { connectedClient, disconnectClients, eventually, shadow, simulateSms, text, uniquePhone, until } from '../../test-utils/index.js';

async function conversationWith(client: ConvClient): Promise<{ id: string; phone: string }> {
  const phone = uniquePhone();
  await simulateSms(phone, `Two agents, one contact (${phone})`);
  await client.conversations.load();
  const state = await until(client.conversations.store, (s) => s.order.some((id) => s.byId[id]!.contact.phone === phone), 'the conversation arrives');
  return { id: state.order.find((i) => state.byId[i]!.contact.phone === phone)!, phone };
}

async function desk(client: ConvClient, id: string): Promise<{ root: HTMLElement; thread: ConvThread; composer: ConvComposer }> {
  const root = await fixture<HTMLElement>(html`
    <conv-provider .client=${client}>
      <conv-thread conversation-id=${id} style="height:360px"></conv-thread>
      <conv-composer conversation-id=${id}></conv-composer>
    </conv-provider>
  `);
  await until(client.threads.get(id), (s) => s.status === 'ready', 'the thread loads');
  return { root, thread: root.querySelector('conv-thread')!, composer: root.querySelector('conv-composer')! };
}

async function type(composer: ConvComposer, value: string): Promise<void> {
  const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
  area.value = value;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await composer.updateComplete;
}

const presence = (thread: ConvThread) => text(shadow(thread, '[part="presence"]'));

describe('collision detection', () => {
  afterEach(disconnectClients);

  it('shows who else has the conversation open and who is typing, and asks before a reply collides', async function () {
    this.timeout(30_000);
    const sam = await connectedClient();
    const alex = await connectedClient();
    const { id } = await conversationWith(alex);
    const samName = sam.session.get()!.user.name;
    const atAlex = await desk(alex, id);
    const atSam = await desk(sam, id);
    await eventually(() => presence(atAlex.thread).includes(`${samName} is viewing`), "Alex sees Sam's thread open", 10_000);

    await type(atSam.composer, 'I will take this one');
    await eventually(() => presence(atAlex.thread).includes(`${samName} is typing a reply…`), 'Alex sees Sam typing');

    await type(atAlex.composer, 'Hi, Alex here');
    shadow<HTMLButtonElement>(atAlex.composer, '[part="send-button"]')!.click();
    await atAlex.composer.updateComplete;
    const bar = shadow(atAlex.composer, '[part="collision"]')!;
    expect(text(bar)).to.contain(`${samName} is typing a reply too.`);
    expect(bar.getAttribute('role')).to.equal('alert');
    shadow<HTMLButtonElement>(atAlex.composer, '[part="collision-keep"]')!.click();
    await atAlex.composer.updateComplete;
    expect(shadow(atAlex.composer, '[part="collision"]')).to.not.exist;
    expect(shadow<HTMLTextAreaElement>(atAlex.composer, 'textarea')!.value, 'the reply stays').to.equal('Hi, Alex here');
    expect(messagesOf(alex, id).some((m) => m.body === 'Hi, Alex here')).to.equal(false);

    shadow<HTMLButtonElement>(atAlex.composer, '[part="send-button"]')!.click();
    await atAlex.composer.updateComplete;
    shadow<HTMLButtonElement>(atAlex.composer, '[part="collision-send"]')!.click();
    await until(alex.threads.get(id), (s) => s.messages.some((m) => m.body === 'Hi, Alex here' && !m.pending), 'Send anyway sends it');

    // Sam's tab goes: Alex no longer sees him.
    atSam.root.remove();
    sam.disconnect();
    await eventually(() => !shadow(atAlex.thread, '[part="presence"]'), "Sam's presence goes with his socket");
  });

  it('asks when the contact wrote again after the reply was begun', async function () {
    this.timeout(20_000);
    const alex = await connectedClient();
    const { id, phone } = await conversationWith(alex);
    const { composer } = await desk(alex, id);
    await type(composer, 'Our office opens at 9');
    await simulateSms(phone, 'Actually, can we do 8?');
    await until(alex.conversations.byId, (byId) => byId[id]!.lastMessage?.preview === 'Actually, can we do 8?', 'the new message arrives');
    shadow<HTMLButtonElement>(composer, '[part="send-button"]')!.click();
    await composer.updateComplete;
    expect(text(shadow(composer, '[part="collision"]'))).to.match(/wrote again since you began this reply/);
    shadow<HTMLButtonElement>(composer, '[part="collision-send"]')!.click();
    await until(alex.threads.get(id), (s) => s.messages.some((m) => m.body === 'Our office opens at 9' && !m.pending), 'Send anyway sends it');
    await type(composer, 'And a second reply, nothing new since');
    shadow<HTMLButtonElement>(composer, '[part="send-button"]')!.click();
    await until(alex.threads.get(id), (s) => s.messages.some((m) => m.body === 'And a second reply, nothing new since'), 'it goes without asking');
  });
});

function messagesOf(c: ConvClient, id: string) {
  return c.threads.get(id).get().messages;
}
