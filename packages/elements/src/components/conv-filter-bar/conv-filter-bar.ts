import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CHANNELS, type Channel, type ConversationFilter, type ConversationsById, type ConversationsState, type Session, type ListState, type Label, type User } from '@convkit/sdk';
import { ConvListElement } from '../../base/conv-list-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { channelLabel } from '../../internal/channels.js';
import { clearedFilter, groupLabel, hasFilters, withFilter } from '../../internal/filters.js';
import type { PickerController, PickerItem, PickerOptions } from '../../internal/picker.js';
import { pickerModule } from '../../internal/load-picker.js';
import { followInvoker, POPOVER_FOCUS } from '../../internal/popover.js';
import { assigneeItems, ensureTriageData, icon } from '../../internal/triage.js';
import { popoverStyles, triageStyles } from '../../styles/triage.styles.js';
import { filterBarStyles } from './conv-filter-bar.styles.js';

/**
 * @summary Search and filters for the conversation list: a search box (Enter searches, × clears)
 * and filters by assignee, channel, label, contact group and "Mentions me", combinable with
 * every view. They set the query of one live list: the `list` property (a `<conv-list>` hands
 * its own to the bar it shows), or else the client's default list, the one `<conv-inbox>` shows.
 *
 * @csspart search - The search form.
 * @csspart search-input - The search box.
 * @csspart search-clear - The × that clears the search.
 * @csspart filters - The row of filters.
 * @csspart filter - Each filter control.
 * @csspart assignee-filter - The assignee filter.
 * @csspart channel-filter - The channel filter.
 * @csspart label-filter - The label filter.
 * @csspart group-filter - The contact group filter.
 * @csspart mentions-filter - The "Mentions me" filter.
 * @csspart clear-filters - "Clear filters", shown while any filter is on.
 * @csspart picker-option - An option in the assignee or label picker.
 */
export class ConvFilterBar extends ConvListElement {
  static override styles = [ConvListElement.styles, triageStyles, popoverStyles, filterBarStyles];

  /** A contact group the host pinned: the list always holds that group, and the group filter hides. */
  @property() accessor group = '';

  /** The contact groups offered; by default those of the conversations loaded. */
  @property({ attribute: false }) accessor groups: string[] | undefined = undefined;

  /** What is typed in the search box; searched on Enter. */
  @state() accessor draft = '';

  readonly #filter = new StoreController<ConversationsState, ConversationFilter>(this, () => this.activeList?.store, (s) => s.query.filter);
  readonly #byId = new StoreController<ConversationsById>(this, () => this.activeClient?.conversations.byId);
  readonly #labels = new StoreController<ListState<Label>>(this, () => this.activeClient?.labels.store);
  readonly #users = new StoreController<ListState<User>>(this, () => this.activeClient?.users.store);
  readonly #session = new StoreController<Session | null>(this, () => this.activeClient?.session);
  /** Why the pickers could not be shown: their chunk did not download. */
  @state() accessor pickersFailed = false;

  // The pickers come in a chunk of their own, fetched when the user reaches for a filter.
  #assigneePicker: PickerController | undefined;
  #labelPicker: PickerController | undefined;
  #seenSearch: string | undefined = undefined;

  get #current(): ConversationFilter {
    return this.#filter.value ?? {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The search can change elsewhere (the list's "Clear filters"): the box follows it.
    const search = this.#current.search;
    if (search !== this.#seenSearch) {
      this.#seenSearch = search;
      this.draft = search ?? '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    ensureTriageData(this.activeClient);
  }

