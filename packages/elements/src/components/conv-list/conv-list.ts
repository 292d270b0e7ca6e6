import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { ConversationsState, ConversationView } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { ConvConversationSelectEvent } from '../../events/conversation-select.js';
import { ConvConversationSelectedEvent } from '../../events/conversation-selected.js';
import { CHANNEL_LABELS, channelIcon, glyphFor } from '../../internal/channels.js';
import { longDateTime, relativeTime } from '../../internal/format.js';
import { initials, navigate } from '../../internal/listbox-keys.js';
import { stateStyles } from '../../styles/shared.styles.js';
import { listStyles } from './conv-list.styles.js';

/** Rows from the end at which the next page starts loading. */
const PREFETCH_ROWS = 5;

/**
 * @summary The agent's conversations, newest activity first: a keyboard-navigable listbox that
 * renders only the rows in view and loads more as it scrolls.
 *
 * @event {ConvConversationSelectEvent} conv-conversation-select - The user picks a row (click, Enter or Space). Cancelable: `preventDefault()` keeps the selection. Detail: `{ conversationId }`.
 * @event {ConvConversationSelectedEvent} conv-conversation-selected - A row became the selection. Detail: `{ conversationId }`.
 *
 * @csspart list - The scrolling listbox.
 * @csspart row - One conversation; also `row-selected` and `row-unread` on those rows.
 * @csspart name - The contact's name in a row.
 * @csspart snippet - The last message preview in a row.
 * @csspart time - The relative time of the last activity.
 * @csspart unread - The unread dot.
 * @csspart state - The loading, empty or error block.
 *
 * @cssproperty [--conv-list-row-min-height=4.25rem] - Minimum height of a row.
 * @cssproperty --conv-color-unread - The unread dot.
 * @cssproperty --conv-color-surface-selected - Background of the selected row.
 */
export class ConvList extends ConvClientElement {
  static override styles = [ConvClientElement.styles, stateStyles, listStyles];

  /** The selected conversation's id: its row is marked selected. Set by a click, Enter, or the host. */
  @property({ attribute: 'conversation-id', reflect: true }) accessor conversationId = '';

  /** The listbox's accessible name. */
  @property() accessor label = 'Conversations';

  /** The row that keyboard focus is on (aria-activedescendant), by conversation id. */
  @state() accessor activeId = '';

  readonly #state = new StoreController<ConversationsState>(this, () => this.activeClient?.conversations.store);

  /** The ids of the rows, in list order. */
  get #order(): string[] {
    return this.#state.value?.order ?? [];
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // First render with a client: load the first page (the SDK makes this a no-op when loaded).
    if (this.#state.value?.status === 'idle') void this.activeClient?.conversations.load().catch(() => {});
  }

  protected override render() {
    const state = this.#state.value;
    if (!state || state.status === 'idle' || (state.status === 'loading' && state.order.length === 0)) return this.#renderLoading();
    if (state.status === 'error' && state.order.length === 0) return this.#renderError(state);
    if (state.order.length === 0) {
      return html`<div class="state" part="state" role="status">No conversations yet.</div>`;
    }
    const order = state.order;
    return html`
      <div
        role="listbox"
        part="list"
        tabindex="0"
        aria-label=${this.label}
        aria-activedescendant=${this.activeId && state.byId[this.activeId] ? `row-${this.activeId}` : nothing}
        aria-busy=${state.loadingMore ? 'true' : 'false'}
        @keydown=${this.#onKeyDown}
        @click=${this.#onClick}
        @focus=${this.#onFocus}
        @rangeChanged=${this.#onRangeChanged}
      >
        ${virtualize({
          items: order,
          keyFunction: (id: string) => id,
          renderItem: (id: string, index: number) => this.#renderRow(state.byId[id], index, order.length),
          scroller: true,
          // Given, not defaulted: the default layout is a dynamic import, a second request.
          layout: flow(),
        })}
      </div>
      ${state.loadingMore ? html`<div class="more" role="status">Loading more…</div>` : nothing}
    `;
  }

