// Helpers for the specs that drive a <conv-list> and its parts (tabs, filters, bulk bar, menu).
import { fixture, html } from '@open-wc/testing';
import type { ConvClient } from '@convkit/sdk';
import '../define/conv-list.js';
import type { ConvList } from '../components/conv-list/conv-list.js';
import type { ConvViewTabs } from '../components/conv-view-tabs/conv-view-tabs.js';
import type { ConvFilterBar } from '../components/conv-filter-bar/conv-filter-bar.js';
import type { ConvBulkBar } from '../components/conv-bulk-bar/conv-bulk-bar.js';
import type { ConvRowMenu } from '../components/conv-row-menu/conv-row-menu.js';
import { eventually, shadow, shadowAll, until } from './index.js';

/** A list on `client`, once its first page is in and rows are drawn. */
export async function renderList(client: ConvClient, { height = 600, group = '' } = {}): Promise<ConvList> {
  const list = await fixture<ConvList>(html`<conv-list .client=${client} .list=${client.conversations.inbox} group=${group} style=${`height:${height}px;width:420px`}></conv-list>`);
  await until(client.conversations.store, (s) => s.status === 'ready', 'the conversations load');
  await eventually(() => rows(list).length > 0, 'rows render');
  return list;
}

export function rows(list: ConvList): HTMLElement[] {
  return shadowAll(list, '[role="option"]');
}

export function rowFor(list: ConvList, id: string): HTMLElement | null {
  return shadow(list, `[role="option"][data-id="${id}"]`);
}

/** Waits until the list shows exactly what the store holds for the current query, and returns the ids shown. */
export async function settled(list: ConvList, client: ConvClient, what = 'the list settles'): Promise<string[]> {
  const state = await until(client.conversations.store, (s) => s.status === 'ready', what);
  await list.updateComplete;
  return state.order;
}

/** Clicks a row's check box (with Shift held for a range), as a mouse does. */
export function check(list: ConvList, id: string, shiftKey = false): void {
  rowFor(list, id)!.querySelector('[data-role="check"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey }));
}

/** Clicks one of a row's mouse affordances: `star` or `more`. */
export function clickRowPart(list: ConvList, id: string, role: 'star' | 'more'): void {
  rowFor(list, id)!.querySelector<HTMLElement>(`[data-role="${role}"]`)!.click();
}

export const tabsOf = (list: ConvList) => shadow<ConvViewTabs>(list, 'conv-view-tabs')!;
export const filterBarOf = (list: ConvList) => shadow<ConvFilterBar>(list, 'conv-filter-bar')!;
export const bulkBarOf = (list: ConvList) => shadow<ConvBulkBar>(list, 'conv-bulk-bar')!;
/** The bulk bar once its chunk is loaded (on the first checked row) and it has rendered. */
export async function bulkBarReady(list: ConvList): Promise<ConvBulkBar> {
  await customElements.whenDefined('conv-bulk-bar');
  await bulkBarOf(list).updateComplete;
  return bulkBarOf(list);
}
export const rowMenuOf = (list: ConvList) => shadow<ConvRowMenu>(list, 'conv-row-menu')!;

/** The tab of `view` in a list's tabs. */
export function tab(list: ConvList, view: string): HTMLButtonElement {
  return shadow<HTMLButtonElement>(tabsOf(list), `[role="tab"][data-view="${view}"]`)!;
}

/** Types into a text field as a user does (value, then an input event). */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** The id of a demo agent by name (Sam Patel, Alex Rivera). */
export async function agentId(client: ConvClient, name: string): Promise<string> {
  await client.users.load();
  const user = client.users.store.get().items.find((u) => u.name === name);
  if (!user) throw new Error(`no agent named ${name}`);
  return user.id;
}