  protected override render() {
    const filter = this.#current;
    const l = this.localize;
    return html`
      <form class="search" part="search" role="search" @submit=${this.#onSearch}>
        ${icon('search')}
        <input
          type="search"
          part="search-input"
          aria-label=${l.t('searchLabel')}
          placeholder=${l.t('searchPlaceholder')}
          enterkeyhint="search"
          .value=${this.draft}
          @input=${(e: InputEvent) => (this.draft = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.draft && (e.preventDefault(), this.clearSearch())}
        />
        ${this.draft || filter.search
          ? html`<button type="button" class="icon-button" part="search-clear" aria-label=${l.t('searchClear')} @click=${this.clearSearch}>${icon('close')}</button>`
          : nothing}
      </form>
      <div class="filters" part="filters" role="group" aria-label=${l.t('filtersLabel')} @pointerenter=${this.#loadPickers} @focusin=${this.#loadPickers}>
        <button type="button" class="filter" part="filter assignee-filter" popovertarget="assignee-picker" aria-pressed=${filter.assignee ? 'true' : 'false'}>
          ${l.t('filterAssigneeButton', this.#assigneeName(filter.assignee))}
        </button>
        <div popover id="assignee-picker" role="dialog" aria-label=${l.t('filterAssigneeDialog')} @beforetoggle=${this.#onBeforeToggle} @toggle=${this.#onToggle}>
          ${this.#renderPicker(this.#assigneePicker, { l, label: l.t('filterAssignee'), items: this.#assigneeItems(), searchable: true, onPick: (item) => this.#pick('assignee', item.value) })}
        </div>
        <select part="filter channel-filter" aria-label=${l.t('filterChannel')} @change=${(e: Event) => this.#set({ channel: (e.target as HTMLSelectElement).value as Channel })}>
          <option value="" ?selected=${!filter.channel}>${l.t('filterAnyChannel')}</option>
          ${CHANNELS.map((c) => html`<option value=${c} ?selected=${filter.channel === c}>${channelLabel(l, c)}</option>`)}
        </select>
        <button type="button" class="filter" part="filter label-filter" popovertarget="label-picker" aria-pressed=${filter.labelId ? 'true' : 'false'}>
          ${l.t('filterLabelButton', this.#labelName(filter.labelId))}
        </button>
        <div popover id="label-picker" role="dialog" aria-label=${l.t('filterLabelDialog')} @beforetoggle=${this.#onBeforeToggle} @toggle=${this.#onToggle}>
          ${this.#renderPicker(this.#labelPicker, { l, label: l.t('filterLabel'), items: this.#labelItems(), onPick: (item) => this.#pick('labelId', item.value) })}
        </div>
        ${this.group ? nothing : this.#renderGroupSelect(filter)}
        <button
          type="button"
          class="filter"
          part="filter mentions-filter"
          aria-pressed=${filter.mentionsMe ? 'true' : 'false'}
          @click=${() => this.#set({ mentionsMe: !filter.mentionsMe })}
        >
          @ ${l.t('filterMentions')}
        </button>
        ${hasFilters(filter, this.group)
          ? html`<button type="button" class="link" part="clear-filters" @click=${this.clearFilters}>${l.t('clearFilters')}</button>`
          : nothing}
      </div>
    `;
  }

