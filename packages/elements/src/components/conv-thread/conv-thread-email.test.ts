// An email with an HTML body in the thread: sanitized and shown in a frame that runs nothing,
// loads nothing from the network until the agent shows the pictures, and falls back to the
// email's text when the HTML is too large or too deep to show quickly.
import { expect, fixture, html } from '@open-wc/testing';
import '../../define/conv-thread.js';
import type { ConvThread } from './conv-thread.js';
import type { ConvClient } from '@convkit/sdk';
import { connectedClient, disconnectClients, eventually, htmlEmail, shadow, text, trackingPicture, until } from '../../test-utils/index.js';

async function open(client: ConvClient, id: string): Promise<ConvThread> {
  const thread = await fixture<ConvThread>(html`<conv-thread .client=${client} conversation-id=${id} style="height:640px"></conv-thread>`);
  await until(client.threads.get(id), (s) => s.status === 'ready', 'the thread loads');
  return thread;
}

const frameOf = (thread: ConvThread) => shadow<HTMLIFrameElement>(thread, 'iframe[part="email"]');

/** The frame once its document has loaded. */
async function loadedFrame(thread: ConvThread): Promise<HTMLIFrameElement> {
  return eventually(() => {
    const frame = frameOf(thread);
    return frame?.contentDocument?.readyState === 'complete' && frame.contentDocument.body?.textContent?.includes('Inspection') ? frame : null;
  }, 'the email shows in its frame');
}

