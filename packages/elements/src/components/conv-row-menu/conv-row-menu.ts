import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConversationsById, ConversationView, Session, ListState, Label, User } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { actionLabel, failureMessage, runAction, toggles, type ConversationAction } from '../../internal/conversation-actions.js';
import '../../i18n/terms/panels.js';
import { PickerController } from '../../internal/picker.js';
import { deepActiveElement, placePopover } from '../../internal/popover.js';
import { assigneeIdOf, assigneeItems, ensureTriageData, icon, labelSwatch, userName } from '../../internal/triage.js';
import { stateStyles } from '../../styles/shared.styles.js';
import { notice } from '../../internal/notice.js';
import { popoverStyles, triageStyles } from '../../styles/triage.styles.js';
import { rowMenuStyles } from './conv-row-menu.styles.js';

/**
 * @summary The actions on one conversation, in a popover: star, read or unread, archive or
 * unarchive, assign (a searchable list of agents), labels, Download as CSV, and for admins
 * Download all conversations as CSV and a permanent delete behind a confirmation dialog.
 * `<conv-list>` opens it from a row (its ⋯ button, a right-click, or the M key); `<conv-thread>`
 * from its header. Open it yourself with `show(id, anchor)`.
 *
 * @csspart menu - The popover.
 * @csspart menu-item - One action.
 * @csspart confirm - The delete confirmation dialog.
 * @csspart confirm-button - "Delete permanently".
 * @csspart cancel-button - "Cancel" in the dialog.
 * @csspart error - Why the last action failed.
 * @csspart download - How a "Download as CSV" is going: how much has come, then the file's name.
 */
export class ConvRowMenu extends ConvClientElement {
  static override styles = [ConvClientElement.styles, stateStyles, triageStyles, popoverStyles, rowMenuStyles];

  /** The conversation the actions apply to. */
  @property({ attribute: 'conversation-id' }) accessor conversationId = '';

  @state() accessor mode: 'actions' | 'assign' | 'labels' = 'actions';
  /** Why the last action failed. */
  @state() accessor error = '';
  /** How the last "Download as CSV" is going (empty: none). */
  @state() accessor download = '';
  /** The delete confirmation's state: waiting for the server, or why it refused. */
  @state() accessor deletion: { busy: boolean; error: string } = { busy: false, error: '' };

