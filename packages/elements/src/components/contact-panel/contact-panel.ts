import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Contact, ContactState } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { stateStyles } from '../../styles/shared.styles.js';
import '../../i18n/terms/panels.js';
import { contactPanelStyles } from './contact-panel.styles.js';
import { ClickToCall } from './click-to-call.js';
import { HostCards } from './host-cards.js';

/**
 * @summary Who the agent is talking to: name, phone, email, group and tags, live, then the
 * host's cards about them (deals, appointments, inspections, invoices: contactCards.save), and
 * room below for the host's own markup.
 *
 * @slot - The host's own markup, under the contact's details and cards.
 *
 * @csspart card - The details block.
 * @csspart name - The contact's name.
 * @csspart fields - The list of fields.
 * @csspart tag - One tag chip.
 * @csspart call-button - Call: rings your phone, then the contact's (with a conversation-id).
 * @csspart change-phone - Asks for another phone to ring you on.
 * @csspart call-form - Asks for the phone to ring you on (the first time, or to change it).
 * @csspart agent-phone - That phone's input.
 * @csspart state - The loading, empty or error block.
 * @csspart host-cards - The host's cards about the contact.
 * @csspart host-card - One of them: its kind, title (a link to the host's record), subtitle, status, amount and actions.
 * @csspart host-card-status - A card's status.
 * @csspart host-card-amount - A card's amount, in its currency.
 * @csspart host-card-action - One of a card's actions: a link into the host.
 * @csspart host-cards-error - Why the cards could not be loaded, with Retry.
 */
export class ContactPanel extends ConvClientElement {
  static override styles = [ConvClientElement.styles, stateStyles, contactPanelStyles];

  /** The contact to show. */
  @property({ attribute: 'contact-id', reflect: true }) accessor contactId = '';

  /** The conversation calls are logged in: with it, the panel offers Call. */
  @property({ attribute: 'conversation-id', reflect: true }) accessor conversationId = '';

  readonly #call = new ClickToCall(this);
  readonly #cards = new HostCards(this);

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) this.#call.reset();
  }

  readonly #contact = new StoreController<ContactState>(this, () =>
    this.contactId ? this.activeClient?.contacts.get(this.contactId) : undefined,
  );

  protected override render() {
    // The cards once the contact is here: a contact that is not found says so once, not twice.
    return html`${this.#renderContact()}${this.#contact.value?.contact ? this.#cards.render(this.localize) : ''}<slot></slot>`;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    this.#cards.watch(this.activeClient ?? null, this.contactId);
  }

  #reload = () => {
    if (this.contactId) void this.activeClient?.contacts.reload(this.contactId);
  };

  #renderContact() {
    if (!this.contactId) return html`<div class="state" part="state">${this.localize.t('contactNone')}</div>`;
    const state = this.#contact.value;
    if (state?.contact) return this.#renderCard(state.contact);
    if (state?.status === 'error') {
      return html`<div class="state state--error" part="state" role="alert">
        <span>${this.localize.t('contactError', state.error?.message ?? '')}</span>
        <button class="button" part="retry-button" type="button" @click=${this.#reload}>${this.localize.t('retry')}</button>
      </div>`;
    }
    if (state?.status === 'ready') return html`<div class="state" part="state">${this.localize.t('contactMissing')}</div>`;
    return html`
      <div class="card" part="state" role="status" aria-busy="true">
        <span class="visually-hidden">${this.localize.t('contactLoading')}</span>
        <span class="skeleton" style="height:1.3rem;width:60%" aria-hidden="true"></span>
        <span class="skeleton" style="height:0.9rem;width:80%" aria-hidden="true"></span>
        <span class="skeleton" style="height:0.9rem;width:70%" aria-hidden="true"></span>
      </div>
    `;
  }

  #renderCard(contact: Contact) {
    const l = this.localize;
    const none = html`<span class="muted">${l.t('contactEmpty')}</span>`;
    return html`
      <section class="card" part="card" aria-label=${l.t('contactCard')}>
        <h2 part="name">${contact.name}</h2>
        ${this.#call.render(l, this.activeClient, this.conversationId, !!contact.phone)}
        <dl part="fields">
          <dt>${l.t('contactPhone')}</dt>
          <dd class="phone">${contact.phone ? html`<a href=${`tel:${contact.phone}`}>${contact.phone}</a>` : none}</dd>
          <dt>${l.t('contactEmail')}</dt>
          <dd class="email">${contact.email ? html`<a href=${`mailto:${contact.email}`}>${contact.email}</a>` : none}</dd>
          <dt>${l.t('contactGroup')}</dt>
          <dd class="group">${contact.group ?? none}</dd>
          <dt>${l.t('contactTags')}</dt>
          <dd>
            ${contact.tags.length
              ? html`<ul class="tags" aria-label=${l.t('contactTags')}>${contact.tags.map((tag) => html`<li class="tag" part="tag">${tag}</li>`)}</ul>`
              : none}
          </dd>
        </dl>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'contact-panel': ContactPanel;
  }
}
