// Schedule send, as an agent uses it: pick a time (read in their time and the contact's), then
// the thread lists the message until it goes, to edit in place or cancel.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient, Message } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-thread.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import type { ConvThread } from '../conv-thread/conv-thread.js';
import { localInputValue } from '../../internal/send-time.js';
import { connectedClient, disconnectClients, eventually, shadow, simulateSms, text, uniquePhone, until } from '../../test-utils/index.js';

const HOUR = 60 * 60 * 1000;

async function open(client: ConvClient, timezone?: string): Promise<{ composer: ConvComposer; thread: ConvThread; id: string }> {
  const phone = uniquePhone();
  await simulateSms(phone, `Can you remind me tomorrow? (${phone})`);
  await client.conversations.load();
  const state = await until(client.conversations.store, (s) => s.order.some((id) => s.byId[id]!.contact.phone === phone), 'the conversation arrives');
  const id = state.order.find((i) => state.byId[i]!.contact.phone === phone)!;
  if (timezone) await client.request('contacts.update', { id: state.byId[id]!.contact.id, timezone });
  const root = await fixture<HTMLElement>(html`
    <conv-provider .client=${client}>
      <conv-thread conversation-id=${id} style="height:480px"></conv-thread>
      <conv-composer conversation-id=${id}></conv-composer>
    </conv-provider>
  `);
  await until(client.threads.get(id), (s) => s.status === 'ready', 'the thread loads');
  return { composer: root.querySelector('conv-composer')!, thread: root.querySelector('conv-thread')!, id };
}

async function type(composer: ConvComposer, value: string): Promise<void> {
  shadow<HTMLTextAreaElement>(composer, 'textarea')!.focus();
  await sendKeys({ type: value });
  await composer.updateComplete;
}

/** Sets a datetime-local input as the agent's picker does. */
function pickTime(input: HTMLInputElement, at: Date): void {
  input.value = localInputValue(at);
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The thread's copy of the message with this body, once the server has it. */
const stored = (client: ConvClient, id: string, body: string) =>
  until(client.threads.get(id), (s) => s.messages.some((m) => m.body === body && !m.pending), `"${body}" is stored`).then((s) => s.messages.find((m) => m.body === body)! as Message);

describe('<conv-composer> schedule send', () => {
  afterEach(disconnectClients);

  it('schedules the reply at the time picked, read in the agent\'s time and the contact\'s', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer, id } = await open(client, 'Pacific/Auckland');
    await type(composer, 'Reminder: inspection tomorrow at 9');
    shadow<HTMLButtonElement>(composer, '[part="schedule-button"]')!.click();
    await composer.updateComplete;
    const input = shadow<HTMLInputElement>(composer, '[part="schedule-input"]')!;
    expect(input.value, 'a time is suggested').to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:00$/);
    const at = new Date(Date.now() + 3 * HOUR);
    at.setSeconds(0, 0);
    pickTime(input, at);
    await composer.updateComplete;
    const zones = await eventually(() => (text(shadow(composer, '[part="schedule-zones"]')).includes('Their time') ? shadow(composer, '[part="schedule-zones"]') : null), "the contact's time shows once their record loads");
    expect(text(zones)).to.contain('Your time:');
    expect(text(zones)).to.match(/Their time: .*GMT\+1[23]/);

    shadow<HTMLButtonElement>(composer, '[part="schedule-confirm"]')!.click();
    const message = await stored(client, id, 'Reminder: inspection tomorrow at 9');
    expect(message.status).to.equal('scheduled');
    expect(Date.parse(message.meta['scheduledFor'] as string)).to.equal(at.getTime());
    expect(shadow(composer, '[part="schedule"]'), 'Schedule closes').to.not.exist;
    expect(shadow<HTMLTextAreaElement>(composer, 'textarea')!.value).to.equal('');
  });

  it('refuses a time that has passed, and sends nothing', async () => {
    const client = await connectedClient();
    const { composer, id } = await open(client);
    await type(composer, 'Too late');
    shadow<HTMLButtonElement>(composer, '[part="schedule-button"]')!.click();
    await composer.updateComplete;
    pickTime(shadow<HTMLInputElement>(composer, '[part="schedule-input"]')!, new Date(Date.now() - HOUR));
    shadow<HTMLButtonElement>(composer, '[part="schedule-confirm"]')!.click();
    await composer.updateComplete;
    expect(text(shadow(composer, '[part="schedule"] [role="alert"]'))).to.equal('That time has passed: pick a later one.');
    expect(shadow<HTMLTextAreaElement>(composer, 'textarea')!.value).to.equal('Too late');
    expect(client.threads.get(id).get().messages.some((m) => m.body === 'Too late')).to.equal(false);
    composer.note = true;
    await composer.updateComplete;
    expect(shadow(composer, '[part="schedule-button"]'), 'notes are not scheduled').to.not.exist;
  });

  it('lists the scheduled message in the thread, to edit its text and time in place, or cancel', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { thread, id } = await open(client);
    await client.messages.send({ conversationId: id, body: 'Walkthrough at 4', channel: 'sms', sendAt: new Date(Date.now() + 2 * HOUR).toISOString() });
    await stored(client, id, 'Walkthrough at 4');
    const edit = await eventually(() => shadow<HTMLButtonElement>(thread, '[part="scheduled-edit"]'), 'Edit shows on the scheduled message');
    expect(text(edit.closest('[part~="meta"]'))).to.match(/Scheduled for /);
    edit.click();
    await thread.updateComplete;
    const body = shadow<HTMLTextAreaElement>(thread, '[part="scheduled-body"]')!;
    body.value = 'Walkthrough moved to 5';
    const later = new Date(Date.now() + 5 * HOUR);
    later.setSeconds(0, 0);
    shadow<HTMLInputElement>(thread, '[part="scheduled-time"]')!.value = localInputValue(later);
    shadow<HTMLButtonElement>(thread, '[part="scheduled-save"]')!.click();
    const edited = await stored(client, id, 'Walkthrough moved to 5');
    expect(Date.parse(edited.meta['scheduledFor'] as string)).to.equal(later.getTime());
    await eventually(() => !shadow(thread, '[part="scheduled-editor"]'), 'the editor closes');

    shadow<HTMLButtonElement>(thread, '[part="scheduled-cancel"]')!.click();
    await until(client.threads.get(id), (s) => s.messages.find((m) => m.id === edited.id)?.status === 'canceled', 'it is cancelled');
    await eventually(() => !shadow(thread, '[part="scheduled-edit"]'), 'a cancelled message has no Edit');
  });
});
