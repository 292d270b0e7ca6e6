import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define/conv-view-tabs.js';
import type { ConvViewTabs } from './conv-view-tabs.js';
import { connectedClient, disconnectClients, eventually, freshConversations, shadow, shadowAll, simulateSms, text, uniquePhone, until } from '../../test-utils/index.js';
import { renderList, rowFor, rows, settled, tab, tabsOf } from '../../test-utils/list.js';

describe('<conv-view-tabs>', () => {
  afterEach(disconnectClients);

  it('shows All, Unread, Recents, Starred and Archived with their counts, All selected', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const counts = (await until(client.conversations.store, (s) => s.counts !== null, 'the counts load')).counts!;
    const tabs = tabsOf(list);
    await tabs.updateComplete;
    const tablist = shadow(tabs, '[role="tablist"]')!;
    expect(tablist.getAttribute('aria-label')).to.equal('Views');
    const all = shadowAll(tabs, '[role="tab"]');
    expect(all.map((t) => text(t.querySelector('span')))).to.deep.equal(['All', 'Unread', 'Recents', 'Starred', 'Archived']);
    for (const t of all) {
      const view = t.dataset['view'] as keyof typeof counts;
      expect(text(t.querySelector('[part="count"]')), `${view} count`).to.equal(String(counts[view]));
    }
    expect(counts.all).to.be.at.least(client.conversations.store.get().order.length);
    expect(counts.archived, 'the demo has archived threads').to.be.at.least(2);
    expect(tab(list, 'all').getAttribute('aria-selected')).to.equal('true');
    expect(tab(list, 'all').tabIndex).to.equal(0);
    expect(tab(list, 'unread').tabIndex).to.equal(-1);
  });

  it('switches the list to the view picked, by click or arrow keys', async () => {
    const client = await connectedClient();
    const list = await renderList(client);

    tab(list, 'archived').click();
    await until(client.conversations.store, (s) => s.query.view === 'archived' && s.status === 'ready', 'the archived view loads');
    await eventually(() => rows(list).length > 0, 'archived rows render');
    const state = client.conversations.store.get();
    expect(state.order.length).to.be.at.least(2);
    for (const id of state.order) expect(state.byId[id]!.status, id).to.equal('archived');
    for (const row of rows(list)) expect(text(row.querySelector('[part="archived-badge"]'))).to.equal('Archived');
    expect(tab(list, 'archived').getAttribute('aria-selected')).to.equal('true');

    // A new agent has starred nothing: the Starred view says so.
    tab(list, 'archived').focus();
    await sendKeys({ press: 'ArrowLeft' });
    await settled(list, client, 'the starred view loads');
    expect(client.conversations.store.get().query.view).to.equal('starred');
    expect(tab(list, 'starred').getAttribute('aria-selected')).to.equal('true');
    expect(tabsOf(list).shadowRoot!.activeElement).to.equal(tab(list, 'starred'));
    await eventually(() => text(shadow(list, '[part="state"]')) === 'No starred conversations.', 'the empty Starred view says so');
  });

  it('keeps a view live: a conversation starred elsewhere joins Starred, and the count follows', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    tab(list, 'starred').click();
    await settled(list, client, 'the starred view loads');
    await eventually(() => text(tab(list, 'starred').querySelector('[part="count"]')) === '0', 'Starred counts 0');

    await client.conversations.star(id!, true);
    await eventually(() => rowFor(list, id!), 'the starred conversation shows in Starred');
    await eventually(() => text(tab(list, 'starred').querySelector('[part="count"]')) === '1', 'Starred counts 1');
  });

  it('announces the unread count politely when it changes', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const before = (await until(client.conversations.store, (s) => s.counts !== null, 'the counts load')).counts!.unread;
    const live = shadow(tabsOf(list), '[aria-live="polite"]')!;
    expect(text(live), 'nothing is announced on load').to.equal('');
    await simulateSms(uniquePhone(), 'Is the open house on Sunday?');
    await eventually(() => text(live) === `${before + 1} unread`, 'the new unread count is announced');
    expect(text(tab(list, 'unread').querySelector('[part="count"]'))).to.equal(String(before + 1));
  });

  it('works alone, beside any list on the same client', async () => {
    const client = await connectedClient();
    const tabs = await fixture<ConvViewTabs>(html`<conv-view-tabs .client=${client}></conv-view-tabs>`);
    await client.conversations.load();
    shadow<HTMLButtonElement>(tabs, '[data-view="unread"]')!.click();
    await until(client.conversations.store, (s) => s.query.view === 'unread' && s.status === 'ready', 'the unread view loads');
    const state = client.conversations.store.get();
    for (const id of state.order) expect(state.byId[id]!.unread).to.equal(true);
    expect(tabs.view).to.equal('unread');
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    await until(client.conversations.store, (s) => s.counts !== null, 'the counts load');
    await expect(tabsOf(list)).to.be.accessible();
  });
});