  readonly #conversation = new StoreController<ConversationsById, ConversationView | undefined>(
    this,
    () => this.activeClient?.conversations.byId,
    (byId) => byId[this.conversationId],
  );
  readonly #labels = new StoreController<ListState<Label>>(this, () => this.activeClient?.labels.store);
  readonly #users = new StoreController<ListState<User>>(this, () => this.activeClient?.users.store);
  readonly #session = new StoreController<Session | null>(this, () => this.activeClient?.session);
  readonly #picker = new PickerController(this);
  #anchor: Element | null = null;
  #returnFocus: HTMLElement | null = null;

  get panel(): HTMLElement | null {
    return this.renderRoot.querySelector('[popover]');
  }

  get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Whether the signed-in user may delete conversations (admins only). */
  get canDelete(): boolean {
    return this.#session.value?.user.role === 'admin';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    ensureTriageData(this.activeClient);
    // Re-placed after every render: the content (actions, agents, labels) changes its size.
    if (this.#anchor && this.panel?.matches(':popover-open')) placePopover(this.panel, this.#anchor);
  }

  /** Opens the actions for `conversationId` next to `anchor`; focus goes to the first action. */
  async show(conversationId: string, anchor: Element): Promise<void> {
    this.conversationId = conversationId;
    this.mode = 'actions';
    this.error = '';
    this.#anchor = anchor;
    this.#returnFocus = deepActiveElement() as HTMLElement | null;
    await this.updateComplete;
    const popover = this.panel;
    if (!popover) return;
    if (!popover.matches(':popover-open')) popover.showPopover();
    placePopover(popover, anchor);
    this.#focusFirst();
  }

  close(): void {
    if (this.panel?.matches(':popover-open')) this.panel.hidePopover();
  }

  protected override render() {
    const conversation = this.#conversation.value;
    const l = this.localize;
    return html`
      <div popover id="menu" part="menu" role="dialog" aria-label=${l.t('menuFor', conversation?.contact.name ?? '')} @toggle=${this.#onToggle} @keydown=${this.#onKeyDown}>
        ${!conversation ? html`<div class="picker-empty">${l.t('menuGone')}</div>` : this.mode === 'assign' ? this.#renderAssign(conversation) : this.mode === 'labels' ? this.#renderLabels(conversation) : this.#renderActions(conversation)}
      </div>
      ${this.error
        ? notice(l, this.error, 'error', () => (this.error = ''))
        : nothing}
      ${this.download ? html`<div class="notice" part="download" role="status">${this.download}</div>` : nothing}
      <dialog part="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${this.#onDialogClose}>
        <h2 id="confirm-title">${l.t('menuDeleteTitle')}</h2>
        <p id="confirm-text">${l.t('menuDeleteText', conversation?.contact.name ?? '')}</p>
        ${this.deletion.error ? html`<p class="state--error" role="alert">${this.deletion.error}</p>` : nothing}
        <div class="dialog-actions">
          <button type="button" class="button" part="cancel-button" autofocus @click=${() => this.dialog?.close()}>${l.t('menuCancel')}</button>
          <button type="button" class="button danger" part="confirm-button" ?disabled=${this.deletion.busy} @click=${this.#confirmDelete}>${l.t('menuDeleteConfirm')}</button>
        </div>
      </dialog>
    `;
  }

  #renderActions(conversation: ConversationView) {
    const l = this.localize;
    const next = toggles(conversation);
    const item = (action: ConversationAction, glyph?: Parameters<typeof icon>[0]) =>
      html`<button type="button" class="menu-item" part="menu-item" data-action=${action} @click=${() => this.#run(action)}>${glyph ? icon(glyph, action === 'unstar') : nothing}${actionLabel(l, action)}</button>`;
    const assignee = userName(l, this.#users.value?.items, conversation.assigneeId, this.#session.value?.user.id);
    return html`
      ${item(next.star, 'star')} ${item(next.read)} ${item(next.archive, 'archive')}
      <div class="menu-separator" role="separator"></div>
      <button type="button" class="menu-item" part="menu-item" data-action="assign" @click=${() => this.#switchTo('assign')}>
        ${l.t('menuAssign')}<span class="hint">${assignee || l.t('unassigned')}</span>
      </button>
      <button type="button" class="menu-item" part="menu-item" data-action="labels" @click=${() => this.#switchTo('labels')}>
        ${l.t('menuLabels')}<span class="hint">${conversation.labelIds.length ? l.number(conversation.labelIds.length) : ''}</span>
      </button>
      <button type="button" class="menu-item" part="menu-item" data-action="export" @click=${() => this.#export(conversation)}>${l.t('menuExport')}</button>
      ${this.canDelete
        ? html`<button type="button" class="menu-item" part="menu-item" data-action="export-all" @click=${() => this.#export(null)}>${l.t('menuExportAll')}</button>
            <div class="menu-separator" role="separator"></div>
            <button type="button" class="menu-item danger" part="menu-item" data-action="delete" @click=${this.#askDelete}>${l.t('menuDelete')}</button>`
        : nothing}
    `;
  }

  #renderBack(title: string) {
    return html`<div class="menu-heading">
      <button type="button" class="icon-button" aria-label=${this.localize.t('menuBack')} @click=${() => this.#switchTo('actions')}><span class="flip">${icon('back')}</span></button>${title}
    </div>`;
  }

  #renderAssign(conversation: ConversationView) {
    const me = this.#session.value?.user.id;
    const current = !conversation.assigneeId ? 'unassigned' : conversation.assigneeId === me ? 'me' : conversation.assigneeId;
    const items = assigneeItems(this.localize, this.#users.value?.items, me, current);
    return html`${this.#renderBack(this.localize.t('menuAssignTo'))}
    ${this.#picker.render({ l: this.localize, label: this.localize.t('filterAssignee'), items, searchable: true, onPick: (item) => this.#assign(conversation.id, assigneeIdOf(item.value, me)) })}`;
  }

  #renderLabels(conversation: ConversationView) {
    const labels = this.#labels.value?.items ?? [];
    const title = this.localize.t('menuLabelsTitle');
    return html`${this.#renderBack(title)}
      <div role="group" aria-label=${title}>
        ${labels.map((label) => {
          const on = conversation.labelIds.includes(label.id);
          return html`<button type="button" class="menu-item" part="menu-item" data-label-id=${label.id} aria-pressed=${on ? 'true' : 'false'} @click=${() => this.#toggleLabel(conversation.id, label.id, !on)}>
            ${labelSwatch(label.color)}${label.name}${on ? html`<span class="hint">${icon('check')}</span>` : nothing}
          </button>`;
        })}
        ${labels.length === 0 ? html`<div class="picker-empty">${this.localize.t('menuNoLabels')}</div>` : nothing}
      </div>`;
  }

  async #switchTo(mode: 'actions' | 'assign' | 'labels'): Promise<void> {
    this.mode = mode;
    if (mode === 'assign') this.#picker.reset();
    await this.updateComplete;
    this.#focusFirst();
  }

  #focusFirst(): void {
    this.panel?.querySelector<HTMLElement>(this.mode === 'actions' ? '.menu-item' : '.picker-search, [aria-pressed], .menu-item')?.focus();
  }

  #attempt(what: string, work: Promise<unknown> | undefined): void {
    this.error = '';
    void work?.catch((error: unknown) => (this.error = failureMessage(this.localize, what, error)));
  }

  #run(action: ConversationAction): void {
    const client = this.activeClient;
    this.close();
    if (client) this.#attempt(actionLabel(this.localize, action), runAction(client, this.conversationId, action));
  }

  #assign(id: string, assigneeId: string | null): void {
    this.close();
    this.#attempt(this.localize.t(assigneeId ? 'menuWhatAssign' : 'menuWhatUnassign'), this.activeClient?.conversations.assign(id, assigneeId));
  }

  #toggleLabel(id: string, labelId: string, add: boolean): void {
    const conversations = this.activeClient?.conversations;
    this.#attempt(this.localize.t(add ? 'menuWhatAddLabel' : 'menuWhatRemoveLabel'), add ? conversations?.addLabel(id, labelId) : conversations?.removeLabel(id, labelId));
  }

  /**
   * The conversation's messages as CSV (seed 002), saved as a file named after the contact; with
   * null, every thread's (admins), streamed by the server and saved as conversations-<date>.csv.
   */
  async #export(conversation: ConversationView | null): Promise<void> {
    const client = this.activeClient;
    this.close();
    if (!client) return;
    const l = this.localize;
    const name = conversation ? `${conversation.contact.name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim() || 'conversation'}.csv` : `conversations-${new Date().toISOString().slice(0, 10)}.csv`;
    const progress = (kilobytes: number) => (conversation ? l.t('menuExporting', kilobytes) : l.t('menuExportingAll', kilobytes));
    this.error = '';
    this.download = progress(0);
    try {
      const csv = await client.exportCsv(conversation?.id, (bytes) => (this.download = progress(Math.ceil(bytes / 1024))));
      const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(csv), download: name });
      link.click();
      // After the click has handed the file to the browser's download.
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      const done = (this.download = l.t('menuExported', name));
      setTimeout(() => this.download === done && (this.download = ''), 10_000);
    } catch (error) {
      this.download = '';
      this.error = failureMessage(l, l.t(conversation ? 'menuWhatExport' : 'menuWhatExportAll'), error);
    }
  }

  #askDelete = (): void => {
    this.close();
    this.deletion = { busy: false, error: '' };
    this.dialog?.showModal();
  };

  #confirmDelete = async (): Promise<void> => {
    const client = this.activeClient;
    if (!client) return;
    this.deletion = { busy: true, error: '' };
    try {
      await client.conversations.delete(this.conversationId);
      this.deletion = { busy: false, error: '' };
      this.dialog?.close();
    } catch (error) {
      this.deletion = { busy: false, error: failureMessage(this.localize, this.localize.t('menuWhatDelete'), error) };
    }
  };

  #onDialogClose = (): void => {
    this.#restoreFocus();
  };

  #onToggle = (event: ToggleEvent): void => {
    if (event.newState !== 'closed') return;
    // Closed from the keyboard (Escape, an action): focus goes back where it came from. A click
    // elsewhere (light dismiss) already put focus where the user wanted it.
    const active = deepActiveElement();
    if (!active || active === document.body || this.renderRoot.contains(active)) this.#restoreFocus();
  };

  #restoreFocus(): void {
    if (this.dialog?.open) return;
    const target = this.#returnFocus;
    if (target?.isConnected) target.focus();
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (this.mode === 'assign') return; // the picker's own arrows
    const items = [...(this.panel?.querySelectorAll<HTMLElement>('.menu-item') ?? [])];
    if (items.length === 0) return;
    event.preventDefault();
    const at = items.indexOf(deepActiveElement() as HTMLElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]!.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-row-menu': ConvRowMenu;
  }
}
