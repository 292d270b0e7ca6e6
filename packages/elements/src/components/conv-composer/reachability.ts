// Which channels the composer's contact can be sent to now, and why not, from the server's send
// gate (`contacts.reachability`). Asked again when it can change: a consent change an agent or
// the host made, a new message from the contact (STOP, START, YES, a WhatsApp message opening
// the 24-hour window), and after a reconnect.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChannelReach, ConvClient } from '@convkit/sdk';

export class ReachabilityController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #client: ConvClient | null = null;
  #contactId = '';
  #unsubscribe: (() => void) | null = null;
  /** Each load's turn: an answer for an older contact or an older question is dropped. */
  #turn = 0;
  /** The channels' answers, or null while unknown (the composer then lets the server decide). */
  channels: ChannelReach[] | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Follows `contactId` through `client`; cheap to call on every update. */
  watch(client: ConvClient | null, contactId: string): void {
    if (client === this.#client && contactId === this.#contactId) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#client = client;
    this.#contactId = contactId;
    this.channels = null;
    if (!client || !contactId) return;
    const offEvent = client.onEvent((event) => {
      const touches =
        (event.type === 'consent.updated' && event.data.contactId === contactId) ||
        (event.type === 'message.created' && event.data.conversation.contact.id === contactId && event.data.message.direction === 'inbound') ||
        (event.type === 'contact.updated' && event.data.contact.id === contactId);
      if (touches) void this.refresh();
    });
    // Connected again: what changed meanwhile came as events the client already applied.
    const offStatus = client.caughtUp.subscribe((caughtUp) => caughtUp && void this.refresh());
    this.#unsubscribe = () => {
      offEvent();
      offStatus();
    };
    if (client.caughtUp.get()) void this.refresh();
  }

  /** The answer for one channel, if known. */
  of(channel: string): ChannelReach | undefined {
    return this.channels?.find((c) => c.channel === channel);
  }

  async refresh(): Promise<void> {
    const client = this.#client;
    const turn = ++this.#turn;
    if (!client || !this.#contactId) return;
    try {
      const { channels } = await client.request('contacts.reachability', { id: this.#contactId });
      if (turn !== this.#turn) return;
      this.channels = channels;
    } catch {
      // Unknown: every channel stays offered, and the server's answer to a send says why not.
      if (turn === this.#turn) this.channels = null;
    }
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.watch(null, '');
  }
}
