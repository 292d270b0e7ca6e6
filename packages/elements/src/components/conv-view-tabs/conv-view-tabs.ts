import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConversationsState, InboxView, ViewCounts } from '@convkit/sdk';
import { ConvListElement } from '../../base/conv-list-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { countPhrase, viewLabel, VIEWS } from '../../internal/filters.js';
import { viewTabsStyles } from './conv-view-tabs.styles.js';

/** Counts above this read "999+": a tab has room for four characters. */
const COUNT_CAP = 999;

/**
 * @summary The conversation list's views as tabs (All, Unread, Recents, Starred, Archived), each
 * with its live count under the current filters. Picking a tab switches the view of one live
 * list: the `list` property (a `<conv-list>` hands its own to the tabs it shows), or else the
 * client's default list, the one `<conv-inbox>` shows.
 *
 * Arrow keys, Home and End move between tabs and pick them (the tabs pattern with automatic
 * activation). A polite live region says the unread count ("12 unread") when it changes.
 *
 * @csspart tablist - The row of tabs.
 * @csspart tab - One tab.
 * @csspart tab-selected - The current tab.
 * @csspart count - The count in a tab.
 *
 * @cssproperty --conv-color-accent - The current tab's underline.
 */
export class ConvViewTabs extends ConvListElement {
  static override styles = [ConvListElement.styles, viewTabsStyles];

  /** The tab list's accessible name; empty: "Views" in the element's language. */
  @property() accessor label = '';

  /** What the live region says: the unread count, or the current view's, after it changed. */
  announcement = '';

  readonly #view = new StoreController<ConversationsState, InboxView>(this, () => this.activeList?.store, (s) => s.query.view);
  readonly #counts = new StoreController<ConversationsState, ViewCounts | null>(this, () => this.activeList?.store, (s) => s.counts);
  #lastCounts: ViewCounts | null = null;

  /** The view shown now. */
  get view(): InboxView {
    return this.#view.value ?? 'all';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const counts = this.#counts.value ?? null;
    const before = this.#lastCounts;
    if (counts && counts !== before) {
      this.#lastCounts = counts;
      // Changes only: the first counts are the page loading, not news.
      if (before && counts.unread !== before.unread) this.announcement = countPhrase(this.localize, 'unread', counts.unread);
      else if (before && this.view !== 'unread' && counts[this.view] !== before[this.view]) this.announcement = countPhrase(this.localize, this.view, counts[this.view]);
    }
  }

  protected override render() {
    const current = this.view;
    const counts = this.#counts.value;
    return html`
      <div role="tablist" part="tablist" aria-label=${this.label || this.localize.t('viewTabsLabel')} @keydown=${this.#onKeyDown}>
        ${VIEWS.map((view) => {
          const selected = view === current;
          const count = counts?.[view];
          return html`<button
            type="button"
            role="tab"
            part=${selected ? 'tab tab-selected' : 'tab'}
            data-view=${view}
            aria-selected=${selected ? 'true' : 'false'}
            tabindex=${selected ? '0' : '-1'}
            @click=${() => this.select(view)}
          >
            <span>${viewLabel(this.localize, view)}</span>${count === undefined ? nothing : html`<span class="count" part="count">${count > COUNT_CAP ? `${this.localize.number(COUNT_CAP)}+` : this.localize.number(count)}</span>`}
          </button>`;
        })}
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  /** Shows `view` in the client's conversation list (and so in every list on this client). */
  select(view: InboxView): void {
    if (view === this.view) return;
    void this.activeList?.setQuery({ view }).catch(() => {
      // The list shows the load error with its Retry.
    });
  }

  #onKeyDown(event: KeyboardEvent): void {
    const index = VIEWS.indexOf(this.view);
    const last = VIEWS.length - 1;
    // Right to left (the nearest `dir`, or the host's CSS), the tabs run the other way and so do the arrows.
    const step = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    const next = { ArrowRight: index + step, ArrowLeft: index - step, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const view = VIEWS[(next + VIEWS.length) % VIEWS.length]!;
    this.select(view);
    this.renderRoot.querySelector<HTMLElement>(`[data-view="${view}"]`)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-view-tabs': ConvViewTabs;
  }
}
