// Collision detection in the composer, as in Front and Chatwoot: it says the agent is typing (so
// the others' threads show it), and before a reply goes it asks for a confirmation when another
// agent is typing a reply in the same conversation, or when the contact wrote again after this
// reply was begun.
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { ConvClient, ConversationView, Viewer } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { PresenceController } from '../../controllers/presence-controller.js';

export interface CollisionWarning {
  typing: Viewer[];
  /** The contact wrote after this reply was begun. */
  newInbound: boolean;
}

export class CollisionGuard {
  readonly #presence: PresenceController;
  readonly #conversation: () => ConversationView | undefined;
  /** The contact's last message when the agent began this reply. */
  #inboundWhenBegun: number | null = null;
  /** A send waiting for the agent's confirmation, and what it sends with. */
  pending: { sendAt?: string } | null = null;

  constructor(host: ReactiveControllerHost, client: () => ConvClient | undefined, conversationId: () => string, conversation: () => ConversationView | undefined) {
    this.#presence = new PresenceController(host, client, conversationId, { shows: false });
    this.#conversation = conversation;
  }

  /** The reply's text changed: the agent is typing (or stopped), and a reply begun now is measured from now. */
  typed(value: string): void {
    const writing = value.trim() !== '';
    this.#presence.tracker?.typing(writing);
    if (!writing) this.#inboundWhenBegun = null;
    else this.#inboundWhenBegun ??= this.#conversation()?.lastInboundSeq ?? 0;
  }

  /** The reply went, or the conversation changed: nothing is typed, nothing waits. */
  reset(): void {
    this.#presence.tracker?.typing(false);
    this.#inboundWhenBegun = null;
    this.pending = null;
  }

  /** What the agent should know before this reply goes; null when nothing. */
  warning(): CollisionWarning | null {
    const typing = this.#presence.others.filter((v) => v.typing);
    const last = this.#conversation()?.lastInboundSeq ?? 0;
    const newInbound = this.#inboundWhenBegun !== null && last > this.#inboundWhenBegun;
    return typing.length || newInbound ? { typing, newInbound } : null;
  }
}

export function renderCollision(l: Localize, warning: CollisionWarning | null, contact: string, onSend: () => void, onKeep: () => void) {
  if (!warning) return nothing;
  const names = new Intl.ListFormat(l.lang(), { type: 'conjunction' }).format(warning.typing.map((v) => v.name));
  return html`<div class="collision" part="collision" role="alert">
    ${warning.typing.length ? html`<span>${l.t('collisionTyping', names, warning.typing.length)}</span>` : nothing}
    ${warning.newInbound ? html`<span>${l.t('collisionNewMessage', contact)}</span>` : nothing}
    <span class="spacer"></span>
    <button class="button" type="button" part="collision-keep" @click=${onKeep}>${l.t('collisionKeep')}</button>
    <button class="button send" type="button" part="collision-send" @click=${onSend}>${l.t('collisionSend')}</button>
  </div>`;
}
