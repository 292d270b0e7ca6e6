// The host's cards about the contact (contactCards.*: deals with pipeline, stage and amount,
// appointments, inspections, invoices), under the contact's details: read when the contact
// changes and after a reconnect, and replaced whole whenever the host changes them
// (contact.cards). Links open the host's record in a tab of its own.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { isConvError, type ContactCard, type ConvClient } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

const KIND_TERMS = { opportunity: 'cardOpportunity', appointment: 'cardAppointment', inspection: 'cardInspection', invoice: 'cardInvoice' } as const;

/** A link of the host's, resolved against its page; only http(s). */
function hostHref(link: string | null): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export class HostCards implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #client: ConvClient | null = null;
  #contactId = '';
  #unsubscribe: (() => void) | null = null;
  /** Each read's turn: an answer for another contact, or an older read, is dropped. */
  #turn = 0;
  cards: ContactCard[] | null = null;
  error = '';

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#client = null;
  }

  /** Follows `contactId` through `client`; cheap to call on every update. */
  watch(client: ConvClient | null, contactId: string): void {
    if (client === this.#client && contactId === this.#contactId) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#client = client;
    this.#contactId = contactId;
    this.cards = null;
    this.error = '';
    if (!client || !contactId) return;
    const offEvent = client.onEvent((event) => {
      if (event.type !== 'contact.cards' || event.data.contactId !== this.#contactId) return;
      this.#turn++;
      this.cards = event.data.cards;
      this.#host.requestUpdate();
    });
    const offStatus = client.caughtUp.subscribe((caughtUp) => caughtUp && void this.read());
    this.#unsubscribe = () => {
      offEvent();
      offStatus();
    };
    if (client.caughtUp.get()) void this.read();
  }

  async read(): Promise<void> {
    const client = this.#client;
    const contactId = this.#contactId;
    const turn = ++this.#turn;
    if (!client || !contactId) return;
    try {
      const { items } = await client.request('contactCards.list', { contactId });
      if (turn !== this.#turn) return;
      this.cards = items;
      this.error = '';
    } catch (error) {
      if (turn !== this.#turn) return;
      this.error = isConvError(error) ? error.message : String(error);
    }
    this.#host.requestUpdate();
  }

  render(l: Localize) {
    if (this.error) {
      return html`<div class="state state--error" part="host-cards-error" role="alert">
        <span>${l.t('contactCardsFailed', this.error)}</span>
        <button class="button" type="button" @click=${() => void this.read()}>${l.t('retry')}</button>
      </div>`;
    }
    if (!this.cards?.length) return nothing;
    return html`<section class="host-cards" part="host-cards" aria-label=${l.t('contactCardsHeading')}>
      <ul>
        ${this.cards.map((card) => this.#card(l, card))}
      </ul>
    </section>`;
  }

  #card(l: Localize, card: ContactCard) {
    const href = hostHref(card.link);
    const kind = card.kind === 'other' ? '' : l.t(KIND_TERMS[card.kind]);
    let amount = '';
    if (card.amount) {
      try {
        amount = new Intl.NumberFormat(l.lang(), { style: 'currency', currency: card.amount.currency }).format(card.amount.value);
      } catch {
        amount = `${card.amount.value} ${card.amount.currency}`;
      }
    }
    return html`<li class="host-card" part="host-card" data-kind=${card.kind}>
      ${kind ? html`<span class="host-card-kind">${kind}</span>` : nothing}
      <span class="host-card-title">${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${card.title}</a>` : card.title}</span>
      ${card.subtitle ? html`<span class="host-card-subtitle">${card.subtitle}</span>` : nothing}
      ${card.status || amount
        ? html`<span class="host-card-facts">${card.status ? html`<span class="host-card-status" part="host-card-status">${card.status}</span>` : nothing}${amount ? html`<span class="host-card-amount" part="host-card-amount">${amount}</span>` : nothing}</span>`
        : nothing}
      ${card.actions.length
        ? html`<span class="host-card-actions">${card.actions.map((action) => {
            const link = hostHref(action.link);
            return link ? html`<a class="button" part="host-card-action" href=${link} target="_blank" rel="noopener noreferrer">${action.label}</a>` : nothing;
          })}</span>`
        : nothing}
    </li>`;
  }
}
