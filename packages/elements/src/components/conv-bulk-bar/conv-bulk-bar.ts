import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BulkAction, BulkTarget, ConversationsState, InboxView, Session, BulkState, ListState, Label, User } from '@convkit/sdk';
import { ConvListElement } from '../../base/conv-list-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { ConvBulkActionEvent } from '../../events/bulk-action.js';
import { ConvBulkCompleteEvent } from '../../events/bulk-complete.js';
import { failureMessage } from '../../internal/conversation-actions.js';
import '../../i18n/terms/bulk.js';
import '../../i18n/terms/selection.js';
import { PickerController } from '../../internal/picker.js';
import { followInvoker, POPOVER_FOCUS } from '../../internal/popover.js';
import { assigneeIdOf, assigneeItems, ensureTriageData } from '../../internal/triage.js';
import { popoverStyles, triageStyles } from '../../styles/triage.styles.js';
import { stateStyles } from '../../styles/shared.styles.js';
import { bulkBarStyles } from './conv-bulk-bar.styles.js';
import { bulkResultMessage, bulkRunningMessage } from './bulk-messages.js';

/**
 * @summary Actions on many conversations at once: archive or unarchive, mark read or unread,
 * assign, add or remove a label, tag the contacts. Shows the server's progress while an action
 * runs ("12 of 40"), then what it changed. `<conv-list>` shows it while rows are selected.
 *
 * @slot - What is selected, and ways to change it (the list puts "3 selected · Select all N matching · Clear" here).
 *
 * @event {ConvBulkActionDetail} conv-bulk-action - The user picks an action. Cancelable: `preventDefault()` stops it. Detail: `{ target, action }`.
 * @event {ConvBulkCompleteDetail} conv-bulk-complete - The server finished it. Detail: `{ target, action, matched, changed }`.
 *
 * @csspart actions - The group of action buttons.
 * @csspart action - One action button.
 * @csspart progress - The progress bar and its "done of total" text.
 * @csspart result - The message saying what the last action changed.
 * @csspart error - The message saying why it failed.
 *
 * @cssstate idle - Nothing selected, nothing running, nothing to report: the bar is hidden.
 */
export class ConvBulkBar extends ConvListElement {
  static override styles = [ConvListElement.styles, stateStyles, triageStyles, popoverStyles, bulkBarStyles];

  /** What the actions apply to: listed ids, or every conversation a view and filter match. Null: nothing selected. */
  @property({ attribute: false }) accessor target: BulkTarget | null = null;

  /** How many conversations the target holds (for the buttons' names). */
  @property({ type: Number }) accessor count = 0;

  @state() accessor labelMode: 'add' | 'remove' = 'add';
  /** The last result was read (dismissed, or a new selection began). */
  @state() accessor dismissed = false;

