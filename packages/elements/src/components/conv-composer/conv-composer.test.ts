import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-thread.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import type { ConvThread } from '../conv-thread/conv-thread.js';
import {
  connectedClient,
  disconnectClients,
  eventually,
  expectEvent,
  expectNoEvent,
  shadow,
  shadowAll,
  simulateSms,
  text,
  uniqueAgent,
  uniquePhone,
  until,
} from '../../test-utils/index.js';

async function freshConversation(client: ConvClient): Promise<string> {
  const phone = uniquePhone();
  await simulateSms(phone, `Hello from ${phone}`);
  return conversationOf(client, phone);
}

/** The conversation of the contact with this phone, once the client has it. */
async function conversationOf(client: ConvClient, phone: string): Promise<string> {
  await client.conversations.load();
  const state = await until(client.conversations.store, (s) => s.order.some((id) => s.byId[id]!.contact.phone === phone), 'the conversation arrives');
  return state.order.find((id) => state.byId[id]!.contact.phone === phone)!;
}

/** A thread and a composer sharing a client through <conv-provider>, as a host page would have them. */
async function renderPair(client: ConvClient, conversationId: string) {
  const root = await fixture<HTMLElement>(html`
    <conv-provider .client=${client}>
      <conv-thread conversation-id=${conversationId} style="height:320px"></conv-thread>
      <conv-composer conversation-id=${conversationId}></conv-composer>
    </conv-provider>
  `);
  const composer = root.querySelector('conv-composer')!;
  const thread = root.querySelector('conv-thread')!;
  await until(client.threads.get(conversationId), (s) => s.status === 'ready', 'the thread loads');
  await eventually(() => shadowAll(thread, '[data-seq]').length > 0, 'the thread renders');
  await composer.updateComplete;
  return { composer, thread };
}

const textarea = (composer: ConvComposer) => shadow<HTMLTextAreaElement>(composer, 'textarea')!;
const sendButton = (composer: ConvComposer) => shadow<HTMLButtonElement>(composer, '[part="send-button"]')!;
const lastItem = (thread: ConvThread) => shadowAll(thread, '[data-seq]').at(-1)!;

async function type(composer: ConvComposer, value: string): Promise<void> {
  textarea(composer).focus();
  await sendKeys({ type: value });
  await composer.updateComplete;
}

