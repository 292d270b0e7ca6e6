// WhatsApp templates in the composer: once the contact's 24-hour window has closed the composer
// offers the workspace's templates (the sandbox's here), approved ones to pick and the others
// saying why not; a pick asks for its variables, previews the text as the server then sends it,
// and holds back a template with an empty variable.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-provider.js';
import '../../define/conv-thread.js';
import type { ConvComposer } from './conv-composer.js';
import { ConvMessageSendEvent } from '../../events/message-send.js';
import { localInputValue } from '../../internal/send-time.js';
import { connectedClient, disconnectClients, eventually, shadow, shadowAll, smsConversation, text, until } from '../../test-utils/index.js';

/** A composer on a new contact who texted by SMS and never wrote on WhatsApp, replying by WhatsApp. */
async function whatsappReply(client: ConvClient): Promise<{ composer: ConvComposer; id: string }> {
  const { id, contactId } = await smsConversation(client, 'Is the house on Elm still for sale?');
  await client.request('contacts.update', { id: contactId, firstName: 'Morgan' });
  const root = await fixture<HTMLElement>(html`<conv-provider .client=${client}><conv-composer conversation-id=${id}></conv-composer></conv-provider>`);
  const composer = root.querySelector('conv-composer')!;
  await composer.updateComplete;
  const picker = shadow<HTMLSelectElement>(composer, '[part="channel-picker"]')!;
  picker.value = 'whatsapp';
  picker.dispatchEvent(new Event('change'));
  await composer.updateComplete;
  return { composer, id };
}

const options = (composer: ConvComposer) => shadowAll<HTMLButtonElement>(composer, '[part~="template-option"]');

