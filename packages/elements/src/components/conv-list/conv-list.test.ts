import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConvClient, type ConvClient as Client } from '@convkit/sdk';
import '../../define/conv-list.js';
import type { ConvList } from './conv-list.js';
import {
  connectedClient,
  disconnectClients,
  emptyWorkspace,
  eventually,
  expectEvent,
  expectNoEvent,
  freshConversations,
  session,
  shadow,
  shadowAll,
  simulateSms,
  text,
  uniquePhone,
  until,
} from '../../test-utils/index.js';

function rows(list: ConvList): HTMLElement[] {
  return shadowAll(list, '[role="option"]');
}

function rowFor(list: ConvList, id: string): HTMLElement | null {
  return shadow(list, `[role="option"][data-id="${id}"]`);
}

/** Clicks a row's check box, as a mouse would (with Shift held for a range). */
function check(list: ConvList, id: string, shiftKey = false): void {
  rowFor(list, id)!.querySelector('[data-role="check"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey }));
}

async function renderList(client: Client, height = 520): Promise<ConvList> {
  const list = await fixture<ConvList>(html`<conv-list .client=${client} style=${`height:${height}px`}></conv-list>`);
  await until(list.liveList!.store, (s) => s.status === 'ready', 'the conversations load');
  await eventually(() => rows(list).length > 0, 'rows render');
  return list;
}

describe('<conv-list>', () => {
  afterEach(disconnectClients);

  it('shows the conversations newest activity first, each with name, snippet, channel and time', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const state = list.liveList!.store.get();
    expect(state.order.length).to.be.greaterThan(0);

    const shown = rows(list);
    const ids = shown.map((row) => row.dataset['id']);
    expect(ids).to.deep.equal(state.order.slice(0, ids.length));
    const times = shown.map((row) => Date.parse(row.querySelector('time')!.getAttribute('datetime')!));
    for (let i = 1; i < times.length; i++) expect(times[i]!).to.be.at.most(times[i - 1]!);

    const first = state.byId[state.order[0]!]!;
    const row = shown[0]!;
    expect(text(row.querySelector('[part="name"]'))).to.equal(first.contact.name);
    expect(text(row.querySelector('[part="snippet"]'))).to.equal(first.lastMessage?.preview ?? '');
    expect(row.querySelector('time')!.textContent!.trim()).to.not.equal('');
    const icon = row.querySelector('svg[role="img"]')!;
    expect(icon.getAttribute('aria-label')).to.be.a('string').and.not.equal('');
  });

  it('labels every channel icon with its channel', async () => {
    const client = await connectedClient();
    const list = await renderList(client, 4000);
    const labels = new Set(rows(list).map((row) => row.querySelector('svg[role="img"]')!.getAttribute('aria-label')));
    // The demo workspace talks over several channels: the list must tell them apart.
    expect(labels.size).to.be.greaterThan(1);
    for (const label of labels) expect(['SMS', 'MMS', 'WhatsApp', 'Email', 'Call', 'Live chat', 'Facebook Messenger', 'Instagram', 'Internal note', 'Activity']).to.include(label);
  });

  it('renders only the rows in view, not the whole list', async () => {
    const client = await connectedClient();
    const list = await renderList(client, 200);
    const total = list.liveList!.store.get().order.length;
    expect(total).to.be.at.least(20);
    // Until the virtualizer's chunk is here, a screenful and more is drawn as it is.
    await eventually(() => rows(list).length < total, 'only the rows in view are drawn');
    const listbox = shadow(list, '[role="listbox"]')!;
    expect(rows(list)[0]!.getAttribute('aria-setsize')).to.equal(String(total));
    expect(listbox.scrollHeight).to.be.greaterThan(listbox.clientHeight);
  });

  it('draws its rows when the page moves it into view without a scroll', async () => {
    const client = await connectedClient();
    // Below the fold behind a host's banner: nothing of the list is in view, so no row is drawn.
    const page = await fixture<HTMLElement>(html`<div><div style="height:${window.innerHeight + 400}px"></div><conv-list .client=${client} style="height:300px"></conv-list></div>`);
    const list = page.querySelector<ConvList>('conv-list')!;
    await until(list.liveList!.store, (s) => s.status === 'ready', 'the conversations load');
    // (Before the virtualizer's chunk is here, a screenful is drawn as it is; then it takes over.)
    await eventually(() => rows(list).length === 0, 'the virtualizer draws no row out of view');
    // The banner goes: the list is in view, and no scroll or resize said so.
    page.firstElementChild!.remove();
    await eventually(() => rows(list).length > 0, 'the rows in view are drawn');
  });

  it('marks unread conversations with a dot, bold text and the word "unread"', async () => {
    const client = await connectedClient();
    const list = await renderList(client, 4000);
    const state = list.liveList!.store.get();
    const unread = state.order.filter((id) => state.byId[id]!.unread);
    const read = state.order.filter((id) => !state.byId[id]!.unread);
    // A new agent has read nothing: conversations the contact wrote in are unread.
    expect(unread.length).to.be.greaterThan(0);
    for (const id of unread) {
      const row = rowFor(list, id);
      if (!row) continue;
      expect(row.querySelector('[part="unread"]'), `dot on ${id}`).to.exist;
      expect(text(row.querySelector('.visually-hidden'))).to.equal('unread');
      expect(getComputedStyle(row.querySelector('[part="name"]')!).fontWeight).to.equal('600');
    }
    for (const id of read) {
      const row = rowFor(list, id);
      if (!row) continue;
      expect(row.querySelector('[part="unread"]')).to.not.exist;
      expect(text(row)).to.not.contain('unread');
    }
  });

  it('selects a conversation on click: request, then selected, then marked read for this agent', async () => {
    const { url, token, user } = await session();
    const client = new ConvClient({ url, token });
    client.connect();
    const list = await renderList(client);
    const state = list.liveList!.store.get();
    const id = state.order.find((i) => state.byId[i]!.unread && rowFor(list, i))!;
    expect(id, 'an unread row in view').to.be.a('string');

    const seen: string[] = [];
    list.addEventListener('conv-conversation-select', () => seen.push('select'));
    const selected = await expectEvent(list, 'conv-conversation-selected', () => rowFor(list, id)!.click());
    seen.push('selected');
    expect(seen).to.deep.equal(['select', 'selected']);
    expect(selected.detail).to.deep.equal({ conversationId: id });
    expect(list.conversationId).to.equal(id);
    expect(rowFor(list, id)!.getAttribute('aria-selected')).to.equal('true');
    await eventually(() => !rowFor(list, id)!.querySelector('[part="unread"]'), 'the unread dot goes');

    // The server kept it: the same agent in a new session sees it read.
    const again = await connectedClient(user);
    await again.conversations.load();
    expect(again.conversations.byId.get()[id]?.unread).to.equal(false);
    client.disconnect();
  });

  it('lets the host cancel a selection', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const id = list.liveList!.store.get().order[1]!;
    list.addEventListener('conv-conversation-select', (event) => event.preventDefault(), { once: true });
    await expectNoEvent(list, 'conv-conversation-selected', () => rowFor(list, id)!.click());
    expect(list.conversationId).to.equal('');
    expect(rowFor(list, id)!.getAttribute('aria-selected')).to.equal('false');
  });

  it('moves with the arrow keys, Home and End, and selects with Enter', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const order = list.liveList!.store.get().order;
    const listbox = shadow(list, '[role="listbox"]')!;
    listbox.focus();
    await list.updateComplete;
    expect(listbox.getAttribute('aria-activedescendant')).to.equal(`row-${order[0]}`);

    await sendKeys({ press: 'ArrowDown' });
    await list.updateComplete;
    expect(listbox.getAttribute('aria-activedescendant')).to.equal(`row-${order[1]}`);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await list.updateComplete;
    expect(listbox.getAttribute('aria-activedescendant')).to.equal(`row-${order[1]}`);

    await sendKeys({ press: 'End' });
    await list.updateComplete;
    const last = order[order.length - 1]!;
    expect(listbox.getAttribute('aria-activedescendant')).to.equal(`row-${last}`);
    // The active row is scrolled into view (it exists: the virtualizer rendered it).
    await eventually(() => rowFor(list, last), 'the last row is rendered');

    await sendKeys({ press: 'Home' });
    await list.updateComplete;
    expect(listbox.getAttribute('aria-activedescendant')).to.equal(`row-${order[0]}`);

    const event = await expectEvent(list, 'conv-conversation-selected', () => sendKeys({ press: 'Enter' }));
    expect(event.detail.conversationId).to.equal(order[0]);
    expect(rowFor(list, order[0]!)!.getAttribute('aria-selected')).to.equal('true');
  });

  it('puts a conversation with a new inbound SMS at the top, unread, without reloading', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const body = `Is the 3pm inspection still on? ${Math.random().toString(36).slice(2, 7)}`;
    await simulateSms(uniquePhone(), body);
    const top = await eventually(() => {
      const row = rows(list)[0];
      return row && text(row.querySelector('[part="snippet"]')) === body ? row : undefined;
    }, 'the new message tops the list');
    expect(top.querySelector('[part="unread"]')).to.exist;
    expect(text(top)).to.contain('unread');
    expect(top.querySelector('svg[role="img"]')!.getAttribute('aria-label')).to.equal('SMS');
  });

  it('shows a loading skeleton, then the rows', async () => {
    const { url, token } = await session();
    const client = new ConvClient({ url, token });
    client.connect();
    const list = await fixture<ConvList>(html`<conv-list .client=${client} style="height:300px"></conv-list>`);
    expect(shadow(list, '[aria-busy="true"]')).to.exist;
    expect(text(shadow(list, '[role="status"]'))).to.contain('Loading conversations');
    await eventually(() => rows(list).length > 0, 'rows render');
    expect(shadow(list, '.skeleton-row')).to.not.exist;
    client.disconnect();
  });

  it('given a client the host connects later, shows it loading, then fills without a Retry', async () => {
    const { url, token } = await session();
    const client = new ConvClient({ url, token, autoConnect: false });
    const list = await fixture<ConvList>(html`<conv-list .client=${client} style="height:400px"></conv-list>`);
    await list.updateComplete;
    expect(list.liveList!.store.get().status).to.equal('loading');
    expect(shadow(list, '[role="alert"]'), 'no error while the client is not connected yet').to.not.exist;
    client.connect();
    await eventually(() => rows(list).length > 0, 'rows render once connected');
    expect(shadow(list, '[role="alert"]')).to.not.exist;
    client.disconnect();
  });

  it('shows an error with a Retry button when the conversations cannot load', async () => {
    const { url } = await session();
    const client = new ConvClient({ url, token: 'not-a-valid-token' });
    client.connect();
    // The server refuses the token; the list then asks for conversations and is refused at once.
    await until(client.status, (s) => s === 'failed', 'the server refuses the token');
    const list = await fixture<ConvList>(html`<conv-list .client=${client}></conv-list>`);
    const alert = await eventually(() => shadow(list, '[role="alert"]'), 'an error shows');
    expect(text(alert)).to.contain('Could not load conversations');
    expect(shadow(list, '[role="alert"] button')!.textContent).to.equal('Retry');
    client.disconnect();
  });

  it('says so when there are no conversations', async () => {
    const { url, token } = await session(undefined, await emptyWorkspace());
    const client = new ConvClient({ url, token });
    client.connect();
    const list = await fixture<ConvList>(html`<conv-list .client=${client}></conv-list>`);
    await until(list.liveList!.store, (s) => s.status === 'ready', 'the (empty) list loads');
    await list.updateComplete;
    expect(text(shadow(list, '[part="state"]'))).to.equal('No conversations yet.');
    expect(rows(list)).to.have.length(0);
    client.disconnect();
  });

  it('checks rows with their boxes, a range with shift-click, and tells the host', async () => {
    const client = await connectedClient();
    const list = await renderList(client, 800);
    const [a, b, c, d] = list.liveList!.store.get().order as [string, string, string, string];
    const listbox = shadow(list, '[role="listbox"]')!;
    expect(listbox.hasAttribute('aria-multiselectable')).to.equal(false);

    const first = await expectEvent(list, 'conv-selection-change', () => check(list, a));
    expect(first.detail).to.deep.equal({ ids: [a], allMatching: false });
    await list.updateComplete;
    expect(listbox.getAttribute('aria-multiselectable')).to.equal('true');
    expect(rowFor(list, a)!.getAttribute('aria-selected')).to.equal('true');
    expect(rowFor(list, b)!.getAttribute('aria-selected')).to.equal('false');

    const range = await expectEvent(list, 'conv-selection-change', () => check(list, d, true));
    expect(range.detail.ids).to.deep.equal([a, b, c, d]);
    // The summary comes in a chunk with the bulk bar, fetched on the first checked row.
    await eventually(() => text(shadow(list, '[part="selection-count"]')) === '4 selected', 'the bulk bar counts 4');
    for (const id of [a, b, c, d]) expect(rowFor(list, id)!.getAttribute('part')).to.contain('row-checked');

    const fewer = await expectEvent(list, 'conv-selection-change', () => check(list, c));
    expect(fewer.detail.ids).to.deep.equal([a, b, d]);

    const cleared = await expectEvent(list, 'conv-selection-change', () => shadow<HTMLButtonElement>(list, '[part="clear-selection"]')!.click());
    expect(cleared.detail.ids).to.deep.equal([]);
    await list.updateComplete;
    expect(listbox.hasAttribute('aria-multiselectable')).to.equal(false);
    expect(shadow(list, '[part="selection-count"]')).to.not.exist;
    expect(list.conversationId).to.equal('', 'checking rows opens none');
  });

  it('works from the keyboard: x checks, s stars, u toggles unread, e archives', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [older, newer] = await freshConversations(client, 2);
    await eventually(() => list.liveList!.store.get().order[0] === newer && rowFor(list, newer!), 'the newest conversation tops the list');
    const listbox = shadow(list, '[role="listbox"]')!;
    listbox.focus();
    await list.updateComplete;
    expect(listbox.getAttribute('aria-activedescendant')).to.equal(`row-${newer}`);
    const row = () => rowFor(list, newer!)!;

    const selected = await expectEvent(list, 'conv-selection-change', () => sendKeys({ press: 'x' }));
    expect(selected.detail.ids).to.deep.equal([newer]);
    await list.updateComplete;
    expect(row().getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'x' });
    await list.updateComplete;
    expect(row().getAttribute('aria-selected')).to.equal('false');

    await sendKeys({ press: 's' });
    await eventually(() => row().querySelector('[part="star"]')!.classList.contains('starred'), 'the star lights up');
    expect(text(row())).to.contain('starred');
    await until(list.liveList!.store, (s) => s.byId[newer!]!.readState.starred, 'the star reaches the store');

    expect(row().querySelector('[part="unread"]'), 'a new conversation is unread').to.exist;
    await sendKeys({ press: 'u' });
    await eventually(() => !row().querySelector('[part="unread"]'), 'u marks it read');
    await sendKeys({ press: 'u' });
    await eventually(() => row().querySelector('[part="unread"]'), 'u marks it unread again');

    await sendKeys({ press: 'e' });
    await eventually(() => !rowFor(list, newer!), 'e archives it out of All');
    await list.updateComplete;
    expect(listbox.getAttribute('aria-activedescendant'), 'the next row becomes active').to.equal(`row-${older}`);
    // The server kept it: another agent sees it archived.
    const other = await connectedClient();
    expect((await other.conversations.fetch(newer!)).status).to.equal('archived');
  });

  it('is accessible while rows are checked', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [a, b] = list.liveList!.store.get().order as [string, string];
    check(list, a);
    check(list, b, true);
    await list.updateComplete;
    await expect(list).to.be.accessible();
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    await expect(list).to.be.accessible();
  });
});
