import { expect, fixture, html } from '@open-wc/testing';
import '../define/conv-list.js';
import type { ConvList } from '../components/conv-list/conv-list.js';
import { connectedClient, disconnectClients, eventually, shadow } from '../test-utils/index.js';

/** The first row's height and the search box's padding in a list inside `wrapper`. */
async function measure(wrapper: HTMLElement): Promise<{ row: number; padding: number }> {
  const list = wrapper.querySelector<ConvList>('conv-list')!;
  const row = await eventually(() => shadow(list, '[role="option"]'), 'a row');
  const search = await eventually(() => shadow(shadow(list, 'conv-filter-bar')!, '[part="search-input"]'), 'the search box');
  return { row: row.getBoundingClientRect().height, padding: parseFloat(getComputedStyle(search).paddingTop) };
}

describe('density', () => {
  afterEach(disconnectClients);

  it('density="compact" tightens rows and spacing, in the element and in the ones inside it', async () => {
    const client = await connectedClient();
    const roomy = await measure(await fixture(html`<div><conv-list .client=${client} .list=${client.conversations.inbox} style="height:400px;width:420px"></conv-list></div>`));
    const compact = await measure(await fixture(html`<div><conv-list density="compact" .client=${client} .list=${client.conversations.inbox} style="height:400px;width:420px"></conv-list></div>`));
    // A row's padding is two `space.m`: 0.75rem each, 0.45rem when compact (12 px against 7.2 px).
    expect(roomy.row - compact.row).to.be.at.least(8, `rows: ${compact.row} against ${roomy.row}`);
    // The filter bar inside the list follows the list's density.
    expect(compact.padding).to.be.below(roomy.padding);
  });

  it('follows --conv-density-scale set by the host on an ancestor', async () => {
    const client = await connectedClient();
    const roomy = await measure(await fixture(html`<div><conv-list .client=${client} .list=${client.conversations.inbox} style="height:400px;width:420px"></conv-list></div>`));
    const scaled = await measure(await fixture(html`<div style="--conv-density-scale: 0.5"><conv-list .client=${client} .list=${client.conversations.inbox} style="height:400px;width:420px"></conv-list></div>`));
    expect(roomy.row - scaled.row).to.be.at.least(10, `rows: ${scaled.row} against ${roomy.row}`);
  });
});
