import { expect } from '@open-wc/testing';
import type { ConvList } from '../conv-list/conv-list.js';
import { connectedClient, disconnectClients, eventually, expectEvent, freshConversations, shadow, shadowAll, text, until } from '../../test-utils/index.js';
import { bulkBarOf, bulkBarReady, check, renderList, rowFor, settled, tab, typeInto } from '../../test-utils/list.js';

const inBar = <E extends Element = HTMLElement>(list: ConvList, selector: string) => shadow<E>(bulkBarOf(list), selector);

/** Checks the first and shift-checks the last of `ids`, once their rows are drawn. */
async function checkRange(list: ConvList, ids: string[]): Promise<void> {
  await eventually(() => ids.every((id) => rowFor(list, id)), 'the rows render');
  check(list, ids[0]!);
  check(list, ids[ids.length - 1]!, true);
  await list.updateComplete;
  await bulkBarReady(list);
}

describe('<conv-bulk-bar>', () => {
  afterEach(disconnectClients);

  it('is hidden until rows are checked', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    expect(getComputedStyle(bulkBarOf(list)).display).to.equal('none');
    check(list, client.conversations.store.get().order[0]!);
    await list.updateComplete;
    await bulkBarReady(list);
    expect(getComputedStyle(bulkBarOf(list)).display).to.not.equal('none');
    expect(shadowAll(bulkBarOf(list), '[part="action"]').map((b) => text(b))).to.deep.equal(['Archive', 'Mark read', 'Mark unread', 'Assign…', 'Label…', 'Tag contacts…']);
  });

  it('archives the checked conversations, showing progress, then what it did; they leave All', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const ids = (await freshConversations(client, 3)).reverse();
    await eventually(() => client.conversations.store.get().order.slice(0, 3).join() === ids.join(), 'the new conversations top the list');
    await checkRange(list, ids);
    expect(text(shadow(list, '[part="selection-count"]'))).to.equal('3 selected');

    // What the bar showed while the server worked.
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const progress = inBar(list, '[part="progress"]');
      if (progress) seen.push(`${progress.querySelector('[role="progressbar"]')!.getAttribute('aria-valuemax')}:${text(progress.querySelector('.progress-text'))}`);
    });
    observer.observe(bulkBarOf(list).shadowRoot!, { childList: true, subtree: true, characterData: true });
    const done = await expectEvent(list, 'conv-bulk-complete', () => inBar<HTMLButtonElement>(list, '[data-action="archive"]')!.click());
    observer.disconnect();
    expect(done.detail).to.deep.equal({ target: { ids }, action: { type: 'archive' }, matched: 3, changed: 3 });
    expect(seen.length, 'a progress bar showed while it ran').to.be.greaterThan(0);
    for (const line of seen) expect(line).to.match(/^3:\d of 3$/);

    await eventually(() => ids.every((id) => !rowFor(list, id)), 'the rows leave All');
    await bulkBarReady(list);
    expect(text(inBar(list, '[part="result"] [role="status"]'))).to.equal('Archived 3 conversations.');
    expect(shadow(list, '[part="selection-count"]'), 'nothing stays checked').to.not.exist;
    for (const id of ids) expect(client.conversations.store.get().byId[id]!.status).to.equal('archived');

    inBar<HTMLButtonElement>(list, '[part="result"] button')!.click();
    await bulkBarReady(list);
    expect(getComputedStyle(bulkBarOf(list)).display).to.equal('none');
  });

  it('selects all N matching: the action covers the whole view, loaded or not', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    tab(list, 'unread').click();
    await settled(list, client, 'the unread view loads');
    const total = (await until(client.conversations.store, (s) => s.counts !== null && s.query.view === 'unread', 'the counts load')).counts!.unread;
    expect(total, 'a new agent has unread conversations').to.be.greaterThan(1);
    await eventually(() => rowFor(list, client.conversations.store.get().order[0]!), 'rows render');
    check(list, client.conversations.store.get().order[0]!);
    await list.updateComplete;

    const all = shadow<HTMLButtonElement>(list, '[part="select-all-matching"]')!;
    expect(text(all)).to.equal(`Select all ${total} matching`);
    const change = await expectEvent(list, 'conv-selection-change', () => all.click());
    expect(change.detail.allMatching).to.equal(true);
    await list.updateComplete;
    expect(text(shadow(list, '[part="selection-count"]'))).to.equal(`All ${total} matching selected`);
    expect(list.bulkTarget).to.deep.equal({ view: 'unread', filter: {} });

    await bulkBarReady(list);
    const done = await expectEvent(list, 'conv-bulk-complete', () => inBar<HTMLButtonElement>(list, '[data-action="markRead"]')!.click());
    expect(done.detail.target).to.deep.equal({ view: 'unread', filter: {} });
    expect(done.detail.matched).to.be.at.least(total);
    await eventually(() => text(shadow(list, '[part="state"]')) === 'No unread conversations.', 'the Unread view empties');
    await eventually(() => text(tab(list, 'unread').querySelector('[part="count"]')) === '0', 'Unread counts 0');
    expect(text(inBar(list, '[part="result"] [role="status"]'))).to.match(/^Marked \d+ conversations as read\.$/);
  });

  it('assigns, labels and tags the contacts of the checked conversations', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const me = client.session.get()!.user.id;
    const ids = (await freshConversations(client, 2)).reverse();
    await eventually(() => client.conversations.store.get().order.slice(0, 2).join() === ids.join(), 'the new conversations top the list');
    await checkRange(list, ids);

    inBar<HTMLButtonElement>(list, '[popovertarget="bulk-assign"]')!.click();
    const meOption = await eventually(() => shadowAll(bulkBarOf(list), '#bulk-assign [role="option"]').find((o) => text(o) === 'Me'), 'the assignee list opens');
    let done = await expectEvent(list, 'conv-bulk-complete', () => meOption.click());
    expect(done.detail.action).to.deep.equal({ type: 'assign', assigneeId: me });
    for (const id of ids) await eventually(() => rowFor(list, id)?.querySelector('[part="assignee"]'), 'the rows show their assignee');
    expect(text(inBar(list, '[part="result"] [role="status"]'))).to.equal('Assigned 2 conversations to you.');

    await checkRange(list, ids);
    inBar<HTMLButtonElement>(list, '[popovertarget="bulk-label"]')!.click();
    const followUp = await eventually(() => shadowAll(bulkBarOf(list), '#bulk-label [role="option"]').find((o) => text(o) === 'Follow up'), 'the label list opens');
    done = await expectEvent(list, 'conv-bulk-complete', () => followUp.click());
    expect(done.detail.action.type).to.equal('addLabel');
    for (const id of ids) await eventually(() => [...(rowFor(list, id)?.querySelectorAll('[part="label"]') ?? [])].some((c) => text(c) === 'Follow up'), 'the rows show the label');

    await checkRange(list, ids);
    inBar<HTMLButtonElement>(list, '[popovertarget="bulk-tag"]')!.click();
    const input = await eventually(() => inBar<HTMLInputElement>(list, '#bulk-tag input'), 'the tag form opens');
    const tag = `vip-${Math.random().toString(36).slice(2, 6)}`;
    typeInto(input, tag);
    done = await expectEvent(list, 'conv-bulk-complete', () => inBar<HTMLButtonElement>(list, '#bulk-tag [type="submit"]')!.click());
    expect(done.detail.action).to.deep.equal({ type: 'tagContacts', tag });
    expect(done.detail.changed).to.equal(2);
    for (const id of ids) {
      const contactId = client.conversations.store.get().byId[id]!.contact.id;
      const contact = await until(client.contacts.get(contactId), (s) => !!s.contact, 'the contact loads');
      expect(contact.contact!.tags).to.include(tag);
    }
  });

  it('lets the host stop a bulk action', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    await eventually(() => rowFor(list, id!), 'the row renders');
    check(list, id!);
    await list.updateComplete;
    await bulkBarReady(list);
    list.addEventListener('conv-bulk-action', (event) => event.preventDefault(), { once: true });
    const request = await expectEvent(list, 'conv-bulk-action', () => inBar<HTMLButtonElement>(list, '[data-action="archive"]')!.click());
    expect(request.detail).to.deep.equal({ target: { ids: [id] }, action: { type: 'archive' } });
    // A started bulk action shows in its state at once; the server then still has it open.
    expect(client.conversations.bulkState.get().status).to.equal('idle');
    const onServer = await client.request('conversations.get', { id: id! });
    expect(onServer.conversation.status).to.equal('open');
    await list.updateComplete;
    expect(rowFor(list, id!)).to.exist;
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [a, b] = client.conversations.store.get().order;
    check(list, a!);
    check(list, b!, true);
    await list.updateComplete;
    await bulkBarReady(list);
    await expect(bulkBarOf(list)).to.be.accessible();
  });
});
