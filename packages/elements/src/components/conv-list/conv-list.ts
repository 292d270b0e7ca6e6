import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import type { BulkTarget, ConversationList, ConversationsState, InboxView, Session, ListState, Label, User } from '@convkit/sdk';
import { ConvListElement } from '../../base/conv-list-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { SelectionController } from '../../controllers/selection-controller.js';
import { ConvConversationSelectEvent } from '../../events/conversation-select.js';
import { ConvConversationSelectedEvent } from '../../events/conversation-selected.js';
import { ConvSelectionChangeEvent } from '../../events/selection-change.js';
import { OwnedList } from '../../controllers/owned-list.js';
import { LazyParts } from '../../controllers/lazy-parts.js';
import { actionLabel, failureMessage, runAction, toggles, type ConversationAction } from '../../internal/conversation-actions.js';
import { clearedFilter, emptyMessage, hasFilters } from '../../internal/filters.js';
import { navigate } from '../../internal/listbox-keys.js';
import { ensureTriageData, labelsById } from '../../internal/triage.js';
import { stateStyles } from '../../styles/shared.styles.js';
import { notice } from '../../internal/notice.js';
import { triageStyles } from '../../styles/triage.styles.js';
import { showRowMenu } from '../../internal/row-menu.js';
import { highlighter } from '../../internal/load-highlight.js';
import { loadBulkParts, selectionSummary } from './bulk-parts.js';
import { renderRow } from './conv-list-row.js';
import { ensureVirtualizer, followViewport, renderRows, scrollRowIntoView } from './conv-list-rows.js';
import { renderEmpty, renderError, renderLoading } from './conv-list-states.js';
import { listStyles } from './conv-list.styles.js';
import { shortcutFor } from './list-shortcuts.js';
import { exportparts } from '../../internal/exportparts.js';

/** Rows from the end at which the next page starts loading. */
const PREFETCH_ROWS = 5;

/**
 * @summary Each agent's action queue: the conversations of a view (All, Unread, Recents, Starred,
 * Archived, with live counts), narrowed by search and filters, newest activity first, in a
 * keyboard-operable listbox that renders only the rows in view. Rows can be checked for bulk
 * actions and each has its own actions (star, read/unread, archive, assign, labels, delete).
 *
 * Keys on the list: arrows, Home, End, PageUp/PageDown move; Enter opens; X (or Space while
 * selecting) checks the row; E archives (unarchives in Archived); S stars; U toggles unread;
 * M, Shift+F10 or the context-menu key opens the row's actions; Escape clears the selection.
 *
 * Each list has its own live list of the client's (view, filters, search, counts, bulk actions),
 * started from its `view`, `group`, `assignee` and `channel` attributes; any number of lists
 * share one client and one socket. To show contact groups side by side, give each list a
 * `group`. Set `list` to show a live list made elsewhere (`<conv-inbox>` gives its list the
 * client's default one, which standalone tabs and filters also act on).
 *
 * @event {ConvConversationSelectDetail} conv-conversation-select - The user opens a row (click, Enter). Cancelable: `preventDefault()` keeps the current one. Detail: `{ conversationId }`.
 * @event {ConvConversationSelectedDetail} conv-conversation-selected - A row became the open one. Detail: `{ conversationId }`.
 * @event {ConvSelectionChangeDetail} conv-selection-change - The checked rows changed. Detail: `{ ids, allMatching }`.
 * @event {ConvBulkActionDetail} conv-bulk-action - (from the bulk bar) A bulk action was asked for. Cancelable.
 * @event {ConvBulkCompleteDetail} conv-bulk-complete - (from the bulk bar) A bulk action finished. Detail: `{ target, action, matched, changed }`.
 *
 * @csspart filter-bar - The `<conv-filter-bar>` (search and filters).
 * @csspart view-tabs - The `<conv-view-tabs>`.
 * @csspart bulk-bar - The `<conv-bulk-bar>`, shown while rows are checked.
 * @csspart row-menu - The `<conv-row-menu>`.
 * @csspart list - The scrolling listbox.
 * @csspart row - One conversation.
 * @csspart row-selected - The open conversation's row.
 * @csspart row-unread - An unread conversation's row.
 * @csspart row-checked - A checked row.
 * @csspart checkbox - A row's check box.
 * @csspart name - The contact's name in a row.
 * @csspart snippet - The last message preview, or the search match.
 * @csspart match - A snippet that shows a search match.
 * @csspart highlight - A search hit inside a snippet or name.
 * @csspart label - A label chip.
 * @csspart assignee - The assignee's initials.
 * @csspart star - A row's star.
 * @csspart time - The relative time of the last activity.
 * @csspart unread - The unread dot.
 * @csspart selection-count - How many rows are checked, in the bulk bar.
 * @csspart select-all-matching - "Select all N matching", in the bulk bar.
 * @csspart clear-selection - "Clear selection", in the bulk bar.
 * @csspart notice - Why the last row action failed.
 * @csspart state - The loading, empty or error block.
 *
 * The filter bar, tabs, bulk bar and row menu forward their parts as `<part>-<its part>`:
 * `filter-bar-search-input`, `view-tabs-tab-selected`, `row-menu-menu-item` and so on.
 *
 * @cssproperty [--conv-list-row-min-height=4.25rem] - Minimum height of a row.
 * @cssproperty --conv-color-unread - The unread dot.
 * @cssproperty --conv-color-surface-selected - Background of the open and checked rows.
 * @cssproperty --conv-color-star - A starred row's star.
 * @cssproperty --conv-color-highlight - Background of search hits.
 */
