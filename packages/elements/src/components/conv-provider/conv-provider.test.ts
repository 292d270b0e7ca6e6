import { expect, fixture, html } from '@open-wc/testing';
import '../../define/conv-provider.js';
import '../../define/conv-list.js';
import { ConvProvider } from './conv-provider.js';
import type { ConvList } from '../conv-list/conv-list.js';
import { connectedClient, disconnectClients, eventually, session, shadowAll, until } from '../../test-utils/index.js';

describe('<conv-provider>', () => {
  afterEach(disconnectClients);

  it('creates, connects and provides a client from url and token', async () => {
    const { url, token } = await session();
    const provider = await fixture<ConvProvider>(html`<conv-provider url=${url} token=${token}><conv-list style="height:300px"></conv-list></conv-provider>`);
    const client = provider.activeClient!;
    expect(client).to.exist;
    await until(client.status, (s) => s === 'connected', 'the created client connects');
    const list = provider.querySelector('conv-list')!;
    await eventually(() => shadowAll(list, '[role="option"]').length > 0, 'the list inside shows rows');

    provider.remove();
    await until(client.status, (s) => s === 'disconnected', 'a removed provider disconnects its client');
  });

  it('provides the client it is given, and a new one when it changes', async () => {
    const first = await connectedClient();
    const provider = await fixture<ConvProvider>(html`<conv-provider .client=${first}><div><conv-list></conv-list></div></conv-provider>`);
    const list = provider.querySelector<ConvList>('conv-list')!;
    await eventually(() => list.liveList?.store.get().status === 'ready', 'the list loads through the provided client');
    const firstList = list.liveList;

    const second = await connectedClient();
    provider.client = second;
    await eventually(() => list.liveList !== firstList && list.liveList?.store.get().status === 'ready', 'the list follows the new client');
    expect(firstList!.disposed, "the old client's list is let go").to.equal(true);
    await eventually(() => shadowAll(list, '[role="option"]').length > 0, 'rows render');
    expect(first.status.get(), 'a client the host gave stays the host’s to close').to.equal('connected');
  });

  it('reaches parts that connected before the provider was defined', async () => {
    // A page may load the parts before the provider: the context root replays their request.
    const client = await connectedClient();
    const tag = `late-provider-${Math.random().toString(36).slice(2, 8)}`;
    const root = await fixture<HTMLElement>(html`<div></div>`);
    root.innerHTML = `<${tag}><conv-list style="height:300px"></conv-list></${tag}>`;
    const list = root.querySelector<ConvList>('conv-list')!;
    await list.updateComplete;
    customElements.define(tag, class extends ConvProvider {});
    (root.firstElementChild as ConvProvider).client = client;
    await eventually(() => shadowAll(list, '[role="option"]').length > 0, 'rows render');
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const provider = await fixture<ConvProvider>(html`<conv-provider .client=${client}><conv-list style="height:300px"></conv-list></conv-provider>`);
    await eventually(() => shadowAll(provider.querySelector('conv-list')!, '[role="option"]').length > 0, 'rows render');
    await expect(provider).to.be.accessible();
  });
});