describe('<conv-composer> WhatsApp templates', () => {
  afterEach(disconnectClients);

  it('offers templates once the window has closed, and sends one filled in for the contact as the preview showed it', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer, id } = await whatsappReply(client);
    await eventually(() => text(shadow(composer, '[part="unavailable"]')).includes('24 hours'), 'the composer says why free text cannot go');
    shadow<HTMLButtonElement>(composer, '[part="template-offer"]')!.click();
    await eventually(() => options(composer).length === 4, 'the templates are listed');
    expect(shadow(composer, '[part="templates"]')!.getAttribute('aria-label')).to.equal('WhatsApp templates');
    expect(shadow(composer, '[part="template-button"]')!.getAttribute('aria-expanded')).to.equal('true');
    await eventually(() => composer.shadowRoot!.activeElement === shadow(composer, '[part="template-search"]'), 'the search box takes the focus');
    // One WhatsApp has not approved yet can be read, not picked.
    const pending = options(composer).find((o) => text(o).includes('spring_open_house'))!;
    expect(pending.disabled).to.equal(true);
    expect(text(pending)).to.include("Waiting for WhatsApp's approval");

    await sendKeys({ type: 'remind' });
    await eventually(() => options(composer).length === 1, 'the search keeps the matching one');
    options(composer)[0]!.click();
    const inputs = await eventually(() => {
      const found = shadowAll<HTMLInputElement>(composer, '[part="template-variable"]');
      return found.length === 2 ? found : null;
    }, 'its two variables are asked for');
    expect(inputs[0]!.value).to.equal('{{contact.first_name | "there"}}', "a name is filled with the contact's first name");
    expect(inputs[1]!.placeholder).to.equal('e.g. Friday at 10am');
    await eventually(() => text(shadow(composer, '[part="template-preview"]')).includes('Hi Morgan, a reminder of your appointment on {{2}}.'), 'the preview fills in what it can');

    // An empty variable holds it back and says which.
    shadow<HTMLButtonElement>(composer, '[part="template-send"]')!.click();
    await eventually(() => inputs[1]!.getAttribute('aria-invalid') === 'true', 'the empty variable is marked');
    expect(text(shadow(composer, '.template-variable .error'))).to.equal('Fill in {{2}}: WhatsApp does not send a template with an empty variable.');
    expect(client.threads.get(id).get().messages.some((m) => m.channel === 'whatsapp')).to.equal(false);

    inputs[1]!.focus();
    await sendKeys({ type: 'Friday at 10am' });
    const preview = 'Hi Morgan, a reminder of your appointment on Friday at 10am. Reply here to confirm or to pick another time.';
    await eventually(() => text(shadow(composer, '[part="template-preview"]')).endsWith(preview), 'the preview reads as the contact will');
    const asked: ConvMessageSendEvent[] = [];
    composer.addEventListener(ConvMessageSendEvent.type, (e) => asked.push(e));
    shadow<HTMLButtonElement>(composer, '[part="template-send"]')!.click();
    const thread = await until(client.threads.get(id), (s) => s.messages.some((m) => !m.pending && m.channel === 'whatsapp'), 'the server stores it', 10_000);
    const sent = thread.messages.find((m) => !m.pending && m.channel === 'whatsapp')!;
    expect(sent.body).to.equal(preview, 'the server filled it in as the preview did');
    expect((sent.meta.template as { name: string }).name).to.equal('appointment_reminder');
    expect(asked[0]!.detail.template).to.deep.equal({ id: 'HX0a1b2c3d4e5f60718293a4b5c6d7e8f9', variables: { '1': '{{contact.first_name | "there"}}', '2': 'Friday at 10am' } });
    await eventually(() => !shadow(composer, '[part="templates"]'), 'the panel closes once sent');
    await eventually(() => composer.shadowRoot!.activeElement === shadow(composer, '[part="template-button"]'), 'the focus goes back to Template');
  });

  it('is offered only for WhatsApp replies, and closes on Escape with the focus back on Template', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer } = await whatsappReply(client);
    const button = await eventually(() => shadow<HTMLButtonElement>(composer, '[part="template-button"]'), 'WhatsApp replies have Template');
    button.click();
    await eventually(() => options(composer).length > 0, 'the templates are listed');
    await sendKeys({ press: 'Escape' });
    await eventually(() => !shadow(composer, '[part="templates"]'), 'Escape closes it');
    expect(composer.shadowRoot!.activeElement).to.equal(shadow(composer, '[part="template-button"]'));

    composer.channel = 'sms';
    await composer.updateComplete;
    expect(shadow(composer, '[part="template-button"]'), 'an SMS reply has no templates').to.equal(null);
  });

  it('says the list could not be read, and Retry reads it', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer } = await whatsappReply(client);
    const button = await eventually(() => shadow<HTMLButtonElement>(composer, '[part="template-button"]'), 'WhatsApp replies have Template');
    client.disconnect();
    button.click();
    const failed = await eventually(() => shadow(composer, '[part="templates"] [role="alert"]'), 'the panel says the list could not be read');
    expect(text(failed)).to.include('Could not load the WhatsApp templates: Not connected to the server');
    client.connect();
    await until(client.status, (s) => s === 'connected', 'connected again');
    shadow<HTMLButtonElement>(composer, '[part="template-retry"]')!.click();
    await eventually(() => options(composer).length === 4, 'Retry lists them');
  });

  it('marks a message sent as a template in the thread, by name', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { id } = await smsConversation(client, 'Any news on the offer?');
    const root = await fixture<HTMLElement>(html`<conv-provider .client=${client}><conv-thread conversation-id=${id}></conv-thread></conv-provider>`);
    const thread = root.querySelector('conv-thread')!;
    await eventually(() => text(thread.shadowRoot!.querySelector('[part~="inbound"]')).includes('Any news on the offer?'), 'the thread shows');
    await client.messages.send({ conversationId: id, body: '', template: { id: 'HX2c3d4e5f60718293a4b5c6d7e8f90a1b', variables: { '1': 'Sky' } } });
    const mark = await eventually(() => shadow(thread, '[part~="template"]'), 'the template mark shows');
    expect(text(mark)).to.equal('Template reopen_conversation');
    expect(text(mark.closest('[part~="message"]'))).to.include('Hi Sky, we tried to reach you.');
  });

  it("lets a scheduled template's time be edited, not its text", async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { id } = await smsConversation(client, 'Call me next week');
    const root = await fixture<HTMLElement>(html`<conv-provider .client=${client}><conv-thread conversation-id=${id} style="height:480px"></conv-thread></conv-provider>`);
    const thread = root.querySelector('conv-thread')!;
    await until(client.threads.get(id), (s) => s.status === 'ready', 'the thread loads');
    const sent = await client.messages.send({ conversationId: id, body: '', sendAt: new Date(Date.now() + 7_200_000).toISOString(), template: { id: 'HX1b2c3d4e5f60718293a4b5c6d7e8f90a', variables: { '1': 'Lee', '2': 'the Elm Street house' } } });
    (await eventually(() => shadow<HTMLButtonElement>(thread, '[part="scheduled-edit"]'), 'Edit shows on the scheduled template')).click();
    await thread.updateComplete;
    const body = shadow<HTMLTextAreaElement>(thread, '[part="scheduled-body"]')!;
    expect(body.readOnly).to.equal(true);
    expect(text(shadow(thread, `#${body.getAttribute('aria-describedby')}`))).to.equal("A template's text is the one WhatsApp approved: only its time can change.");
    const later = new Date(Date.now() + 5 * 3_600_000);
    later.setSeconds(0, 0);
    shadow<HTMLInputElement>(thread, '[part="scheduled-time"]')!.value = localInputValue(later);
    shadow<HTMLButtonElement>(thread, '[part="scheduled-save"]')!.click();
    const moved = await until(client.threads.get(id), (s) => s.messages.some((m) => m.id === sent.id && Date.parse(m.meta['scheduledFor'] as string) === later.getTime()), 'its time moves');
    expect(moved.messages.find((m) => m.id === sent.id)!.body).to.equal(sent.body);
  });
});
