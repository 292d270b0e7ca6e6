// How the list draws its rows: only those in view once the virtualizer's chunk is here
// (internal/load-virtualizer.ts), and until then a screenful as they are, so the first screen
// needs no chunk. Scrolling a row into view goes the same two ways.
import { nothing, type TemplateResult } from 'lit';
import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { ROWS_BEFORE_VIRTUALIZER, virtualizer } from '../../internal/load-virtualizer.js';

/** Downloads the virtualizer unless it is here: `redraw` once it is, `failed` when it cannot be. */
export function ensureVirtualizer(redraw: () => void, failed: () => void): void {
  if (!virtualizer.value) void virtualizer.load().then(redraw, failed);
}

export function renderRows(order: string[], renderItem: (id: string, index: number) => TemplateResult): unknown {
  const parts = virtualizer.value;
  if (!parts) return order.slice(0, ROWS_BEFORE_VIRTUALIZER).map(renderItem);
  return parts.virtualize({
    items: order,
    keyFunction: (id: string) => id,
    renderItem,
    scroller: true,
    // Given, not defaulted: the default layout is a dynamic import, a second request.
    layout: parts.flow(),
  });
}

/** On the listbox: works out the rows in view again when the page moves it into view without a scroll. */
export function followViewport(): unknown {
  return virtualizer.value?.inView() ?? nothing;
}

/** Scrolls the row at `index` of `order` into view, in the listbox under `root`. */
export function scrollRowIntoView(root: ParentNode, order: readonly string[], index: number): void {
  const parts = virtualizer.value;
  if (parts) root.querySelector<VirtualizerHostElement>('[role="listbox"]')?.[parts.virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
  else root.querySelector(`#row-${CSS.escape(order[index] ?? '')}`)?.scrollIntoView({ block: 'nearest' });
}
