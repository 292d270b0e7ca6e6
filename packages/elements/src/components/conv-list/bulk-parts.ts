// What the list shows once rows are checked: the bulk bar, and the summary the list puts in it
// (conv-list-selection.ts). Neither is on the first screen, so both come as chunks on first use.
import { defineLazily } from '../../internal/lazy-elements.js';
import { lazyModule } from '../../internal/lazy-module.js';

export const selectionSummary = lazyModule(() => import('./conv-list-selection.js'));

/** Fetches both; rejects when either could not be downloaded (the next checked row tries again). */
export function loadBulkParts(): Promise<unknown> {
  return Promise.all([defineLazily('conv-bulk-bar'), selectionSummary.load()]);
}
