// Which bit of conversations.channel_mask stands for which channel. Stored masks depend on it,
// so it never changes: a new channel takes the next free bit, whatever order the protocol lists
// channels in. (The Triage migration's backfill holds its own copy, as of the day it ran.)
import type { Channel } from '@convkit/sdk/protocol';

export const CHANNEL_BITS: Readonly<Record<Channel, number>> = Object.freeze({
  sms: 0,
  mms: 1,
  whatsapp: 2,
  email: 3,
  call: 4,
  chat: 5,
  facebook: 6,
  instagram: 7,
});

export function channelBit(channel: Channel): number {
  return 1 << CHANNEL_BITS[channel];
}

/** The channels a channel mask holds. */
export function channelsOf(mask: number): Channel[] {
  return (Object.keys(CHANNEL_BITS) as Channel[]).filter((channel) => (mask & channelBit(channel)) !== 0);
}
