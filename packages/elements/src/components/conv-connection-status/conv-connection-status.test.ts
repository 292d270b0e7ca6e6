import { expect, fixture, html } from '@open-wc/testing';
import '../../define/conv-connection-status.js';
import type { ConvConnectionStatus } from './conv-connection-status.js';
import { ConvClient } from '@convkit/sdk';
import { connectedClient, disconnectClients, eventually, session, shadow, text, until, workspaceWithLimits } from '../../test-utils/index.js';

describe('<conv-connection-status>', () => {
  afterEach(disconnectClients);

  it('shows nothing while connected', async () => {
    const client = await connectedClient();
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    expect(shadow(el, '[part="banner"]')).to.not.exist;
    expect(el.matches(':state(offline)')).to.equal(false);
  });

  it('says it is reconnecting when the connection drops, and clears when it is back', async () => {
    const client = await connectedClient();
    const el = await fixture<ConvConnectionStatus>(html`<conv-connection-status .client=${client}></conv-connection-status>`);
    client.simulateTransportDrop();
    const banner = await eventually(() => shadow(el, '[part="banner"]'), 'the banner shows');
    expect(text(banner)).to.contain('Reconnecting');
    expect(el.matches(':state(offline)')).to.equal(true);
    await until(client.status, (s) => s === 'connected', 'the client reconnects');
    await el.updateComplete;
    expect(shadow(el, '[part="banner"]')).to.not.exist;
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
