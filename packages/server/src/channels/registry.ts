import type { Channel } from '@convkit/sdk/protocol';
import type { ChannelAdapter } from './channel.js';

/** Which contact address each channel needs; a call is logged, never sent as a message. */
export function channelCanReach(channel: Channel, contact: { phone?: string | null; email?: string | null; whatsappUserId?: string | null }): string | null {
  switch (channel) {
    case 'sms':
    case 'mms':
      return contact.phone ? null : `This contact has no phone number, so ${channel.toUpperCase()} cannot reach them.`;
    case 'whatsapp':
      // A WhatsApp user who hides their number is still reached by their user id.
      return contact.phone || contact.whatsappUserId ? null : 'This contact has no phone number, so WHATSAPP cannot reach them.';
    case 'email':
      return contact.email ? null : 'This contact has no email address.';
    case 'call':
      return 'Calls cannot be sent as messages; pick a messaging channel.';
    default:
      return null;
  }
}

/** Adapters by channel. Every channel without credentials runs in sandbox mode. */
export class ChannelRegistry {
  readonly #adapters = new Map<Channel, ChannelAdapter>();
  readonly #fallback: ChannelAdapter;

  constructor(fallback: ChannelAdapter) {
    this.#fallback = fallback;
  }

  register(channel: Channel, adapter: ChannelAdapter): void {
    this.#adapters.set(channel, adapter);
  }

  adapterFor(channel: Channel): ChannelAdapter {
    return this.#adapters.get(channel) ?? this.#fallback;
  }
}