export class ConvList extends ConvListElement {
  static override styles = [ConvListElement.styles, stateStyles, triageStyles, listStyles];

  /** The open conversation's id: its row is marked. Set by a click, Enter, or the host. */
  @property({ attribute: 'conversation-id', reflect: true }) accessor conversationId = '';

  /** The listbox's accessible name; empty: "Conversations" in the element's language. */
  @property() accessor label = '';

  /** Pins the list to one contact group (e.g. `inspector`): the group filter hides and stays on. */
  @property({ reflect: true }) accessor group = '';

  /** The view to show (all, unread, recents, starred, archived); the tabs switch it from there. */
  @property({ reflect: true }) accessor view: InboxView | '' = '';

  /** Starts the list on one assignee: `me`, `unassigned` or a user id; the filters change it from there. */
  @property({ reflect: true }) accessor assignee = '';

  /** Starts the list on one channel (e.g. `sms`); the filters change it from there. */
  @property({ reflect: true }) accessor channel = '';

  /** The contact groups the group filter offers; by default those of the loaded conversations. */
  @property({ attribute: false }) accessor groups: string[] | undefined = undefined;

  /** Hides the search and filters. */
  @property({ type: Boolean, attribute: 'no-filters' }) accessor noFilters = false;

  /** Hides the view tabs. */
  @property({ type: Boolean, attribute: 'no-tabs' }) accessor noTabs = false;

  /** The row that keyboard focus is on (aria-activedescendant), by conversation id. */
  @state() accessor activeId = '';

  /** Why the last row action failed. */
  @state() accessor notice = '';

  readonly #state = new StoreController<ConversationsState>(this, () => this.activeList?.store);
  readonly #labels = new StoreController<ListState<Label>>(this, () => this.activeClient?.labels.store);
  readonly #users = new StoreController<ListState<User>>(this, () => this.activeClient?.users.store);
  readonly #session = new StoreController<Session | null>(this, () => this.activeClient?.session);
  readonly #selection = new SelectionController(this, () => this.#emitSelection());
  #query: ConversationsState['query'] | undefined;
  #activeIndex = -1;
  /** The list this element makes for itself when the host gives it none. */
  readonly #owned = new OwnedList();
  // Its filter bar and tabs (in the bundle already); the bulk bar and row menu come on first use.
  readonly #parts = new LazyParts(this, ['conv-filter-bar', 'conv-view-tabs']);
  #bulkBarAsked = false;