describe('<conv-thread> email HTML', () => {
  afterEach(() => {
    delete (window as { pwned?: unknown }).pwned;
    return disconnectClients();
  });

  it('runs nothing and loads nothing from the network until the agent shows the pictures', async () => {
    const client = await connectedClient();
    const pixel = trackingPicture(`read-${Math.random()}`);
    const background = trackingPicture(`background-${Math.random()}`);
    const hostile = `<html><head><style>p { color: #123456 }</style><script>parent.pwned = 'script'</script></head><body>
      <p onclick="parent.pwned = 'click'">Inspection report attached.</p>
      <img src="nope" onerror="parent.pwned = 'onerror'">
      <img src="${pixel.url}" alt="">
      <div style="background-image: url('${background.url}')">Roof: sound.</div>
      <svg><script>parent.pwned = 'svg'</script><a href="javascript:parent.pwned = 'svg-link'"><text>x</text></a></svg>
      <iframe src="javascript:parent.pwned = 'frame'"></iframe>
      <a href="javascript:parent.pwned = 'link'">Bad link</a>
      <a href="https://example.com/report">The report</a>
      <form action="https://phish.example/"><input name="password"><button>Sign in</button></form>
      <meta http-equiv="refresh" content="0; url=https://phish.example/">
    </body></html>`;
    const id = await htmlEmail({ subject: 'Inspection report', text: 'Inspection report attached. Roof: sound.', html: hostile });
    const thread = await open(client, id);
    const frame = await loadedFrame(thread);

    // The frame can never run a script, whatever is in it.
    const sandbox = frame.getAttribute('sandbox')!.split(/\s+/);
    expect(sandbox).to.not.include('allow-scripts');
    expect(sandbox).to.not.include('allow-top-navigation');
    expect(frame.getAttribute('title')).to.equal('Email: Inspection report');
    const doc = frame.contentDocument!;
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).to.match(/^default-src 'none';/);
    expect(doc.querySelectorAll('script, iframe, form, input, button, meta[http-equiv="refresh"]').length).to.equal(0);
    expect([...doc.querySelectorAll('*')].some((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on')))).to.equal(false);
    expect([...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/report']);
    expect(doc.querySelector('a[href]')!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(doc.querySelector('a[href]')!.getAttribute('target')).to.equal('_blank');
    // The email's own styles apply; the frame is sized to it.
    expect(getComputedStyle(doc.querySelector('p')!).color).to.equal('rgb(18, 52, 86)');
    await eventually(() => parseFloat(frame.style.height) > 0, 'the frame is sized to the email');
    doc.querySelector('p')!.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((window as { pwned?: unknown }).pwned).to.equal(undefined);
    // Neither the picture nor the background reached the sender's server.
    expect(await pixel.hits()).to.equal(0);
    expect(await background.hits()).to.equal(0);

    // The agent asks: the pictures load, and only then does the sender see the read.
    const bar = shadow(thread, '[part="email-bar"]')!;
    expect(text(bar)).to.contain('2 pictures from the sender are hidden');
    shadow<HTMLButtonElement>(thread, '[part="email-pictures-button"]')!.click();
    await eventually(async () => (await pixel.hits()) > 0 && (await background.hits()) > 0, 'the pictures load once asked for', 5000);
    expect(shadow(thread, '[part="email-pictures-button"]')).to.equal(null);
    expect((window as { pwned?: unknown }).pwned).to.equal(undefined);
  });

  it('offers the pictures of an email whose only pictures are CSS backgrounds, and never loads its video', async () => {
    const client = await connectedClient();
    const banner = trackingPicture(`banner-${Math.random()}`);
    const video = trackingPicture(`video-${Math.random()}`);
    const id = await htmlEmail({
      subject: 'Inspection video',
      text: 'Inspection walkthrough video.',
      html: `<html><head><style>.hero { background: url("${banner.url}") no-repeat; min-height: 40px }</style></head><body><div class="hero">Inspection walkthrough</div><video src="${video.url}" autoplay muted></video><video><source src="${video.url}"></video></body></html>`,
    });
    const thread = await open(client, id);
    const frame = await loadedFrame(thread);
    expect(frame.contentDocument!.querySelectorAll('video[src], source[src]').length, 'no video source is kept').to.equal(0);
    expect(text(shadow(thread, '[part="email-bar"]'))).to.contain('1 picture from the sender is hidden');
    shadow<HTMLButtonElement>(thread, '[part="email-pictures-button"]')!.click();
    await eventually(async () => (await banner.hits()) > 0, 'the background loads once asked for', 5000);
    expect(await video.hits()).to.equal(0);
  });

  it('shows the text on request, and the HTML again', async () => {
    const client = await connectedClient();
    const id = await htmlEmail({ subject: 'Inspection notes', text: 'Inspection notes as text.', html: '<p><b>Inspection</b> notes, formatted.</p>' });
    const thread = await open(client, id);
    await loadedFrame(thread);
    const toggle = shadow<HTMLButtonElement>(thread, '[part="email-view-button"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await eventually(() => !frameOf(thread) && text(shadow(thread, '.bubble .body')) === 'Inspection notes as text.', 'the text shows');
    expect(shadow(thread, '[part="email-view-button"]')!.getAttribute('aria-pressed')).to.equal('true');
    shadow<HTMLButtonElement>(thread, '[part="email-view-button"]')!.click();
    await loadedFrame(thread);
  });

  it('shows the text of an email too large or too deeply nested to show quickly, saying why', async () => {
    const client = await connectedClient();
    const large = await htmlEmail({ subject: 'Inspection, large', text: 'Inspection photos: see the text.', html: `<p>Inspection</p>${'<p>A line of a very long email.</p>'.repeat(80_000)}` });
    let thread = await open(client, large);
    let note = await eventually(() => shadow(thread, '[part="email-note"]'), 'the reason shows');
    expect(text(note)).to.equal('This email is too large to show as it was sent. Here is its text.');
    expect(text(shadow(thread, '.bubble .body'))).to.equal('Inspection photos: see the text.');
    expect(frameOf(thread)).to.equal(null);

    const deep = await htmlEmail({ subject: 'Inspection, nested', text: 'Inspection: nested too deep.', html: `${'<div>'.repeat(20_000)}Inspection${'</div>'.repeat(20_000)}` });
    thread.remove();
    thread = await open(client, deep);
    note = await eventually(() => shadow(thread, '[part="email-note"]'), 'the reason shows');
    expect(text(note)).to.equal('This email is too complex to show as it was sent. Here is its text.');
    expect(text(shadow(thread, '.bubble .body'))).to.equal('Inspection: nested too deep.');
    expect(frameOf(thread)).to.equal(null);

    // "<div/>" opens a div in HTML (the slash means nothing there): as deep as the one above.
    const slashes = await htmlEmail({ subject: 'Inspection, slashes', text: 'Inspection: slashes.', html: `${'<div/>'.repeat(20_000)}Inspection` });
    thread.remove();
    thread = await open(client, slashes);
    note = await eventually(() => shadow(thread, '[part="email-note"]'), 'the reason shows');
    expect(text(note)).to.equal('This email is too complex to show as it was sent. Here is its text.');
  });
});
