import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvClient } from '@convkit/sdk';
import type { ConvList } from '../conv-list/conv-list.js';
import { connectedClient, deep, disconnectClients, eventually, freshConversations, shadow, shadowAll, text, until } from '../../test-utils/index.js';
import { agentId, filterBarOf, renderList, rowFor, rows, settled, typeInto } from '../../test-utils/list.js';

const bar = (list: ConvList) => filterBarOf(list);
const inBar = <E extends Element = HTMLElement>(list: ConvList, selector: string) => shadow<E>(bar(list), selector);

/** Waits for the list to show the query's first page, and returns the conversations shown. */
async function shown(list: ConvList, client: ConvClient) {
  const order = await settled(list, client);
  const state = client.conversations.store.get();
  await eventually(() => order.length === 0 || rows(list).length > 0, 'rows render');
  return order.map((id) => state.byId[id]!);
}

async function search(list: ConvList, client: ConvClient, query: string): Promise<void> {
  const input = inBar<HTMLInputElement>(list, '[part="search-input"]')!;
  input.focus();
  typeInto(input, query);
  await sendKeys({ press: 'Enter' });
  await until(client.conversations.store, (s) => s.query.filter.search === query && s.status === 'ready', `the search for ${query} answers`);
  await list.updateComplete;
}

