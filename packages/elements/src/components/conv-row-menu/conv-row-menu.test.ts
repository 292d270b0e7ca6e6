import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { isConvError } from '@convkit/sdk';
import '../../define/conv-row-menu.js';
import type { ConvRowMenu } from './conv-row-menu.js';
import type { ConvList } from '../conv-list/conv-list.js';
import { connectedClient, deepActiveElement, disconnectClients, eventually, freshConversations, shadow, shadowAll, text, until } from '../../test-utils/index.js';
import { agentId, clickRowPart, renderList, rowFor, rowMenuOf, settled, tab, typeInto } from '../../test-utils/list.js';

const menu = (list: ConvList) => rowMenuOf(list);
const inMenu = <E extends Element = HTMLElement>(list: ConvList, selector: string) => shadow<E>(menu(list), selector);
const isOpen = (list: ConvList) => !!inMenu(list, '[popover]')?.matches(':popover-open');

async function openMenu(list: ConvList, id: string): Promise<void> {
  await eventually(() => rowFor(list, id), 'the row renders');
  clickRowPart(list, id, 'more');
  await eventually(() => isOpen(list), 'the menu opens');
  await menu(list).updateComplete;
}

function item(list: ConvList, action: string): HTMLButtonElement {
  return inMenu<HTMLButtonElement>(list, `[data-action="${action}"]`)!;
}