  #renderRow(conversation: ConversationView | undefined, index: number, count: number) {
    if (!conversation) return html`<div role="option" aria-selected="false"></div>`;
    const { id, contact, lastMessage, unread } = conversation;
    const selected = id === this.conversationId;
    const glyph = glyphFor(lastMessage?.kind, lastMessage?.channel);
    const at = lastMessage?.at ?? conversation.lastActivityAt;
    return html`
      <div
        role="option"
        id=${`row-${id}`}
        data-id=${id}
        class=${classMap({ row: true, unread, active: id === this.activeId })}
        part=${`row${selected ? ' row-selected' : ''}${unread ? ' row-unread' : ''}`}
        aria-selected=${selected ? 'true' : 'false'}
        aria-setsize=${count}
        aria-posinset=${index + 1}
      >
        <span class="avatar" aria-hidden="true">${initials(contact.name)}</span>
        <span class="main">
          <span class="line">
            <span class="name" part="name">${contact.name}</span>
            <time part="time" datetime=${at} title=${longDateTime(at)}>${relativeTime(at)}</time>
          </span>
          <span class="line">
            <span class="channel">${channelIcon(glyph, CHANNEL_LABELS[glyph])}</span>
            <span class="snippet" part="snippet">${lastMessage?.preview ?? ''}</span>
            ${unread ? html`<span class="unread-dot" part="unread" aria-hidden="true"></span><span class="visually-hidden">unread</span>` : nothing}
          </span>
        </span>
      </div>
    `;
  }

  #renderLoading() {
    return html`
      <div class="loading" part="state" role="status" aria-busy="true">
        <span class="visually-hidden">Loading conversations…</span>
        ${[0, 1, 2, 3, 4].map(
          () => html`
            <div class="skeleton-row" aria-hidden="true">
              <span class="skeleton" style="width:2.25rem;height:2.25rem;border-radius:50%"></span>
              <span class="skeleton-lines">
                <span class="skeleton" style="height:0.8rem;width:55%"></span>
                <span class="skeleton" style="height:0.7rem;width:85%"></span>
              </span>
            </div>
          `,
        )}
      </div>
    `;
  }

  #renderError(state: ConversationsState) {
    return html`
      <div class="state state--error" part="state" role="alert">
        <span>Could not load conversations${state.error?.message ? `: ${state.error.message}` : '.'}</span>
        <button class="button" type="button" @click=${() => void this.activeClient?.conversations.load().catch(() => {})}>Retry</button>
      </div>
    `;
  }

  /** Opens a conversation as if the user picked its row: request event, selection, mark read. */
  select(conversationId: string): boolean {
    const request = new ConvConversationSelectEvent({ conversationId });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return false;
    this.conversationId = conversationId;
    this.activeId = conversationId;
    this.dispatchEvent(new ConvConversationSelectedEvent({ conversationId }));
    const conversation = this.#state.value?.byId[conversationId];
    // The store shows it unread again if this fails; nothing to tell the user here.
    if (conversation?.unread) void this.activeClient?.conversations.markRead(conversationId).catch(() => {});
    return true;
  }

  #onFocus(): void {
    if (this.activeId && this.#order.includes(this.activeId)) return;
    this.activeId = this.#order.includes(this.conversationId) ? this.conversationId : (this.#order[0] ?? '');
  }

  #onKeyDown(event: KeyboardEvent): void {
    const order = this.#order;
    const current = order.indexOf(this.activeId);
    if ((event.key === 'Enter' || event.key === ' ') && current >= 0) {
      event.preventDefault();
      this.select(order[current]!);
      return;
    }
    const next = navigate(event.key, current, order.length);
    if (next === undefined) return;
    event.preventDefault();
    this.activeId = order[next]!;
    this.#scrollToIndex(next);
  }

  #onClick(event: MouseEvent): void {
    const row = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'option');
    const id = row?.dataset['id'];
    if (id) this.select(id);
  }

  #onRangeChanged(event: RangeChangedEvent): void {
    const state = this.#state.value;
    if (!state?.hasMore || state.loadingMore) return;
    if (event.last >= state.order.length - PREFETCH_ROWS) void this.activeClient?.conversations.loadMore().catch(() => {});
  }

  #scrollToIndex(index: number): void {
    const host = this.renderRoot.querySelector<VirtualizerHostElement>('[role="listbox"]');
    host?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-list': ConvList;
  }
}