describe('<conv-filter-bar>', () => {
  afterEach(disconnectClients);

  it('narrows the list to one agent, picked from a searchable list', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const sam = await agentId(client, 'Sam Patel');
    inBar<HTMLButtonElement>(list, '[part~="assignee-filter"]')!.click();
    const picker = inBar(list, '#assignee-picker')!;
    await eventually(() => picker.matches(':popover-open') && bar(list).shadowRoot!.activeElement?.matches('[role="combobox"]'), 'the picker opens with focus in its search box');
    const options = () => shadowAll(bar(list), '#assignee-picker [role="option"]').map((o) => text(o));
    expect(options()).to.include.members(['Anyone', 'Me', 'Unassigned', 'Sam Patel']);
    typeInto(inBar<HTMLInputElement>(list, '#assignee-picker [role="combobox"]')!, 'sam');
    await bar(list).updateComplete;
    expect(options()).to.deep.equal(['Sam Patel']);
    await sendKeys({ press: 'Enter' });

    await until(client.conversations.store, (s) => s.query.filter.assignee === sam, 'the filter is set');
    const conversations = await shown(list, client);
    expect(conversations.length, 'the demo assigns threads to Sam').to.be.at.least(3);
    for (const c of conversations) expect(c.assigneeId).to.equal(sam);
    for (const row of rows(list)) expect(text(row.querySelector('[part="assignee"]'))).to.equal('SPAssigned to Sam Patel');
    expect(picker.matches(':popover-open')).to.equal(false);
    await bar(list).updateComplete;
    expect(text(inBar(list, '[part~="assignee-filter"]'))).to.equal('Assignee: Sam Patel');
  });

  it('narrows by label, channel and contact group, combined, and clears them', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const all = client.conversations.store.get().order.length;

    inBar<HTMLButtonElement>(list, '[part~="label-filter"]')!.click();
    const hot = await eventually(() => shadowAll(bar(list), '#label-picker [role="option"]').find((o) => text(o) === 'Hot lead'), 'the labels show');
    expect(hot.querySelector('.swatch')!.getAttribute('style')).to.equal('--conv-label-color:#dc2626');
    hot.click();
    await until(client.conversations.store, (s) => !!s.query.filter.labelId, 'the label filter is set');
    let conversations = await shown(list, client);
    expect(conversations.length).to.be.at.least(2);
    for (const row of rows(list)) expect([...row.querySelectorAll('[part="label"]')].map((c) => text(c))).to.include('Hot lead');

    const channel = inBar<HTMLSelectElement>(list, '[part~="channel-filter"]')!;
    channel.value = 'sms';
    channel.dispatchEvent(new Event('change'));
    await until(client.conversations.store, (s) => s.query.filter.channel === 'sms' && s.status === 'ready', 'the channel filter is set');
    conversations = await shown(list, client);
    for (const c of conversations) {
      expect(c.channels).to.include('sms');
      expect(c.labelIds).to.include(client.conversations.store.get().query.filter.labelId);
    }

    const clear = inBar<HTMLButtonElement>(list, '[part="clear-filters"]')!;
    clear.click();
    await until(client.conversations.store, (s) => Object.keys(s.query.filter).length === 0 && s.status === 'ready', 'the filters clear');
    await eventually(() => client.conversations.store.get().order.length === all, 'the whole list is back');

    const group = inBar<HTMLSelectElement>(list, '[part~="group-filter"]')!;
    expect([...group.options].map((o) => o.textContent!.trim())).to.include.members(['Any group', 'Inspectors', 'Agents', 'Clients']);
    group.value = 'inspector';
    group.dispatchEvent(new Event('change'));
    await until(client.conversations.store, (s) => s.query.filter.group === 'inspector' && s.status === 'ready', 'the group filter is set');
    conversations = await shown(list, client);
    expect(conversations.length).to.be.at.least(1);
    for (const c of conversations) expect(c.contact.group).to.equal('inspector');
  });

  it('shows only the conversations whose notes mention me', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const me = client.session.get()!.user.id;
    const colleague = await connectedClient();
    const [mentioned] = await freshConversations(colleague, 1);
    await colleague.request('messages.send', { conversationId: mentioned!, clientId: `mention-${Math.random()}`, body: 'Can you call them back?', kind: 'note', mentions: [me] });

    inBar<HTMLButtonElement>(list, '[part~="mentions-filter"]')!.click();
    await until(client.conversations.store, (s) => s.query.filter.mentionsMe === true && s.status === 'ready', 'the mentions filter is set');
    await eventually(() => client.conversations.store.get().order.join() === mentioned, 'only the mentioning conversation shows');
    await eventually(() => rowFor(list, mentioned!), 'its row renders');
    expect(text(rowFor(list, mentioned!)!.querySelector('[part="mention"]'))).to.equal('@mentions you');
    expect(inBar(list, '[part~="mentions-filter"]')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('searches on Enter and marks what matched in each result', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    await search(list, client, 'Maple');
    const state = client.conversations.store.get();
    expect(state.order.length).to.be.at.least(1);
    await eventually(() => rows(list).length > 0, 'results render');
    for (const row of rows(list)) {
      const match = state.matches[row.dataset['id']!]!;
      expect(match, 'each result says why it matched').to.exist;
      const where = match.field === 'name' ? row.querySelector('[part="name"]')! : row.querySelector('[part~="snippet"]')!;
      expect(text(where)).to.equal(match.snippet.replace(/\s+/g, ' ').trim());
      const marks = [...where.querySelectorAll('mark')].map((m) => m.textContent);
      expect(marks).to.deep.equal(match.highlights.map(([s, e]) => match.snippet.slice(s, e)));
      for (const mark of marks) expect(mark!.toLowerCase()).to.equal('maple');
    }

    await search(list, client, 'Whitaker');
    await eventually(() => rows(list).length > 0, 'the name result renders');
    const name = rows(list)[0]!.querySelector('[part="name"]')!;
    expect(text(name.querySelector('mark'))).to.equal('Whitaker');
  });

  it('says when nothing matches, with a way back', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const all = client.conversations.store.get().order.length;
    await search(list, client, 'zzqx-nothing');
    await eventually(() => text(shadow(list, '[part="state"] .empty-message')) === 'No conversations match “zzqx-nothing”', 'the no-match message');
    expect(rows(list)).to.have.length(0);
    shadow<HTMLButtonElement>(list, '[part="state"] [part="clear-filters"]')!.click();
    await until(client.conversations.store, (s) => !s.query.filter.search && s.status === 'ready', 'the search clears');
    await eventually(() => rows(list).length > 0 && client.conversations.store.get().order.length === all, 'the list is back');
    await bar(list).updateComplete;
    expect(inBar<HTMLInputElement>(list, '[part="search-input"]')!.value, 'the box empties too').to.equal('');
  });

  it('clears the search with its × button', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    expect(inBar(list, '[part="search-clear"]'), 'no × while empty').to.not.exist;
    await search(list, client, 'Maple');
    const clear = inBar<HTMLButtonElement>(list, '[part="search-clear"]')!;
    expect(clear.getAttribute('aria-label')).to.equal('Clear search');
    clear.click();
    await until(client.conversations.store, (s) => !s.query.filter.search && s.status === 'ready', 'the search clears');
    await bar(list).updateComplete;
    expect(inBar<HTMLInputElement>(list, '[part="search-input"]')!.value).to.equal('');
    expect(Object.keys(client.conversations.store.get().matches)).to.have.length(0);
  });

  it('pins a list to one contact group with the group attribute', async () => {
    const client = await connectedClient();
    const list = await renderList(client, { group: 'inspector' });
    await until(client.conversations.store, (s) => s.query.filter.group === 'inspector' && s.status === 'ready', 'the group is pinned');
    const conversations = await shown(list, client);
    expect(conversations.length).to.be.at.least(1);
    for (const c of conversations) expect(c.contact.group).to.equal('inspector');
    expect(inBar(list, '[part~="group-filter"]'), 'no group filter on a pinned list').to.not.exist;

    inBar<HTMLButtonElement>(list, '[part~="mentions-filter"]')!.click();
    await until(client.conversations.store, (s) => !!s.query.filter.mentionsMe && s.status === 'ready', 'another filter goes on');
    await bar(list).updateComplete;
    inBar<HTMLButtonElement>(list, '[part="clear-filters"]')!.click();
    await until(client.conversations.store, (s) => !s.query.filter.mentionsMe && s.status === 'ready', 'the filters clear');
    expect(client.conversations.store.get().query.filter).to.deep.equal({ group: 'inspector' });
  });

  it('is accessible, with a picker open', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    await agentId(client, 'Sam Patel');
    inBar<HTMLButtonElement>(list, '[part~="assignee-filter"]')!.click();
    await eventually(() => inBar(list, '#assignee-picker')!.matches(':popover-open'), 'the picker opens');
    await expect(bar(list)).to.be.accessible();
    expect(deep(list, 'conv-filter-bar', '[role="search"]')).to.exist;
  });
});
