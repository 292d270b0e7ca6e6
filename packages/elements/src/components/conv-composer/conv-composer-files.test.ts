// Files on a reply, as an agent adds them: picked or dropped, uploaded at once with their
// progress, refused before any upload when the channel does not carry them (and refused by the
// server too, the same way), sent with the reply, and shown in the thread.
import { expect, fixture, html } from '@open-wc/testing';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-composer.js';
import '../../define/conv-thread.js';
import '../../define/conv-provider.js';
import type { ConvComposer } from './conv-composer.js';
import type { ConvThread } from '../conv-thread/conv-thread.js';
import { connectedClient, disconnectClients, eventually, shadow, shadowAll, simulateSms, text, uniquePhone, until } from '../../test-utils/index.js';

const MB = 1024 * 1024;

async function open(client: ConvClient): Promise<{ composer: ConvComposer; thread: ConvThread; id: string }> {
  const phone = uniquePhone();
  await simulateSms(phone, `Photos please, from ${phone}`);
  await client.conversations.load();
  const state = await until(client.conversations.store, (s) => s.order.some((id) => s.byId[id]!.contact.phone === phone), 'the conversation arrives');
  const id = state.order.find((i) => state.byId[i]!.contact.phone === phone)!;
  const root = await fixture<HTMLElement>(html`
    <conv-provider .client=${client}>
      <conv-thread conversation-id=${id} style="height:480px"></conv-thread>
      <conv-composer conversation-id=${id}></conv-composer>
    </conv-provider>
  `);
  const composer = root.querySelector('conv-composer')!;
  const thread = root.querySelector('conv-thread')!;
  await until(client.threads.get(id), (s) => s.status === 'ready', 'the thread loads');
  await composer.updateComplete;
  return { composer, thread, id };
}

/** Picks files with the composer's file input, as the Attach button's dialog does. */
async function pick(composer: ConvComposer, ...files: File[]): Promise<void> {
  const input = shadow<HTMLInputElement>(composer, 'input[type="file"]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await composer.updateComplete;
}

/** A real picture: a 40x30 PNG drawn on a canvas. */
async function png(name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 30;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#0b57d0';
  context.fillRect(0, 0, 40, 30);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

const chips = (composer: ConvComposer) => shadowAll(composer, '[part="attachment"]');
const send = (composer: ConvComposer) => shadow<HTMLButtonElement>(composer, '[part="send-button"]')!;

describe('<conv-composer> files', () => {
  afterEach(disconnectClients);

  it('uploads a picked picture with its progress, sends it by SMS as MMS, and the thread shows it inline', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer, thread } = await open(client);
    await pick(composer, await png('Kitchen.png'));
    const chip = chips(composer)[0]!;
    expect(text(chip)).to.contain('Kitchen.png');
    expect(chip.dataset['state']).to.equal('uploading');
    expect(shadow(composer, '[part="attachment-progress"]')!.getAttribute('aria-label')).to.equal('Uploading Kitchen.png');
    expect(send(composer).disabled, 'Send waits for the upload').to.equal(true);
    await eventually(() => chips(composer)[0]?.dataset['state'] === 'ready', 'the upload completes');
    expect(send(composer).disabled, 'a picture alone can be sent').to.equal(false);
    send(composer).click();
    await eventually(() => chips(composer).length === 0, 'the files go with the reply');
    const image = await eventually(() => shadow<HTMLImageElement>(thread, '[part="image"][alt="Kitchen.png"]'), 'the thread shows the picture', 10_000);
    await eventually(() => image.complete && image.naturalWidth === 40, 'the picture loads through its short-lived link');
    expect(image.src).to.match(/\/media\/[^?]+\?expires=\d+&signature=/);
    expect(image.closest('a')!.getAttribute('rel')).to.equal('noopener noreferrer');
    const last = shadowAll(thread, '[data-seq]').at(-1)!;
    expect(last.querySelector('[part="meta"] .channel [aria-label]')?.getAttribute('aria-label')).to.equal('MMS');
  });

  it('refuses files a channel does not carry before uploading them, and the server refuses the same', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer, id } = await open(client);
    // A PNG's signature, then 6 MB: a picture by its bytes too, as the server checks.
    const bytes = new Uint8Array(6 * MB);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const big = new File([bytes], 'Walkthrough.png', { type: 'image/png' });
    await pick(composer, big);
    expect(chips(composer)).to.have.length(0);
    expect(text(shadow(composer, '[part="error"]'))).to.equal('MMS takes at most 5 MB of files per message; these are 6 MB');

    composer.channel = 'whatsapp';
    await composer.updateComplete;
    await pick(composer, new File(['PK'], 'plans.zip', { type: 'application/zip' }));
    expect(chips(composer)).to.have.length(0);
    expect(text(shadow(composer, '[part="error"]'))).to.equal('WhatsApp does not carry this kind of file: plans.zip');

    // The same 6 MB past the element (the upload link takes it; a send by SMS does not).
    const { url } = await client.request('attachments.uploadLink', {});
    const uploaded = await fetch(`${url}&name=Walkthrough.png`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: big });
    expect(uploaded.status).to.equal(201);
    const { id: fileId } = (await uploaded.json()) as { id: string };
    const refused = await client.request('messages.send', { conversationId: id, clientId: crypto.randomUUID(), body: '', channel: 'sms', attachmentIds: [fileId] }).then(
      () => null,
      (error: { code: string; message: string }) => error,
    );
    expect(refused?.code).to.equal('too_large');
    expect(refused?.message).to.contain('MMS takes at most 5 MB');
  });

  it('takes a dropped file off again, and says why an upload failed with a Retry', async function () {
    this.timeout(20_000);
    const client = await connectedClient();
    const { composer } = await open(client);
    const form = shadow(composer, 'form')!;
    const transfer = new DataTransfer();
    transfer.items.add(await png('Porch.png'));
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await composer.updateComplete;
    expect(text(chips(composer)[0])).to.contain('Porch.png');
    shadow<HTMLButtonElement>(composer, '[part="attachment-remove"]')!.click();
    await composer.updateComplete;
    expect(chips(composer)).to.have.length(0);
    expect(send(composer).disabled).to.equal(true);

    await pick(composer, new File([], 'empty.png', { type: 'image/png' }));
    await eventually(() => chips(composer)[0]?.dataset['state'] === 'failed', 'the empty file is refused by the server');
    expect(text(chips(composer)[0])).to.contain('Upload failed: body: the request body is the file, and it is empty.');
    expect(shadow(composer, '[part="attachment-retry"]')).to.exist;
    expect(send(composer).disabled, 'a failed upload holds the reply back').to.equal(true);
  });
});
