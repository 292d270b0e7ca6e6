// When the conversation a thread shows merges into another (one person's two threads became one:
// a WhatsApp user first known by a user id, then by their number), the thread follows it there and
// says so with `conv-conversation-selected`, so an inbox moves its composer and contact panel too.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConvClient } from '@convkit/sdk';
import { ConvConversationSelectedEvent } from '../events/conversation-selected.js';

type Host = ReactiveControllerHost & HTMLElement & { conversationId: string };

export class MergedThreadFollower implements ReactiveController {
  readonly #host: Host;
  #client: ConvClient | null = null;
  #unsubscribe: (() => void) | null = null;
  /** The client listened through before the element left the page. */
  #parked: ConvClient | null = null;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** Listens through `client`; cheap to call on every update. */
  watch(client: ConvClient | null): void {
    if (client === this.#client) return;
    this.#unsubscribe?.();
    this.#client = client;
    this.#unsubscribe = client
      ? client.onEvent((event) => {
          if (event.type !== 'conversation.merged' || event.data.conversationId !== this.#host.conversationId) return;
          this.#host.conversationId = event.data.conversation.id;
          this.#host.dispatchEvent(new ConvConversationSelectedEvent({ conversationId: event.data.conversation.id }));
        })
      : null;
  }

  /** Listens again through the same client when the element is put back (moved in the page). */
  hostConnected(): void {
    const client = this.#parked;
    this.#parked = null;
    if (client) this.watch(client);
  }

  hostDisconnected(): void {
    this.#parked = this.#client;
    this.watch(null);
  }
}
