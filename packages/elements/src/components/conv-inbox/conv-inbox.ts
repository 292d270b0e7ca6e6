import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConvClient, ConversationsById } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { ClientProviderController } from '../../controllers/client-provider-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import type { ConvConversationSelectedEvent } from '../../events/conversation-selected.js';
import { inboxStyles } from './conv-inbox.styles.js';
import { ConversationFetcher } from '../../controllers/conversation-fetcher.js';
import { LazyParts } from '../../controllers/lazy-parts.js';
import { stateStyles } from '../../styles/shared.styles.js';
import { exportparts } from '../../internal/exportparts.js';

/**
 * @summary The whole inbox in one tag: conversation list | thread and composer | contact panel,
 * wired together. Gives its parts a client: `client`, or one made from `url` and `token`, or
 * the one of an enclosing `<conv-provider>`.
 *
 * @slot contact-cards - Host cards shown in the contact panel, under the contact's details.
 *
 * @event {ConvConversationSelectedDetail} conv-conversation-selected - (from the list, or the thread following a merge) A conversation was opened.
 * @event {ConvMessageSentDetail} conv-message-sent - (from the composer) A message was accepted.
 *
 * @csspart list - The `<conv-list>`.
 * @csspart thread - The `<conv-thread>`.
 * @csspart composer - The `<conv-composer>`.
 * @csspart contact-panel - The `<contact-panel>`.
 * @csspart connection-status - The reconnecting/offline banner.
 *
 * Each of these forwards its own parts as `<part>-<its part>`: `list-row`, `list-filter-bar-search-input`,
 * `thread-message`, `composer-send-button` and so on (all of them are listed in custom-elements.json).
 *
 * @cssproperty [--conv-inbox-height=100%] - The inbox's height.
 * @cssproperty [--conv-inbox-list-width=24rem] - Width of the list column.
 * @cssproperty [--conv-inbox-panel-width=18rem] - Width of the contact panel.
 */
export class ConvInbox extends ConvClientElement {
  static override styles = [ConvClientElement.styles, stateStyles, inboxStyles];

  /** The Convkit server's URL, to create a client when none is given or provided. */
  @property() accessor url = '';

  /** The user token for the created client. */
  @property() accessor token = '';

  /** Asks the host's backend for a fresh token; preferred over `token` for long sessions. */
  @property({ attribute: false }) accessor tokenProvider: (() => Promise<string>) | undefined = undefined;

  /** The open conversation: set it (attribute) to deep-link; follows the user's selection. */
  @property({ attribute: 'conversation-id', reflect: true }) accessor conversationId = '';

  /** Deep-links to a contact's conversation: "ext:<the host's id>" or a phone number (the thread finds it); changing it opens that contact's. */
  @property() accessor contact = '';

  /** With `contact`: starts the contact's conversation when it has none yet. */
  @property({ attribute: 'create-conversation', type: Boolean }) accessor createConversation = false;

  readonly #provider = new ClientProviderController(this);

  readonly #conversations = new StoreController<ConversationsById, string>(
    this,
    () => this.activeClient?.conversations.byId,
    (byId) => byId[this.conversationId]?.contact.id ?? '',
  );

  readonly #fetcher = new ConversationFetcher();

  // Its parts, defined as it connects. In the bundle the list is there already; the thread,
  // composer and contact panel come in chunks of their own, so the list is usable before them.
  readonly #panes = new LazyParts(this, ['conv-connection-status', 'conv-list', 'conv-thread', 'conv-composer', 'contact-panel']);

  /** The client the inbox and its parts use. */
  protected override get activeClient(): ConvClient | undefined {
    return this.#provider.value ?? super.activeClient;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another contact to open: its thread finds the conversation, and the inbox follows.
    if (changed.get('contact') !== undefined && this.contact) this.conversationId = '';
    this.#provider.sync(this, super.activeClient);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#fetcher.ensure(this.activeClient, this.conversationId, Boolean(this.#conversations.value));
  }

  protected override render() {
    const contactId = this.#conversations.value ?? '';
    return html`
      <conv-connection-status part="connection-status" exportparts=${exportparts('conv-inbox', 'connection-status', this)}></conv-connection-status>
      <div class="layout" @conv-conversation-selected=${this.#onSelected}>
        <conv-list part="list" exportparts=${exportparts('conv-inbox', 'list', this)} .list=${this.activeClient?.conversations.inbox} conversation-id=${this.conversationId}></conv-list>
        <section class="center" aria-label=${this.localize.t('conversation')}>
          ${this.#panes.status === 'failed'
            ? html`<div class="state state--error" part="state" role="alert">
                <span>${this.localize.t('inboxPanesUnavailable')}</span>
                <button class="button" part="retry-button" type="button" @click=${() => void this.#panes.load()}>${this.localize.t('retry')}</button>
              </div>`
            : html`<conv-thread part="thread" exportparts=${exportparts('conv-inbox', 'thread', this)} conversation-id=${this.conversationId} .contact=${this.contact} .createConversation=${this.createConversation}></conv-thread>
                <conv-composer part="composer" exportparts=${exportparts('conv-inbox', 'composer', this)} conversation-id=${this.conversationId}></conv-composer>`}
        </section>
        <contact-panel part="contact-panel" exportparts=${exportparts('conv-inbox', 'contact-panel', this)} contact-id=${contactId} conversation-id=${this.conversationId}><slot name="contact-cards"></slot></contact-panel>
      </div>
    `;
  }

  #onSelected(event: ConvConversationSelectedEvent): void {
    this.conversationId = event.detail.conversationId;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-inbox': ConvInbox;
  }
}
