// The composer's emoji picker: emoji-picker-element, its data from the Convkit server, in the
// element's language; a pick goes where the cursor is, and Escape closes it.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import { connectedClient, disconnectClients, eventually, shadow, smsConversation } from '../../test-utils/index.js';

async function open(client: ConvClient, lang = 'en'): Promise<ConvComposer> {
  const { id } = await smsConversation(client, 'Sounds good');
  const root = await fixture<HTMLElement>(html`<conv-provider .client=${client} lang=${lang}><conv-composer conversation-id=${id}></conv-composer></conv-provider>`);
  const composer = root.querySelector('conv-composer')!;
  await composer.updateComplete;
  return composer;
}

/** The picker's emoji buttons (its grid's) once its data is in. */
function emojiButtons(picker: HTMLElement): HTMLButtonElement[] {
  return [...(picker.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.emoji[id^="emo-"]') ?? [])];
}

describe('<conv-composer> emoji', () => {
  afterEach(disconnectClients);

  it('inserts the emoji picked where the cursor is, from data the Convkit server serves', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const composer = await open(client);
    const area = shadow<HTMLTextAreaElement>(composer, 'textarea')!;
    area.focus();
    await sendKeys({ type: 'See you  at ten' });
    area.setSelectionRange(8, 8);
    const button = shadow<HTMLButtonElement>(composer, '[part="emoji-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Insert an emoji');
    button.click();
    await composer.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const picker = await eventually(() => shadow<HTMLElement>(composer, 'emoji-picker'), 'the picker shows');
    expect(picker.getAttribute('data-source')).to.equal(new URL('/convkit/v1/emoji/en/data.json', client.url).href);
    const first = await eventually(() => emojiButtons(picker).find((b) => b.textContent?.trim() === '😀'), 'the emoji load', 15_000);
    first.click();
    await eventually(() => area.value === 'See you 😀 at ten', 'the emoji goes where the cursor was');
    expect(shadow(composer, 'emoji-picker')).to.equal(null);
    expect(area.selectionStart).to.equal('See you 😀'.length);
  });

  it('speaks the element’s language, and closes on Escape, giving the focus back to its button', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const composer = await open(client, 'es');
    const button = shadow<HTMLButtonElement>(composer, '[part="emoji-button"]')!;
    await eventually(() => button.getAttribute('aria-label') === 'Insertar un emoji', 'the button speaks Spanish');
    button.click();
    const picker = await eventually(() => shadow<HTMLElement>(composer, 'emoji-picker'), 'the picker shows');
    expect(picker.getAttribute('data-source')).to.equal(new URL('/convkit/v1/emoji/es/data.json', client.url).href);
    await eventually(() => emojiButtons(picker).length > 0, 'the Spanish data loads', 15_000);
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(search.getAttribute('placeholder')).to.equal('Buscar');
    // Opened, the focus is in its search box: typing finds an emoji at once.
    await eventually(() => picker.shadowRoot!.activeElement === search, 'the search box has the focus');
    await sendKeys({ press: 'Escape' });
    await eventually(() => !shadow(composer, 'emoji-picker'), 'the picker closes');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await eventually(() => composer.shadowRoot!.activeElement === button, 'the button has the focus');
  });
});