  /**
   * The live list shown: the `list` property when set (`<conv-inbox>` gives its list the
   * client's default one), otherwise one of its own, made from the `view`, `group`, `assignee`
   * and `channel` attributes. Several lists share one client: one socket, one cache.
   */
  get liveList(): ConversationList | undefined {
    return this.activeList;
  }

  protected override get activeList(): ConversationList | undefined {
    if (this.list) return this.list;
    const client = this.activeClient;
    return client && this.isConnected ? this.#owned.for(client, this) : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    ensureVirtualizer(() => this.requestUpdate(), () => (this.notice = this.localize.t('virtualizerUnavailable')));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A list of its own stops with the element; a new one is made if it is put back.
    this.#owned.dispose();
  }

  /** The ids of the rows, in list order. */
  get #order(): string[] {
    return this.#state.value?.order ?? [];
  }

  /** The checked conversations' ids, in list order. */
  get selectedIds(): string[] {
    return this.#selection.ids(this.#order);
  }

  /** What a bulk action applies to now: the checked rows, or the whole query ("all matching"). */
  get bulkTarget(): BulkTarget | null {
    const state = this.#state.value;
    if (this.#selection.allMatching && state) return { view: state.query.view, filter: state.query.filter };
    const ids = this.selectedIds;
    return ids.length > 0 ? { ids } : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const state = this.#state.value;
    if (!state) return;
    const queryChanged = this.#query !== undefined && state.query !== this.#query;
    this.#query = state.query;
    if (queryChanged) {
      // Another view or filter: another set of rows, so nothing stays checked.
      this.#selection.clear();
    } else if (state.status === 'ready') {
      this.#selection.prune(state.order);
      // The active row left (archived with E, read with U in Unread): its neighbour takes over.
      if (this.activeId && !state.order.includes(this.activeId) && this.#activeIndex >= 0 && state.order.length > 0) {
        this.activeId = state.order[Math.min(this.#activeIndex, state.order.length - 1)]!;
      }
    }
    this.#activeIndex = state.order.indexOf(this.activeId);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const client = this.activeClient;
    const list = this.activeList;
    const state = this.#state.value;
    if (!client || !list || !state) return;
    ensureTriageData(client);
    // The bulk bar and the summary the list puts in it come in chunks of their own, asked for
    // once each time rows start being checked.
    if (!this.#selection.active) this.#bulkBarAsked = false;
    else if (!this.#bulkBarAsked) {
      this.#bulkBarAsked = true;
      loadBulkParts().then(() => this.requestUpdate(), () => (this.notice = this.localize.t('bulkUnavailable')));
    }
    if (!this.#owned.apply(list, this) && state.status === 'idle') {
      // First render with a client: load the first page (the SDK makes this a no-op when loaded).
      void list.load().catch(() => {});
    }
  }

  protected override render() {
    const client = this.activeClient;
    const target = this.bulkTarget;
    return html`
      ${this.noFilters ? nothing : html`<conv-filter-bar part="filter-bar" exportparts=${exportparts('conv-list', 'filter-bar', this)} .client=${client} .list=${this.activeList} group=${this.group} .groups=${this.groups}></conv-filter-bar>`}
      ${this.noTabs ? nothing : html`<conv-view-tabs part="view-tabs" exportparts=${exportparts('conv-list', 'view-tabs', this)} .client=${client} .list=${this.activeList}></conv-view-tabs>`}
      <conv-bulk-bar part="bulk-bar" exportparts=${exportparts('conv-list', 'bulk-bar', this)} .client=${client} .list=${this.activeList} .target=${target} .count=${this.#targetCount()} @conv-bulk-complete=${() => this.#selection.clear()}>
        ${target ? this.#renderSelectionSummary() : nothing}
      </conv-bulk-bar>
      ${this.notice ? notice(this.localize, this.notice, 'notice', () => (this.notice = '')) : nothing}
      <conv-row-menu part="row-menu" exportparts=${exportparts('conv-list', 'row-menu', this)} .client=${client}></conv-row-menu>
      ${this.#renderBody()}
    `;
  }

  #targetCount(): number {
    const state = this.#state.value;
    if (this.#selection.allMatching) return state?.counts?.[state.query.view] ?? state?.order.length ?? 0;
    return this.selectedIds.length;
  }

  #renderSelectionSummary() {
    const state = this.#state.value!;
    const summary = selectionSummary.value;
    if (!summary) return nothing;
    return summary.renderSelectionSummary(this.localize, {
      order: state.order,
      checked: this.selectedIds.length,
      total: state.counts?.[state.query.view] ?? 0,
      allMatching: this.#selection.allMatching,
      selectLoaded: () => this.#selection.selectAll(state.order),
      selectAllMatching: () => this.#selection.selectAllMatching(),
      clear: () => this.#selection.clear(),
    });
  }

  #renderBody() {
    const state = this.#state.value;
    if (!state || state.status === 'idle' || (state.status === 'loading' && state.order.length === 0)) return renderLoading(this.localize);
    if (state.status === 'error' && state.order.length === 0) return renderError(this.localize, state.error, this.#retry);
    if (state.order.length === 0) {
      const { view, filter } = state.query;
      return renderEmpty(this.localize, emptyMessage(this.localize, view, filter, this.group), hasFilters(filter, this.group) ? this.clearFilters : undefined);
    }
    const order = state.order;
    const selecting = this.#selection.active;
    // Search hits are marked by a chunk fetched with the first search's results; plain text till then.
    if (state.matches && !highlighter.value) void highlighter.load().then(() => this.requestUpdate(), () => {});
    const context = {
      openedId: this.conversationId,
      activeId: this.activeId,
      selecting,
      isChecked: (id: string) => this.#selection.has(id),
      matches: state.matches,
      labels: labelsById(this.#labels.value?.items),
      users: this.#users.value?.items,
      meId: this.#session.value?.user.id,
      count: order.length,
    };
    return html`
      <div
        role="listbox"
        part="list"
        tabindex="0"
        class=${state.status === 'loading' ? 'reloading' : ''}
        aria-label=${this.label || this.localize.t('listLabel')}
        aria-describedby="list-keys"
        aria-multiselectable=${selecting ? 'true' : nothing}
        aria-activedescendant=${this.activeId && state.byId[this.activeId] ? `row-${this.activeId}` : nothing}
        aria-busy=${state.loadingMore || state.status === 'loading' ? 'true' : 'false'}
        @keydown=${this.#onKeyDown}
        @click=${this.#onClick}
        @contextmenu=${this.#onContextMenu}
        @focus=${this.#onFocus}
        @rangeChanged=${this.#onRangeChanged}
        ${followViewport()}
      >
        ${renderRows(order, (id: string, index: number) => renderRow(this.localize, state.byId[id], index, context))}
      </div>
      <div id="list-keys" hidden>${this.localize.t('listShortcuts')}</div>
      ${state.loadingMore ? html`<div class="more" role="status">${this.localize.t('listLoadingMore')}</div>` : nothing}
    `;
  }

  #retry = (): void => {
    void this.activeList?.reload().catch(() => {});
  };

  /** Drops every filter and the search (a pinned `group` stays). */
  clearFilters = (): void => {
    void this.activeList?.setQuery({ filter: clearedFilter(this.group) }).catch(() => {});
  };

  /** Opens a conversation as if the user picked its row: request event, selection, mark read. */
  select(conversationId: string): boolean {
    const request = new ConvConversationSelectEvent({ conversationId });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return false;
    this.conversationId = conversationId;
    this.activeId = conversationId;
    this.dispatchEvent(new ConvConversationSelectedEvent({ conversationId }));
    const conversation = this.#state.value?.byId[conversationId];
    // After the microtasks the selection queued, so a thread opened by it still reads where the
    // agent left off. The store shows it unread again if this fails; nothing to tell the user.
    if (conversation?.unread) queueMicrotask(() => void this.activeClient?.conversations.markRead(conversationId).catch(() => {}));
    return true;
  }

  /** Runs one row action (the keys and the row's star): the SDK applies it at once, and reverts it when refused. */
  act(conversationId: string, action: ConversationAction): void {
    const client = this.activeClient;
    if (!client) return;
    this.notice = '';
    void runAction(client, conversationId, action).catch((error: unknown) => (this.notice = failureMessage(this.localize, actionLabel(this.localize, action), error)));
  }

  #emitSelection(): void {
    this.dispatchEvent(new ConvSelectionChangeEvent({ ids: this.selectedIds, allMatching: this.#selection.allMatching }));
  }

  #onFocus(): void {
    if (this.activeId && this.#order.includes(this.activeId)) return;
    this.activeId = this.#order.includes(this.conversationId) ? this.conversationId : (this.#order[0] ?? '');
  }

  #onKeyDown(event: KeyboardEvent): void {
    const order = this.#order;
    const current = order.indexOf(this.activeId);
    const shortcut = shortcutFor(event, this.#selection.active);
    if (shortcut === 'clearSelection') {
      event.preventDefault();
      this.#selection.clear();
      return;
    }
    if (shortcut && current >= 0) {
      event.preventDefault();
      this.#onShortcut(shortcut, order[current]!);
      return;
    }
    const next = navigate(event.key, current, order.length);
    if (next === undefined) return;
    event.preventDefault();
    this.activeId = order[next]!;
    this.#scrollToIndex(next);
  }

  #onShortcut(shortcut: NonNullable<ReturnType<typeof shortcutFor>>, id: string): void {
    const conversation = this.#state.value?.byId[id];
    if (!conversation) return;
    switch (shortcut) {
      case 'open':
        this.select(id);
        break;
      case 'toggleSelect':
        this.#selection.toggle(id, undefined, this.#order);
        break;
      case 'archive':
        this.act(id, toggles(conversation).archive);
        break;
      case 'star':
        this.act(id, toggles(conversation).star);
        break;
      case 'unread':
        this.act(id, toggles(conversation).read);
        break;
      case 'menu':
        this.#openMenu(id);
        break;
    }
  }

  /** The row an event happened in, and which of its mouse affordances (check, star, more), if any. */
  #rowFromEvent(event: Event): { id: string; role: string | undefined; part: HTMLElement | undefined } | undefined {
    const path = event.composedPath();
    const row = path.find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'option');
    const id = row?.dataset['id'];
    if (!row || !id) return undefined;
    const part = path.find((node): node is HTMLElement => node instanceof HTMLElement && !!node.dataset['role']);
    return { id, role: part?.dataset['role'], part };
  }

  #onClick(event: MouseEvent): void {
    const hit = this.#rowFromEvent(event);
    if (!hit) return;
    const { id, role, part } = hit;
    this.activeId = id;
    if (event.shiftKey && (role === 'check' || this.#selection.active)) {
      this.#selection.selectRange(id, this.#order);
    } else if (role === 'check' || event.ctrlKey || event.metaKey) {
      this.#selection.toggle(id, undefined, this.#order);
    } else if (role === 'star') {
      const conversation = this.#state.value?.byId[id];
      if (conversation) this.act(id, toggles(conversation).star);
    } else if (role === 'more') {
      this.#openMenu(id, part);
    } else {
      this.select(id);
    }
  }

  #onContextMenu(event: MouseEvent): void {
    const hit = this.#rowFromEvent(event);
    if (!hit) return;
    event.preventDefault();
    this.activeId = hit.id;
    this.#openMenu(hit.id);
  }

  #openMenu(id: string, anchor?: Element): void {
    const row = this.renderRoot.querySelector(`#row-${CSS.escape(id)}`);
    const at = anchor ?? row?.querySelector('[data-role="more"]') ?? row;
    if (at) void showRowMenu(this.renderRoot, id, at).catch(() => (this.notice = this.localize.t('menuUnavailable')));
  }

  #onRangeChanged(event: RangeChangedEvent): void {
    const state = this.#state.value;
    if (!state?.hasMore || state.loadingMore) return;
    if (event.last >= state.order.length - PREFETCH_ROWS) void this.activeList?.loadMore().catch(() => {});
  }

  #scrollToIndex(index: number): void {
    scrollRowIntoView(this.renderRoot, this.#order, index);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-list': ConvList;
  }
}