describe('<conv-row-menu>', () => {
  afterEach(disconnectClients);

  it('stars a row from its star, and the Starred count follows', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    await eventually(() => rowFor(list, id!), 'the row renders');
    clickRowPart(list, id!, 'star');
    await eventually(() => rowFor(list, id!)!.querySelector('[part="star"]')!.classList.contains('starred'), 'the star lights up');
    await eventually(() => text(tab(list, 'starred').querySelector('[part="count"]')) === '1', 'Starred counts it');
    clickRowPart(list, id!, 'star');
    await eventually(() => !rowFor(list, id!)!.querySelector('[part="star"]')!.classList.contains('starred'), 'the star goes out');
    await until(client.conversations.store, (s) => !s.byId[id!]!.readState.starred, 'the store has it unstarred');
  });

  it('lists the actions for the conversation, named after its contact', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    await openMenu(list, id!);
    const name = client.conversations.store.get().byId[id!]!.contact.name;
    expect(inMenu(list, '[popover]')!.getAttribute('aria-label')).to.equal(`Actions for ${name}`);
    expect(shadowAll(menu(list), '.menu-item').map((b) => text(b))).to.deep.equal(['Star', 'Mark as read', 'Archive', 'Assign…Unassigned', 'Labels…', 'Download as CSV']);
    expect(menu(list).shadowRoot!.activeElement, 'focus goes to the first action').to.equal(item(list, 'star'));
  });

  it('downloads the conversation as CSV, saying how it goes, in a file named after the contact', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    await openMenu(list, id!);
    const name = client.conversations.store.get().byId[id!]!.contact.name;
    // The link the menu clicks to hand the file to the browser.
    const clicked: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      item(list, 'export').click();
      expect(isOpen(list)).to.equal(false);
      const status = await eventually(() => inMenu(list, '[part="download"][role="status"]'), 'it says the download is under way');
      expect(text(status)).to.match(/^(Downloading the conversation… \d+ KB|Downloaded .+\.csv)$/);
      await eventually(() => clicked.length === 1, 'the file is handed to the browser');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(clicked[0]!.download).to.equal(`${name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim()}.csv`);
    const csv = await (await fetch(clicked[0]!.href)).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).to.equal('message_id,thread_id,date,time,contact_name,from,to,status,channel,message');
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.every((row) => row.includes(id!))).to.equal(true);
    await eventually(() => text(inMenu(list, '[part="download"]')) === `Downloaded ${clicked[0]!.download}`, 'it says the file came');
  });

  it('downloads every conversation for an admin, streamed, in one file', async () => {
    const admin = await connectedClient(undefined, 'admin');
    const list = await renderList(admin);
    const ids = await freshConversations(admin, 2);
    await openMenu(list, ids[0]!);
    const clicked: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      expect(text(item(list, 'export-all'))).to.equal('Download all conversations as CSV');
      item(list, 'export-all').click();
      const status = await eventually(() => inMenu(list, '[part="download"][role="status"]'), 'it says the download is under way');
      expect(text(status)).to.match(/^(Downloading every conversation… \d+ KB|Downloaded conversations-.+\.csv)$/);
      await eventually(() => clicked.length === 1, 'the file is handed to the browser');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(clicked[0]!.download).to.equal(`conversations-${new Date().toISOString().slice(0, 10)}.csv`);
    const csv = await (await fetch(clicked[0]!.href)).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).to.equal('message_id,thread_id,date,time,contact_name,from,to,status,channel,message');
    for (const id of ids) expect(rows.some((row) => row.includes(id)), `a row of ${id}`).to.equal(true);
    expect(new Set(rows.map((row) => row.split(',')[1])).size).to.be.greaterThan(2, 'every thread, not one');
  });

  it('archives from the menu, and unarchives from the Archived view', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    await openMenu(list, id!);
    item(list, 'archive').click();
    expect(isOpen(list)).to.equal(false);
    await eventually(() => !rowFor(list, id!), 'the row leaves All');

    tab(list, 'archived').click();
    await settled(list, client, 'the archived view loads');
    await openMenu(list, id!);
    expect(text(rowFor(list, id!)!.querySelector('[part="archived-badge"]'))).to.equal('Archived');
    expect(text(item(list, 'unarchive'))).to.equal('Unarchive');
    item(list, 'unarchive').click();
    await eventually(() => !rowFor(list, id!), 'the row leaves Archived');
    expect((await (await connectedClient()).conversations.fetch(id!)).status).to.equal('open');
  });

  it('marks a conversation read, then unread', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    await openMenu(list, id!);
    item(list, 'markRead').click();
    await eventually(() => !rowFor(list, id!)!.querySelector('[part="unread"]'), 'the unread dot goes');
    await openMenu(list, id!);
    item(list, 'markUnread').click();
    await eventually(() => rowFor(list, id!)!.querySelector('[part="unread"]'), 'the unread dot is back');
    await until(client.conversations.store, (s) => s.byId[id!]!.readState.manualUnread, 'the server kept it unread');
  });

  it('assigns through a searchable list of agents', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const sam = await agentId(client, 'Sam Patel');
    const [id] = await freshConversations(client, 1);
    await openMenu(list, id!);
    item(list, 'assign').click();
    const search = await eventually(() => menu(list).shadowRoot!.activeElement?.matches('[role="combobox"]') && inMenu<HTMLInputElement>(list, '[role="combobox"]'), 'focus goes to the search box');
    typeInto(search, 'pat');
    await menu(list).updateComplete;
    expect(shadowAll(menu(list), '[role="option"]').map((o) => text(o))).to.deep.equal(['Sam Patel']);
    await sendKeys({ press: 'Enter' });
    await until(client.conversations.store, (s) => s.byId[id!]!.assigneeId === sam, 'the conversation is assigned');
    await eventually(() => text(rowFor(list, id!)!.querySelector('[part="assignee"]')) === 'SPAssigned to Sam Patel', 'the row shows the assignee');
    expect(isOpen(list)).to.equal(false);
  });

  it('adds and removes labels', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const [id] = await freshConversations(client, 1);
    await openMenu(list, id!);
    item(list, 'labels').click();
    await menu(list).updateComplete;
    const hot = () => shadowAll<HTMLButtonElement>(menu(list), '[data-label-id]').find((b) => text(b) === 'Hot lead')!;
    expect(hot().getAttribute('aria-pressed')).to.equal('false');
    hot().click();
    await eventually(() => [...(rowFor(list, id!)?.querySelectorAll('[part="label"]') ?? [])].some((c) => text(c) === 'Hot lead'), 'the chip shows');
    await menu(list).updateComplete;
    expect(hot().getAttribute('aria-pressed')).to.equal('true');
    expect(isOpen(list), 'labels stay open to toggle several').to.equal(true);
    hot().click();
    await eventually(() => rowFor(list, id!)!.querySelectorAll('[part="label"]').length === 0, 'the chip goes');
    await until(client.conversations.store, (s) => s.byId[id!]!.labelIds.length === 0, 'the server removed it');
  });

  it('opens from the keyboard with M and gives focus back on Escape', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    const listbox = shadow(list, '[role="listbox"]')!;
    listbox.focus();
    await list.updateComplete;
    await sendKeys({ press: 'm' });
    await eventually(() => isOpen(list), 'the menu opens');
    await eventually(() => deepActiveElement() === item(list, 'star'), 'focus is in the menu');
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()).to.equal(shadowAll(menu(list), '.menu-item')[1]);
    await sendKeys({ press: 'Escape' });
    await eventually(() => !isOpen(list), 'Escape closes it');
    await eventually(() => deepActiveElement() === listbox, 'focus is back on the list');
  });

  it('offers Download all and Delete to admins only', async () => {
    const agent = await connectedClient(undefined, 'agent');
    const list = await renderList(agent);
    const [id] = await freshConversations(agent, 1);
    await openMenu(list, id!);
    expect(shadowAll(menu(list), '[data-action]').map((b) => b.dataset['action'])).to.deep.equal(['star', 'markRead', 'archive', 'assign', 'labels', 'export']);
    // And the server refuses an agent anyway.
    const refused = await agent.conversations.delete(id!).then(() => null, (error: unknown) => error);
    expect(isConvError(refused) && refused.code).to.equal('forbidden');
    const everything = await agent.exportCsv().then(() => null, (error: unknown) => error);
    expect(isConvError(everything) && everything.code).to.equal('forbidden');
  });

  it('asks an admin to confirm that a delete is permanent, then deletes', async () => {
    const admin = await connectedClient(undefined, 'admin');
    const list = await renderList(admin);
    const [id] = await freshConversations(admin, 1);
    await openMenu(list, id!);
    item(list, 'delete').click();
    const dialog = inMenu<HTMLDialogElement>(list, 'dialog')!;
    await eventually(() => dialog.open, 'the confirmation opens');
    expect(text(dialog.querySelector('h2'))).to.equal('Delete this conversation?');
    expect(text(dialog)).to.contain('deleted permanently').and.contain('cannot be undone');
    expect(dialog.matches(':modal')).to.equal(true);

    inMenu<HTMLButtonElement>(list, '[part="cancel-button"]')!.click();
    await eventually(() => !dialog.open, 'Cancel closes it');
    expect(rowFor(list, id!), 'nothing was deleted').to.exist;

    await openMenu(list, id!);
    item(list, 'delete').click();
    await eventually(() => dialog.open, 'the confirmation opens again');
    inMenu<HTMLButtonElement>(list, '[part="confirm-button"]')!.click();
    await eventually(() => !dialog.open, 'the dialog closes once deleted');
    await eventually(() => !rowFor(list, id!), 'the row is gone');
    const other = await connectedClient();
    const gone = await other.conversations.fetch(id!).then(() => null, (error: unknown) => error);
    expect(isConvError(gone) && gone.code).to.equal('not_found');
  });

  it('works outside a list, next to any anchor', async () => {
    const client = await connectedClient();
    const [id] = await freshConversations(client, 1);
    const wrapper = await fixture<HTMLDivElement>(html`<div><button>anchor</button><conv-row-menu .client=${client}></conv-row-menu></div>`);
    const el = wrapper.querySelector<ConvRowMenu>('conv-row-menu')!;
    await el.show(id!, wrapper.querySelector('button')!);
    expect(shadow(el, '[popover]')!.matches(':popover-open')).to.equal(true);
    shadow<HTMLButtonElement>(el, '[data-action="star"]')!.click();
    await until(client.conversations.store, (s) => s.byId[id!]!.readState.starred, 'starred');
  });

  it('is accessible, open', async () => {
    const client = await connectedClient();
    const list = await renderList(client);
    await openMenu(list, client.conversations.store.get().order[0]!);
    await expect(menu(list)).to.be.accessible();
  });
});
