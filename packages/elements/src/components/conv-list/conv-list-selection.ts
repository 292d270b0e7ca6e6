// What the bulk bar shows of the checked rows: a select-all box, how many are checked, "Select
// all N matching" and "Clear selection". Rendered by the list into the bar's slot.
import { html, nothing } from 'lit';
import type { Localize } from '../../i18n/localize.js';
import '../../i18n/terms/selection.js';

export interface SelectionSummary {
  /** The loaded rows, in order. */
  order: readonly string[];
  checked: number;
  /** How many conversations the view holds under its filters. */
  total: number;
  allMatching: boolean;
  selectLoaded(): void;
  selectAllMatching(): void;
  clear(): void;
}

export function renderSelectionSummary(l: Localize, { order, checked, total, allMatching, selectLoaded, selectAllMatching, clear }: SelectionSummary) {
  return html`
    <input
      type="checkbox"
      class="select-all"
      aria-label=${l.t('selectLoaded')}
      .checked=${allMatching || checked === order.length}
      .indeterminate=${!allMatching && checked > 0 && checked < order.length}
      @change=${(e: Event) => ((e.target as HTMLInputElement).checked ? selectLoaded() : clear())}
    />
    <span part="selection-count" role="status">${allMatching ? l.t('allMatchingSelected', total) : l.t('selectedCount', checked)}</span>
    ${!allMatching && total > checked
      ? html`<button type="button" class="link" part="select-all-matching" @click=${selectAllMatching}>${l.t('selectAllMatching', total)}</button>`
      : nothing}
    <button type="button" class="link" part="clear-selection" @click=${clear}>${l.t('clearSelection')}</button>
  `;
}
