import { expect, fixture, html } from '@open-wc/testing';
import '../../define/conv-connection-status.js';
import type { ConvConnectionStatus } from './conv-connection-status.js';
import { ConvClient } from '@convkit/sdk';
import { dropConnection } from '@convkit/sdk/testing';
import { connectedClient, disconnectClients, eventually, session, shadow, simulateSms, text, uniquePhone, until, workspaceWithLimits } from '../../test-utils/index.js';

/** Whether the banner ever showed, and whether the client had caught up when it went. */
function watchBanner(el: ConvConnectionStatus): { shown: boolean; caughtUpWhenCleared: boolean | null; stop(): void } {
  const client = el.client!;
  const seen = { shown: false, caughtUpWhenCleared: null as boolean | null, stop: () => observer.disconnect() };
  const observer = new MutationObserver(() => {
    const present = Boolean(el.shadowRoot!.querySelector('[part="banner"]'));
    if (present) seen.shown = true;
    else if (seen.shown && seen.caughtUpWhenCleared === null) seen.caughtUpWhenCleared = client.caughtUp.get();
  });
  observer.observe(el.shadowRoot!, { childList: true, subtree: true });
  return seen;
}

describe('<conv-connection-status>', () => {
  afterEach(disconnectClients);

  it('shows nothing while connected', async () => {
    const client = await connectedClient();
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    expect(shadow(el, '[part="banner"]')).to.not.exist;
    expect(el.matches(':state(offline)')).to.equal(false);
  });

  it('never shows for a drop of a second', async () => {
    const client = await connectedClient();
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    const seen = watchBanner(el);
    dropConnection(client, 1_000);
    await until(client.status, (s) => s === 'reconnecting', 'the connection drops');
    // The sentinel: back and caught up, after which nothing is left that could show it.
    await until(client.caughtUp, Boolean, 'the client reconnects and catches up', 10_000);
    await el.updateComplete;
    seen.stop();
    expect(seen.shown, 'the banner flashed').to.equal(false);
  });

  it('shows a drop of ten seconds, and clears only once the client has caught up on what it missed', async function () {
    this.timeout(30_000);
    const client = await connectedClient();
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    const seen = watchBanner(el);
    dropConnection(client, 10_000);
    await until(client.status, (s) => s === 'reconnecting', 'the connection drops');
    // Something happens while the client is away: sent at once, so it has the whole ten
    // seconds to be stored before the client is back, even on a slow machine.
    const phone = uniquePhone();
    await simulateSms(phone, 'while the client was away');
    expect(client.status.get(), 'the message was stored while the client was away').to.not.equal('connected');
    const banner = await eventually(() => shadow(el, '[part="banner"]'), 'the banner shows', 8_000);
    expect(text(banner)).to.contain('Reconnecting');
    expect(el.matches(':state(offline)')).to.equal(true);
    await eventually(() => !shadow(el, '[part="banner"]'), 'the banner clears', 20_000);
    seen.stop();
    expect(seen.caughtUpWhenCleared, 'cleared before the catch-up was done').to.equal(true);
    expect(Object.values(client.conversations.byId.get()).some((c) => c.contact.phone === phone), 'the missed message is in').to.equal(true);
  });

  it('says it is offline when disconnected', async () => {
    const client = await connectedClient();
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    client.disconnect();
    await el.updateComplete;
    expect(text(shadow(el, '[role="status"]'))).to.contain('Offline');
  });

  it('says it is slowing down while the server holds commands back, and clears after', async () => {
    const slug = await workspaceWithLimits({ socketCommands: { burst: 2, perSecond: 5 } });
    const { url, token } = await session(undefined, slug);
    const client = new ConvClient({ url, token });
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    await until(client.status, (s) => s === 'connected', 'the client connects');
    // Sent as one burst: the server refuses what is past the bucket, and the client holds back.
    const requests = Promise.allSettled(Array.from({ length: 6 }, () => client.request('labels.list', {})));
    const banner = await eventually(() => shadow(el, '[part="banner"]'), 'the banner shows');
    expect(text(banner)).to.contain('Slowing down');
    expect(el.matches(':state(throttled)')).to.equal(true);
    await requests;
    await until(client.rateLimit, (state) => state === null, 'the client is no longer held back');
    await el.updateComplete;
    expect(shadow(el, '[part="banner"]')).to.not.exist;
    client.disconnect();
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    client.disconnect();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
