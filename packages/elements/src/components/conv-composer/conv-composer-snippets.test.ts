// Saved replies in the composer: "/" offers the workspace's saved replies, filtered by shortcut
// or title; a pick from the keyboard or the mouse puts the reply's text in place of "/query",
// merge tags filled in by the preview and the server alike.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import { connectedClient, disconnectClients, eventually, shadow, shadowAll, smsConversation, text, until } from '../../test-utils/index.js';

async function open(client: ConvClient): Promise<{ composer: ConvComposer; id: string }> {
  const { id, contactId } = await smsConversation(client, 'When can I see it?');
  await client.request('contacts.update', { id: contactId, firstName: 'Robin' });
  const root = await fixture<HTMLElement>(html`<conv-provider .client=${client}><conv-composer conversation-id=${id}></conv-composer></conv-provider>`);
  const composer = root.querySelector('conv-composer')!;
  await composer.updateComplete;
  return { composer, id };
}

describe('<conv-composer> saved replies', () => {
  afterEach(disconnectClients);

  it('offers them after "/", filters by shortcut or title, and puts the one picked in place of "/query"', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer, id } = await open(client);
    const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
    area.focus();
    await sendKeys({ type: 'Sure! /' });
    const list = await eventually(() => shadow(composer, '[part="snippet-list"][role="listbox"]'), 'the saved replies are offered');
    expect(list.getAttribute('aria-label')).to.equal('Saved replies');
    expect(shadowAll(composer, '[part~="snippet-option"]').map(text)).to.include.members(['Pre-approval checklist/preapproval', 'Showing times/showing', 'Thanks for reaching out/thanks']);
    expect(area.getAttribute('aria-controls')).to.equal('snippet-list');
    // By title as well as by shortcut.
    await sendKeys({ type: 'show' });
    await eventually(() => shadowAll(composer, '[part~="snippet-option"]').map(text).join('|') === 'Showing times/showing', 'only the matching reply');
    await sendKeys({ press: 'Enter' });
    await eventually(() => area.value.startsWith('Sure! Hi {{contact.first_name | "there"}}, I can show you the home'), 'the reply replaces "/show"');
    expect(shadow(composer, '[part="snippet-list"]')).to.equal(null);
    // The preview, and the server, fill in its merge tags; Enter then sends.
    await eventually(() => text(shadow(composer, '[part="merge-preview"]')).includes('Sure! Hi Robin, I can show you the home'), 'the preview fills the tags in');
    await sendKeys({ press: 'Enter' });
    await until(client.threads.get(id), (s) => s.messages.some((m) => !m.pending && m.body.startsWith('Sure! Hi Robin, I can show you the home')), 'the server sends it filled in', 10_000);
  });

  it('picks with the mouse, says when nothing matches, and closes on Escape', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer } = await open(client);
    const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
    area.focus();
    await sendKeys({ type: '/nothing-like-this' });
    const none = await eventually(() => shadow(composer, '[part="snippet-list"][role="status"]'), 'it says nothing matches');
    expect(text(none)).to.equal('No saved reply by that shortcut or title');
    await sendKeys({ press: 'Escape' });
    await eventually(() => !shadow(composer, '[part="snippet-list"]'), 'Escape closes it');
    expect(area.value).to.equal('/nothing-like-this');
    area.value = '';
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await sendKeys({ type: '/th' });
    const option = await eventually(() => shadowAll<HTMLElement>(composer, '[part~="snippet-option"]').find((o) => text(o).startsWith('Thanks')), 'the reply is offered');
    option.click();
    await eventually(() => area.value.startsWith('Thanks for reaching out, {{contact.first_name'), 'the clicked reply is written');
    // A slash inside a word ("and/or") opens nothing.
    area.value = 'and/or';
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await composer.updateComplete;
    expect(shadow(composer, '[part="snippet-list"]')).to.equal(null);
  });
});
