// Opening a contact's thread by the host's key for them (`contact="ext:<host id>"`, or a phone
// number), as a CRM's "message this client" does: the contact is looked up, then its
// conversation. With `create-conversation` a conversation the contact does not have yet is
// started (and, for a phone number, the contact made); without it, the thread says there is
// none. The thread then shows that conversation and tells the inbox (conv-conversation-selected),
// whose list follows.
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConvClient } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

type LinkState = { status: 'opening' } | { status: 'missing'; reason: 'contact' | 'conversation' } | { status: 'failed'; message: string };

/** The command's key for a `contact` value: "ext:…" is the host's id, anything else a phone. */
export function contactKey(contact: string): { externalId: string } | { phone: string } {
  return contact.startsWith('ext:') ? { externalId: contact.slice(4) } : { phone: contact };
}

export class ContactLink implements ReactiveController {
  state: LinkState | null = null;
  /** The contact value (and whether it may start a conversation) being opened, or opened last: a new one opens again. */
  #for = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly open: (conversationId: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Opens `contact`'s conversation once per value (again after `retry`). */
  follow(client: ConvClient | undefined, contact: string, create: boolean): void {
    const wanted = `${create}:${contact}`;
    if (!client || !contact || wanted === this.#for) return;
    this.#for = wanted;
    this.#set({ status: 'opening' });
    void this.#resolve(client, contact, create).then(
      (conversationId) => {
        if (this.#for !== wanted || !conversationId) return;
        this.#set(null);
        this.open(conversationId);
      },
      (error: Error) => this.#for === wanted && this.#set({ status: 'failed', message: error.message }),
    );
  }

  retry(client: ConvClient | undefined, contact: string, create: boolean): void {
    this.#for = '';
    this.follow(client, contact, create);
  }

  async #resolve(client: ConvClient, contact: string, create: boolean): Promise<string | null> {
    const key = contactKey(contact);
    const found = await client.request('contacts.find', key);
    if (found.conversationId) return found.conversationId;
    // A host id the workspace does not know is not made up here: the host syncs its contacts.
    if (!found.contact && 'externalId' in key) return this.#missing('contact');
    if (!create) return this.#missing(found.contact ? 'conversation' : 'contact');
    const contactId = found.contact?.id ?? (await client.request('contacts.upsert', key)).contact.id;
    return (await client.request('conversations.start', { contactId })).item.conversation.id;
  }

  #missing(reason: 'contact' | 'conversation'): null {
    this.#set({ status: 'missing', reason });
    return null;
  }

  #set(state: LinkState | null): void {
    this.state = state;
    this.host.requestUpdate();
  }

  /** The thread's body while a contact's conversation is being found, or when it cannot be. */
  render(l: Localize, onRetry: () => void): TemplateResult | null {
    const state = this.state;
    if (!state) return null;
    if (state.status === 'opening') return html`<div class="state" part="state" role="status">${l.t('contactLinkOpening')}</div>`;
    if (state.status === 'missing') return html`<div class="state" part="state" role="status">${l.t(state.reason === 'contact' ? 'contactLinkNoContact' : 'contactLinkNoConversation')}</div>`;
    return html`
      <div class="state state--error" part="state" role="alert">
        <span>${l.t('contactLinkFailed', state.message)}</span>
        <button class="button" part="retry-button" type="button" @click=${onRetry}>${l.t('retry')}</button>
      </div>
    `;
  }
}