  #renderPicker(picker: PickerController | undefined, options: PickerOptions) {
    if (picker) return picker.render(options);
    return this.pickersFailed
      ? html`<p class="picker-state" role="alert">${this.localize.t('choicesUnavailable')}</p>`
      : html`<p class="picker-state" role="status">${this.localize.t('choicesLoading')}</p>`;
  }

  /** Fetches the pickers (once); false when they could not be downloaded. */
  #loadPickers = async (): Promise<boolean> => {
    try {
      const { PickerController } = await pickerModule.load();
      this.#assigneePicker ??= new PickerController(this);
      this.#labelPicker ??= new PickerController(this);
      this.pickersFailed = false;
      this.requestUpdate();
      return true;
    } catch {
      this.pickersFailed = true;
      return false;
    }
  };

  #renderGroupSelect(filter: ConversationFilter) {
    const groups = new Set(this.groups ?? Object.values(this.#byId.value ?? {}).map((c) => c.contact.group).filter((g): g is string => !!g));
    if (filter.group) groups.add(filter.group);
    const l = this.localize;
    return html`<select part="filter group-filter" aria-label=${l.t('filterGroup')} @change=${(e: Event) => this.#set({ group: (e.target as HTMLSelectElement).value })}>
      <option value="" ?selected=${!filter.group}>${l.t('filterAnyGroup')}</option>
      ${[...groups].sort().map((g) => html`<option value=${g} ?selected=${filter.group === g}>${groupLabel(l, g)}</option>`)}
    </select>`;
  }

  /** Searches for what is typed (empty: no search). */
  search(text = this.draft): void {
    this.#set({ search: text.trim() });
  }

  clearSearch = (): void => {
    this.draft = '';
    if (this.#current.search) this.#set({ search: undefined });
    this.renderRoot.querySelector<HTMLInputElement>('[part="search-input"]')?.focus();
  };

  /** Drops every filter and the search (a pinned group stays). */
  clearFilters = (): void => {
    this.draft = '';
    void this.activeList?.setQuery({ filter: clearedFilter(this.group) }).catch(() => {});
  };

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    this.search();
  }

  #set(patch: Partial<Record<keyof ConversationFilter, unknown>>): void {
    const filter = withFilter(this.#current, { ...patch, ...(this.group ? { group: this.group } : {}) });
    void this.activeList?.setQuery({ filter }).catch(() => {
      // The list shows the load error with its Retry.
    });
  }

  #pick(key: 'assignee' | 'labelId', value: string): void {
    this.renderRoot.querySelector<HTMLElement>(key === 'assignee' ? '#assignee-picker' : '#label-picker')?.hidePopover();
    this.#set({ [key]: value || undefined });
  }

  #assigneeName(assignee: string | undefined): string {
    const l = this.localize;
    if (!assignee) return l.t('anyone');
    if (assignee === 'me') return l.t('me');
    if (assignee === 'unassigned') return l.t('unassigned');
    return this.#users.value?.items.find((u) => u.id === assignee)?.name ?? l.t('anAgent');
  }

  #labelName(labelId: string | undefined): string {
    if (!labelId) return this.localize.t('filterAny');
    return this.#labels.value?.items.find((l) => l.id === labelId)?.name ?? this.localize.t('aLabel');
  }

  #assigneeItems(): PickerItem[] {
    const current = this.#current.assignee;
    // The filter keeps 'me' and 'unassigned' as they are: the server resolves them per caller.
    return assigneeItems(this.localize, this.#users.value?.items, this.#session.value?.user.id, current === this.#session.value?.user.id ? 'me' : (current ?? ''), true);
  }

  #labelItems(): PickerItem[] {
    const current = this.#current.labelId ?? '';
    const labels = (this.#labels.value?.items ?? []).map((l) => ({ value: l.id, label: l.name, color: l.color }));
    return [{ value: '', label: this.localize.t('filterAnyLabel') }, ...labels].map((item) => ({ ...item, selected: item.value === current }));
  }

  #onBeforeToggle = (event: ToggleEvent): void => {
    if (event.newState !== 'open') return;
    const popover = event.target as HTMLElement;
    this.#resetPicker(popover);
    followInvoker(popover);
  };

  #resetPicker(popover: HTMLElement): void {
    const assignee = popover.id === 'assignee-picker';
    (assignee ? this.#assigneePicker : this.#labelPicker)?.reset(assignee ? this.#assigneeItems() : this.#labelItems());
  }

  #onToggle = async (event: ToggleEvent): Promise<void> => {
    // The event's target is cleared once dispatch ends (it is in a shadow tree): keep it now.
    const popover = event.target as HTMLElement;
    if (event.newState !== 'open') return;
    if (!this.#assigneePicker) {
      // Opened before the pickers arrived (a keyboard user fast on Enter): fill it when they do.
      if (!(await this.#loadPickers())) return;
      this.#resetPicker(popover);
    }
    await this.updateComplete;
    followInvoker(popover, POPOVER_FOCUS);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-filter-bar': ConvFilterBar;
  }
}