  readonly #bulk = new StoreController<BulkState>(this, () => this.activeList?.bulkState);
  readonly #view = new StoreController<ConversationsState, InboxView>(this, () => this.activeList?.store, (s) => s.query.view);
  readonly #labels = new StoreController<ListState<Label>>(this, () => this.activeClient?.labels.store);
  readonly #users = new StoreController<ListState<User>>(this, () => this.activeClient?.users.store);
  readonly #session = new StoreController<Session | null>(this, () => this.activeClient?.session);
  readonly #assignPicker = new PickerController(this);
  readonly #labelPicker = new PickerController(this);
  readonly #internals = this.attachInternals();

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new selection starts a new task: the previous result goes.
    if (changed.has('target') && this.target && !changed.get('target')) this.dismissed = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    ensureTriageData(this.activeClient);
    // Here, not in willUpdate: a client that arrives by context reaches the stores after it.
    const status = this.#bulk.value?.status ?? 'idle';
    const idle = !this.target && status !== 'running' && (status === 'idle' || this.dismissed);
    try {
      if (idle) this.#internals.states.add('idle');
      else this.#internals.states.delete('idle');
    } catch {
      // Browsers before CustomStateSet: the element then hides through its empty render.
    }
  }

  protected override render() {
    const bulk = this.#bulk.value;
    const running = bulk?.status === 'running';
    return html`
      ${this.target || running ? html`<div class="selection"><slot></slot></div>` : nothing}
      ${this.target ? this.#renderActions(running) : nothing}
      ${running && bulk ? this.#renderProgress(bulk) : nothing}
      ${!running && !this.dismissed && bulk ? this.#renderOutcome(bulk) : nothing}
    `;
  }

  #renderActions(running: boolean) {
    const l = this.localize;
    const view = this.#view.value ?? 'all';
    const selected = l.t('selectedCount', this.count);
    const button = (label: string, action: BulkAction) =>
      html`<button type="button" class="button" part="action" data-action=${action.type} ?disabled=${running} aria-label=${l.t('bulkOnSelected', label, selected)} @click=${() => this.run(action)}>${label}</button>`;
    const popoverButton = (label: string, id: string) =>
      html`<button type="button" class="button" part="action" popovertarget=${id} ?disabled=${running} aria-label=${l.t('bulkOnSelected', label, selected)}>${label}…</button>`;
    return html`
      <div class="actions" part="actions" role="group" aria-label=${l.t('bulkActions')}>
        ${view !== 'archived' ? button(l.t('bulkArchive'), { type: 'archive' }) : nothing}
        ${view === 'archived' || view === 'starred' ? button(l.t('bulkUnarchive'), { type: 'unarchive' }) : nothing}
        ${button(l.t('bulkMarkRead'), { type: 'markRead' })} ${button(l.t('bulkMarkUnread'), { type: 'markUnread' })}
        ${popoverButton(l.t('bulkAssign'), 'bulk-assign')} ${popoverButton(l.t('bulkLabel'), 'bulk-label')} ${popoverButton(l.t('bulkTag'), 'bulk-tag')}
      </div>
      <div popover id="bulk-assign" role="dialog" aria-label=${l.t('bulkAssignDialog')} @beforetoggle=${this.#onBeforeToggle} @toggle=${this.#onToggle}>
        ${this.#assignPicker.render({
          l: this.localize,
          label: l.t('filterAssignee'),
          items: assigneeItems(l, this.#users.value?.items, this.#session.value?.user.id, 'none'),
          searchable: true,
          onPick: (item) => void this.run({ type: 'assign', assigneeId: assigneeIdOf(item.value, this.#session.value?.user.id) }),
        })}
      </div>
      <div popover id="bulk-label" role="dialog" aria-label=${l.t('bulkLabelDialog')} @beforetoggle=${this.#onBeforeToggle} @toggle=${this.#onToggle}>
        <div class="mode" role="group" aria-label=${l.t('bulkLabelMode')}>
          ${(['add', 'remove'] as const).map(
            (mode) => html`<button type="button" class="button" aria-pressed=${this.labelMode === mode ? 'true' : 'false'} @click=${() => (this.labelMode = mode)}>
              ${l.t(mode === 'add' ? 'bulkAddLabel' : 'bulkRemoveLabel')}
            </button>`,
          )}
        </div>
        ${this.#labelPicker.render({
          l: this.localize,
          label: l.t(this.labelMode === 'add' ? 'bulkLabelToAdd' : 'bulkLabelToRemove'),
          items: (this.#labels.value?.items ?? []).map((label) => ({ value: label.id, label: label.name, color: label.color })),
          onPick: (item) => this.run({ type: this.labelMode === 'add' ? 'addLabel' : 'removeLabel', labelId: item.value }),
        })}
      </div>
      <div popover id="bulk-tag" role="dialog" aria-label=${l.t('bulkTagDialog')} @toggle=${this.#onToggle} @beforetoggle=${this.#onBeforeToggle}>
        <form class="tag-form" @submit=${this.#onTag}>
          <label for="tag-input">${l.t('bulkTagInput')}</label>
          <input id="tag-input" name="tag" type="text" autocomplete="off" required />
          <button type="submit" class="button">${l.t('bulkAddTag')}</button>
        </form>
      </div>
    `;
  }

  #renderProgress(bulk: BulkState) {
    const l = this.localize;
    const known = bulk.total > 0;
    const progress = known ? l.t('bulkProgress', l.number(bulk.done), l.number(bulk.total)) : '';
    return html`
      <div class="progress" part="progress">
        <div
          role="progressbar"
          aria-label=${bulkRunningMessage(l, bulk.action)}
          aria-valuemin="0"
          aria-valuemax=${known ? bulk.total : nothing}
          aria-valuenow=${known ? bulk.done : nothing}
          aria-valuetext=${known ? progress : nothing}
        >
          <span class="bar" style=${`width:${known ? Math.round((100 * bulk.done) / bulk.total) : 0}%`}></span>
        </div>
        <span class="progress-text">${known ? progress : l.t('bulkStarting')}</span>
      </div>
    `;
  }

  #renderOutcome(bulk: BulkState) {
    const dismiss = html`<button type="button" class="button" @click=${() => (this.dismissed = true)}>${this.localize.t('dismiss')}</button>`;
    if (bulk.status === 'done' && bulk.result && bulk.action) {
      return html`<div class="outcome" part="result"><span role="status">${bulkResultMessage(this.localize, bulk.action, bulk.result, this.#userName(bulk.action), this.#labelName(bulk.action))}</span>${dismiss}</div>`;
    }
    if (bulk.status === 'error') {
      return html`<div class="outcome state--error" part="error"><span role="alert">${failureMessage(this.localize, this.localize.t('bulkUnfinished'), bulk.error)}</span>${dismiss}</div>`;
    }
    return nothing;
  }

  /** Runs `action` on the target: asks the host first (`conv-bulk-action`), reports `conv-bulk-complete`. */
  async run(action: BulkAction): Promise<void> {
    const list = this.activeList;
    const target = this.target;
    if (!list || !target) return;
    const request = new ConvBulkActionEvent({ target, action });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return;
    for (const popover of this.renderRoot.querySelectorAll<HTMLElement>('[popover]')) if (popover.matches(':popover-open')) popover.hidePopover();
    this.dismissed = false;
    try {
      const result = await list.bulk(target, action);
      this.dispatchEvent(new ConvBulkCompleteEvent({ target, action, matched: result.matched, changed: result.changed }));
    } catch {
      // bulkState carries the error; the bar shows it.
    }
  }

  #onTag(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('tag') as HTMLInputElement;
    const tag = input.value.trim();
    if (!tag) return;
    input.value = '';
    void this.run({ type: 'tagContacts', tag });
  }

  #userName(action: BulkAction): string {
    if (action.type !== 'assign' || !action.assigneeId) return '';
    if (action.assigneeId === this.#session.value?.user.id) return this.localize.t('you');
    return this.#users.value?.items.find((u) => u.id === action.assigneeId)?.name ?? this.localize.t('bulkAnAgent');
  }

  #labelName(action: BulkAction): string {
    if (action.type !== 'addLabel' && action.type !== 'removeLabel') return '';
    return this.#labels.value?.items.find((l) => l.id === action.labelId)?.name ?? this.localize.t('bulkTheLabel');
  }

  #onBeforeToggle = (event: ToggleEvent): void => {
    if (event.newState !== 'open') return;
    const popover = event.target as HTMLElement;
    if (popover.id === 'bulk-assign') this.#assignPicker.reset();
    if (popover.id === 'bulk-label') this.#labelPicker.reset();
    followInvoker(popover);
  };

  #onToggle = async (event: ToggleEvent): Promise<void> => {
    const popover = event.target as HTMLElement;
    if (event.newState !== 'open') return;
    await this.updateComplete;
    followInvoker(popover, popover.id === 'bulk-label' ? '.picker-list' : POPOVER_FOCUS);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-bulk-bar': ConvBulkBar;
  }
}