describe('<conv-composer>', () => {
  afterEach(disconnectClients);

  it('says why a contact who texted STOP cannot be sent to, and sends again after START', async () => {
    const client = await connectedClient();
    const phone = uniquePhone();
    await simulateSms(phone, 'Hi there');
    const id = await conversationOf(client, phone);
    const { composer } = await renderPair(client, id);
    await simulateSms(phone, 'STOP');
    const why = await eventually(() => shadow(composer, '[part="unavailable"]'), 'the composer says why');
    expect(text(why)).to.match(/opted out of messages from .* \(they replied STOP on .*\)\. They can opt back in by texting START\./);
    expect(composer.matches(':state(unavailable)')).to.equal(true);
    await type(composer, 'One more thing');
    expect(sendButton(composer).disabled).to.equal(true);
    const picker = shadow<HTMLSelectElement>(composer, '[part="channel-picker"]')!;
    expect(text(picker.selectedOptions[0]!)).to.equal('SMS (cannot send now)');

    await simulateSms(phone, 'START');
    await eventually(() => !shadow(composer, '[part="unavailable"]'), 'the channel is open again');
    expect(sendButton(composer).disabled).to.equal(false);
    expect(text(picker.selectedOptions[0]!)).to.equal('SMS');
  });

  it('shows a text that reads like an opt-out, and confirms it in one click', async () => {
    const client = await connectedClient();
    const phone = uniquePhone();
    await simulateSms(phone, 'please stop texting me');
    const id = await conversationOf(client, phone);
    const { composer } = await renderPair(client, id);
    const flag = await eventually(() => shadow(composer, '[part="consent-flag"]'), 'the flag shows');
    expect(text(flag)).to.contain('“please stop texting me”');
    expect(shadow(composer, '[part="unavailable"]')).to.equal(null, 'flagged, not yet an opt-out');
    [...flag.querySelectorAll('button')].find((b) => text(b) === 'Confirm opt-out')!.click();
    await eventually(() => shadow(composer, '[part="unavailable"]'), 'now an opt-out');
    expect(shadow(composer, '[part="consent-flag"]')).to.equal(null);
    expect(text(shadow(composer, '[part="unavailable"]'))).to.contain('They can opt back in by texting START');
  });

  it('has a labelled textarea and enables Send only for real text', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer } = await renderPair(client, id);
    expect(textarea(composer).getAttribute('aria-label')).to.equal('Message');
    expect(sendButton(composer).disabled).to.equal(true);
    await type(composer, '   ');
    expect(sendButton(composer).disabled, 'whitespace only').to.equal(true);
    await type(composer, 'hi');
    expect(sendButton(composer).disabled).to.equal(false);
  });

  it('sends on Enter: clears at once, shows the message pending in the thread, then sent', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer, thread } = await renderPair(client, id);
    const body = `See you at 3 ${Math.random().toString(36).slice(2, 6)}`;
    await type(composer, body);

    const request = expectEvent(composer, 'conv-message-send', () => undefined);
    const sent = await expectEvent(composer, 'conv-message-sent', async () => {
      await sendKeys({ press: 'Enter' });
      await composer.updateComplete;
      expect(textarea(composer).value).to.equal('');
      await thread.updateComplete;
      expect(text(lastItem(thread).querySelector('[part="bubble"]'))).to.equal(body);
    });
    expect((await request).detail).to.deep.equal({ conversationId: id, body, channel: 'sms', kind: 'message' });
    expect(sent.detail.conversationId).to.equal(id);
    expect(sent.detail.message.body).to.equal(body);
    expect(sent.detail.message.seq).to.be.greaterThan(0);
    await eventually(() => ['Sent', 'Delivered', 'Read'].includes(text(lastItem(thread).querySelector('.status'))), 'the thread shows it sent');
  });

  it('adds a new line on Shift+Enter instead of sending', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer } = await renderPair(client, id);
    await type(composer, 'first line');
    await expectNoEvent(composer, 'conv-message-send', async () => {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'second line' });
    });
    expect(textarea(composer).value).to.equal('first line\nsecond line');
  });

  it('replies on the channel the contact last wrote on, and lets the agent pick another', async () => {
    const client = await connectedClient();
    await client.conversations.load();
    const state = client.conversations.store.get();
    const id = state.order.find((i) => {
      const c = state.byId[i]!.lastInboundChannel;
      return c && c !== 'sms' && c !== 'call';
    });
    expect(id, 'a demo conversation whose contact wrote on another channel than SMS').to.be.a('string');
    const channel = state.byId[id!]!.lastInboundChannel;
    const composer = await fixture<ConvComposer>(html`<conv-composer .client=${client} conversation-id=${id!}></conv-composer>`);
    const picker = shadow<HTMLSelectElement>(composer, '[part="channel-picker"]')!;
    expect(picker.value).to.equal(channel);
    expect(picker.getAttribute('aria-label')).to.equal('Reply channel');

    picker.value = 'email';
    picker.dispatchEvent(new Event('change'));
    await composer.updateComplete;
    await type(composer, 'by email please');
    const request = await expectEvent(composer, 'conv-message-send', () => {
      // The host takes over: nothing reaches the server, and the text stays for the host.
      composer.addEventListener('conv-message-send', (e) => e.preventDefault(), { once: true });
      sendButton(composer).click();
    });
    expect(request.detail.channel).to.equal('email');
    expect(textarea(composer).value).to.equal('by email please');
  });

  it('counts the SMS a reply by SMS goes out as, and says which characters make it Unicode', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const composer = await fixture<ConvComposer>(html`<conv-composer .client=${client} conversation-id=${id}></conv-composer>`);
    const count = () => text(shadow(composer, '[part="sms-count"]'));
    const unicode = () => shadow(composer, '[part="sms-unicode"]');
    expect(shadow(composer, '[part="sms-count"]'), 'nothing to count yet').to.equal(null);
    await type(composer, 'See you at 9');
    await eventually(() => count() === '1 SMS · 148 characters left', 'one SMS');
    expect(textarea(composer).getAttribute('aria-describedby')).to.equal('sms-count');
    // Past 160, each part holds 153: two parts hold 306. "€" takes two of them.
    const field = textarea(composer);
    field.value = `${'a'.repeat(160)}€`;
    field.dispatchEvent(new Event('input'));
    await composer.updateComplete;
    expect(count()).to.equal('2 SMS · 144 characters left');
    expect(unicode()).to.equal(null);
    // Curly quotes are not GSM-7: the whole text goes as UCS-2, 67 per part.
    field.value = `${'a'.repeat(70)} “ok”`;
    field.dispatchEvent(new Event('input'));
    await composer.updateComplete;
    expect(count()).to.equal('2 SMS · 59 characters left');
    expect(text(unicode())).to.equal('Unicode because of “ ”: 70 characters per SMS, 67 when split');
    // WhatsApp and notes have no SMS to count.
    const picker = shadow<HTMLSelectElement>(composer, '[part="channel-picker"]')!;
    picker.value = 'whatsapp';
    picker.dispatchEvent(new Event('change'));
    await composer.updateComplete;
    expect(shadow(composer, '[part="sms-count"]')).to.equal(null);
    expect(unicode()).to.equal(null);
  });

  it("keeps each conversation's unsent text: another conversation, a reload, and only this agent's", async () => {
    const me = uniqueAgent();
    const client = await connectedClient(me);
    const [first, second] = [await freshConversation(client), await freshConversation(client)];
    const composer = await fixture<ConvComposer>(html`<conv-composer .client=${client} conversation-id=${first}></conv-composer>`);
    await type(composer, 'Half-written reply');
    // Another conversation starts empty (nothing carried over), and the first keeps its text.
    composer.conversationId = second;
    await composer.updateComplete;
    expect(textarea(composer).value).to.equal('');
    composer.note = true;
    await type(composer, 'A note to the team');
    composer.conversationId = first;
    await composer.updateComplete;
    expect(textarea(composer).value).to.equal('Half-written reply');
    expect(composer.note).to.equal(false);

    // A reload: a new client and element for the same agent bring both drafts back, the note as a note.
    const again = await connectedClient(me);
    const reloaded = await fixture<ConvComposer>(html`<conv-composer .client=${again} conversation-id=${second}></conv-composer>`);
    await eventually(() => textarea(reloaded).value === 'A note to the team', 'the draft comes back after a reload');
    expect(reloaded.note).to.equal(true);
    // Another agent on the same browser sees none of them.
    const sam = await connectedClient();
    const theirs = await fixture<ConvComposer>(html`<conv-composer .client=${sam} conversation-id=${first}></conv-composer>`);
    await until(sam.session, Boolean, 'their session');
    await theirs.updateComplete;
    expect(textarea(theirs).value).to.equal('');

    // Sent, the draft is gone.
    textarea(composer).focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => textarea(composer).value === '', 'sent and cleared');
    const afterSend = await fixture<ConvComposer>(html`<conv-composer .client=${again} conversation-id=${first}></conv-composer>`);
    await afterSend.updateComplete;
    expect(textarea(afterSend).value).to.equal('');
  });

  it('writes an internal note with the Note toggle', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer, thread } = await renderPair(client, id);
    const toggle = shadow<HTMLButtonElement>(composer, '[part="note-toggle"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await composer.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(composer.matches(':state(note)')).to.equal(true);

    const body = `Customer prefers mornings ${Math.random().toString(36).slice(2, 6)}`;
    await type(composer, body);
    const request = expectEvent(composer, 'conv-message-send', () => undefined);
    await expectEvent(composer, 'conv-message-sent', () => sendButton(composer).click());
    expect((await request).detail.kind).to.equal('note');
    await eventually(() => lastItem(thread).dataset['kind'] === 'note' && text(lastItem(thread)).includes(body), 'the note shows in the thread');
    expect(text(lastItem(thread).querySelector('[part="note"]'))).to.contain('Internal note');
  });

  it('keeps the text and sends nothing when the host cancels', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer, thread } = await renderPair(client, id);
    const count = shadowAll(thread, '[data-seq]').length;
    composer.addEventListener('conv-message-send', (event) => event.preventDefault(), { once: true });
    await type(composer, 'host handles this');
    await expectNoEvent(composer, 'conv-message-sent', () => sendButton(composer).click(), 300);
    expect(textarea(composer).value).to.equal('host handles this');
    expect(shadowAll(thread, '[data-seq]').length).to.equal(count);
  });

  it('shows why a send failed, inline', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer } = await renderPair(client, id);
    // Over the protocol's BODY_MAX_LENGTH: the server refuses it with invalid_params.
    composer.value = 'x'.repeat(10_001);
    await composer.updateComplete;
    sendButton(composer).click();
    const error = await eventually(() => shadow(composer, '[part="error"]'), 'the error shows');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.match(/^Not sent: .+/);
  });

  it('disables sending while disconnected', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer } = await renderPair(client, id);
    await type(composer, 'hello');
    expect(sendButton(composer).disabled).to.equal(false);
    client.disconnect();
    await composer.updateComplete;
    expect(sendButton(composer).disabled).to.equal(true);
    expect(composer.matches(':state(offline)')).to.equal(true);
    expect(text(shadow(composer, '[role="status"]'))).to.contain('Offline');
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const id = await freshConversation(client);
    const { composer } = await renderPair(client, id);
    await expect(composer).to.be.accessible();
  });
});
