// Replying by email from the composer: a subject field shows while the reply goes by email. Left
// empty, the reply answers the contact's last email ("Re:" its subject); typed, it is the subject.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define/conv-composer.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import { connectedClient, disconnectClients, eventually, htmlEmail, shadow, until } from '../../test-utils/index.js';

describe('<conv-composer> email replies', () => {
  afterEach(disconnectClients);

  it('has a subject: empty, the reply answers "Re:" the last email; typed, it is the subject', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const id = await htmlEmail({ subject: 'Inspection report for 4 Elm Row', text: 'The report is ready.', html: '<p>The report is ready.</p>' });
    await client.conversations.load();
    const root = await fixture<HTMLElement>(html`<conv-provider .client=${client}><conv-composer conversation-id=${id}></conv-composer></conv-provider>`);
    const composer = root.querySelector('conv-composer')!;
    const subject = await eventually(() => shadow<HTMLInputElement>(composer, '[part="subject"]'), 'an email reply has a subject field');
    expect(shadow<HTMLSelectElement>(composer, '[part="channel-picker"]')!.value).to.equal('email');
    expect(subject.getAttribute('aria-label')).to.equal('Email subject');

    shadow<HTMLTextAreaElement>(composer, 'textarea')!.focus();
    await sendKeys({ type: 'Thanks, reading it now.' });
    await sendKeys({ press: 'Enter' });
    let thread = await until(client.threads.get(id), (s) => s.messages.some((m) => !m.pending && m.body === 'Thanks, reading it now.'), 'the reply is stored', 10_000);
    expect(thread.messages.find((m) => m.body === 'Thanks, reading it now.')!.subject).to.equal('Re: Inspection report for 4 Elm Row');

    subject.focus();
    await sendKeys({ type: 'Re-inspection on Tuesday' });
    shadow<HTMLTextAreaElement>(composer, 'textarea')!.focus();
    await sendKeys({ type: 'Can we book Tuesday at 9?' });
    await sendKeys({ press: 'Enter' });
    thread = await until(client.threads.get(id), (s) => s.messages.some((m) => !m.pending && m.body === 'Can we book Tuesday at 9?'), 'the second reply is stored', 10_000);
    expect(thread.messages.find((m) => m.body === 'Can we book Tuesday at 9?')!.subject).to.equal('Re-inspection on Tuesday');
    await composer.updateComplete;
    expect(shadow<HTMLInputElement>(composer, '[part="subject"]')!.value, 'the subject goes with the reply it was typed for').to.equal('');

    composer.channel = 'sms';
    await composer.updateComplete;
    expect(shadow(composer, '[part="subject"]'), 'an SMS has no subject').to.equal(null);
  });
});
