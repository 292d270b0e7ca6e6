// @mentions in a note, from the keyboard: "@" and part of a name offers the agents, arrows and
// Enter pick one, and the note names them, which notifies them ("mentions me").
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient, Message } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import { connectedClient, disconnectClients, eventually, smsConversation, shadow, shadowAll, text, until } from '../../test-utils/index.js';

async function open(client: ConvClient): Promise<{ composer: ConvComposer; id: string }> {
  const { id } = await smsConversation(client, 'Who handles this?');
  const root = await fixture<HTMLElement>(html`<conv-provider .client=${client}><conv-composer conversation-id=${id} note></conv-composer></conv-provider>`);
  const composer = root.querySelector('conv-composer')!;
  await composer.updateComplete;
  return { composer, id };
}

describe('<conv-composer> @mentions', () => {
  afterEach(disconnectClients);

  it('offers the agents after "@", picks one from the keyboard, and the note mentions them', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer, id } = await open(client);
    const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
    area.focus();
    await sendKeys({ type: 'Can @sa' });
    const list = await eventually(() => shadow(composer, '[part="mention-list"][role="listbox"]'), 'the agents are offered');
    expect(shadowAll(composer, '[part~="mention-option"]').map(text)).to.include('Sam Patel');
    expect(area.getAttribute('aria-controls')).to.equal('mention-list');
    expect(area.getAttribute('aria-activedescendant')).to.equal('mention-0');
    expect(text(list)).to.not.contain('Alex Rivera');
    await sendKeys({ press: 'Enter' });
    await composer.updateComplete;
    expect(area.value).to.equal('Can @Sam Patel ');
    expect(shadow(composer, '[part="mention-list"]'), 'the list closes').to.not.exist;
    await sendKeys({ type: 'take this one?' });
    await sendKeys({ press: 'Enter' });
    const note = await until(client.threads.get(id), (s) => s.messages.some((m) => m.body === 'Can @Sam Patel take this one?' && !m.pending), 'the note is stored');
    const stored = note.messages.find((m) => m.body === 'Can @Sam Patel take this one?')! as Message;
    expect((stored.meta['mentions'] as { name: string }[]).map((m) => m.name)).to.deep.equal(['Sam Patel']);
  });

  it('closes on Escape, says when no agent matches, and mentions nobody whose name was deleted', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer, id } = await open(client);
    const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
    area.focus();
    await sendKeys({ type: '@zzq' });
    await eventually(() => text(shadow(composer, '[part="mention-list"]')) === 'No agent by that name', 'it says no one matches');
    await sendKeys({ press: 'Escape' });
    await composer.updateComplete;
    expect(shadow(composer, '[part="mention-list"]')).to.not.exist;
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'Sam' });
    await eventually(() => shadow(composer, '[part="mention-list"][role="listbox"]'), 'the agents are offered');
    await sendKeys({ press: 'Tab' });
    await composer.updateComplete;
    area.value = 'Never mind';
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await composer.updateComplete;
    await sendKeys({ press: 'Enter' });
    const thread = await until(client.threads.get(id), (s) => s.messages.some((m) => m.body === 'Never mind' && !m.pending), 'the note is stored');
    expect(thread.messages.find((m) => m.body === 'Never mind')!.meta['mentions']).to.equal(undefined);
  });
});
