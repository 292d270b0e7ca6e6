// A host page in sections (an inspection app's Inspectors, Agents and Clients) with an unread
// badge on its nav: every part on one client, each list its own. Side by side, so that every
// list's rows are in view (a list draws only the rows in view).
import { expect, fixture, html } from '@open-wc/testing';
import type { ConversationsState, Store } from '@convkit/sdk';
import '../../define/conv-list.js';
import '../../define/conv-unread-badge.js';
import type { ConvList } from './conv-list.js';
import { connectedClient, disconnectClients, eventually, openSockets, shadowAll, simulateSms, until } from '../../test-utils/index.js';

const GROUPS = ['inspector', 'agent', 'client'] as const;

function rowIds(list: ConvList): string[] {
  return shadowAll(list, '[role="option"]').map((row) => row.dataset['id']!);
}

/** Every state a store passes through from now on. */
function record<T>(store: Store<T>): { states: T[]; stop(): void } {
  const states: T[] = [];
  const stop = store.subscribe((state) => states.push(state));
  return { states, stop };
}

async function renderSections(): Promise<ConvList[]> {
  const client = await connectedClient();
  const page = await fixture<HTMLElement>(html`
    <div style="display:flex;gap:8px">
      <conv-unread-badge .client=${client}></conv-unread-badge>
      ${GROUPS.map((group) => html`<conv-list .client=${client} group=${group} label=${group} no-tabs no-filters style="height:320px;width:240px"></conv-list>`)}
    </div>
  `);
  const lists = [...page.querySelectorAll<ConvList>('conv-list')];
  for (const list of lists) {
    await eventually(() => list.liveList && list.liveList.store.get().status === 'ready', `the ${list.group} section loads`);
    await eventually(() => rowIds(list).length > 0, `the ${list.group} rows render`);
  }
  return lists;
}

describe('<conv-list> sections on one client', () => {
  afterEach(disconnectClients);

  it('three grouped lists and a badge open exactly one socket, each list showing its group', async () => {
    const lists = await renderSections();
    const client = lists[0]!.client!;
    expect(await openSockets(client.session.get()!.user.id)).to.equal(1);
    expect(new Set(lists.map((list) => list.liveList)).size, 'a list each').to.equal(3);
    for (const list of lists) {
      const { byId } = list.liveList!.store.get();
      for (const id of rowIds(list)) expect(byId[id]!.contact.group).to.equal(list.group);
    }
  });

  it('an inbound message for a contact in one group appears in that section only, live', async () => {
    const lists = await renderSections();
    const [inspectors, agents, clients] = lists as [ConvList, ConvList, ConvList];
    const state: ConversationsState = agents.liveList!.store.get();
    const target = state.byId[state.order.at(-1)!]!;
    const others = [inspectors, clients].map((list) => record(list.liveList!.store));
    const body = `for the agents section ${Math.random().toString(36).slice(2, 8)}`;
    await simulateSms(target.contact.phone!, body);
    await until(agents.liveList!.store, (s) => s.byId[target.id]?.lastMessage?.preview === body, 'the message reaches the agents section');
    await eventually(() => rowIds(agents)[0] === target.id, 'the conversation tops the agents section');
    for (const other of others) other.stop();
    for (const list of [inspectors, clients]) expect(rowIds(list)).to.not.include(target.id);
    for (const other of others) for (const s of other.states) expect(s.order).to.not.include(target.id);
  });
});
