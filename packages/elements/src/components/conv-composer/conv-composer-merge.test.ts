// Merge tags in the composer: the preview, and the pending copy in the thread, show the reply
// exactly as the server sends it (fallbacks, custom fields and values included), a tag that names nothing holds the reply back,
// and the `{ }` picker inserts a tag where the cursor is.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import { connectedClient, disconnectClients, eventually, smsConversation, shadow, text, until } from '../../test-utils/index.js';

async function open(client: ConvClient): Promise<{ composer: ConvComposer; id: string }> {
  const { id, contactId } = await smsConversation(client, 'Is the listing still open?');
  await client.request('contacts.update', { id: contactId, firstName: 'Dana', custom: { property: '14 Harbor Lane' } });
  await client.request('workspace.update', { customValues: { office_phone: '(555) 010-2000' } });
  const root = await fixture<HTMLElement>(html`<conv-provider .client=${client}><conv-composer conversation-id=${id}></conv-composer></conv-provider>`);
  const composer = root.querySelector('conv-composer')!;
  await composer.updateComplete;
  return { composer, id };
}

async function type(composer: ConvComposer, value: string): Promise<void> {
  const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
  area.value = value;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await composer.updateComplete;
}

describe('<conv-composer> merge tags', () => {
  afterEach(disconnectClients);

  it('previews the reply exactly as the server sends it, for every kind of tag and fallback', async function () {
    this.timeout(20_000);
    const client = await connectedClient(undefined, 'admin');
    const { composer, id } = await open(client);
    const templates = [
      'Hi {{contact.first_name | "there"}}, about {{contact.custom.property}}: call {{custom_values.office_phone}}.',
      '{{contact.email | "Reply with your email"}}, {{ contact.last_name | \'friend\' }}! {{contact.custom.budget | "Budget?"}}',
      'Thanks {{contact.first_name}} from {{contact.owner.name | "the team"}} ({{contact.phone}})',
    ];
    for (const template of templates) {
      await type(composer, template);
      const preview = await eventually(() => shadow(composer, '[part="merge-preview"]'), `the preview of ${template}`);
      const shown = text(preview).replace('As the contact gets it: ', '');
      // Every text the thread's pending copy shows while the server takes it.
      const pending: string[] = [];
      const stop = client.threads.get(id).subscribe((s) => pending.push(...s.messages.filter((m) => m.pending).map((m) => m.body)));
      shadow<HTMLButtonElement>(composer, '[part="send-button"]')!.click();
      const sent = await until(client.threads.get(id), (s) => s.messages.some((m) => !m.pending && m.body === shown), `the server sends "${shown}"`, 10_000);
      stop();
      expect(sent.messages.some((m) => m.body.includes('{{'))).to.equal(false);
      expect(pending, 'the pending copy reads as sent, never with its tags').to.include(shown).and.satisfy((bodies: string[]) => bodies.every((b) => b === shown));
    }
  });

  it('holds the reply back while a tag names nothing, saying which', async () => {
    const client = await connectedClient(undefined, 'admin');
    const { composer } = await open(client);
    await type(composer, 'Hi {{contact.nickname}}');
    const error = await eventually(() => shadow(composer, '[part="merge-error"]'), 'the error shows');
    expect(text(error)).to.match(/^\{\{contact\.nickname\}\} names nothing/);
    expect(shadow<HTMLButtonElement>(composer, '[part="send-button"]')!.disabled).to.equal(true);
    await type(composer, 'Hi {{contact.first_name}}');
    await eventually(() => !shadow(composer, '[part="merge-error"]') && text(shadow(composer, '[part="merge-preview"]')).includes('Hi Dana'), 'a known tag previews');
    expect(shadow<HTMLButtonElement>(composer, '[part="send-button"]')!.disabled).to.equal(false);
  });

  it('inserts a tag from the { } picker where the cursor is, custom fields and values offered too', async () => {
    const client = await connectedClient(undefined, 'admin');
    const { composer } = await open(client);
    const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
    area.focus();
    await sendKeys({ type: 'Hi , see you' });
    area.setSelectionRange(3, 3);
    const picker = shadow<HTMLSelectElement>(composer, '[part="merge-tag-picker"]')!;
    expect(picker.getAttribute('aria-label')).to.equal('Insert a merge tag');
    picker.value = 'contact.first_name';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await composer.updateComplete;
    expect(area.value).to.equal('Hi {{contact.first_name}}, see you');
    const options = await eventually(
      () => {
        const values = Array.from(shadow<HTMLSelectElement>(composer, '[part="merge-tag-picker"]')!.options).map((o) => o.value);
        return values.includes('contact.custom.property') ? values : null;
      },
      "the contact's custom fields are offered",
    );
    expect(options).to.include('custom_values.office_phone');
    expect(picker.value, 'the picker is ready again').to.equal('');
  });
});
