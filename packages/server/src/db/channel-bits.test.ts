// The channel bits stored masks depend on: one per protocol channel, none shared, and the ones
// the Triage migration backfilled still where it put them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS } from '@convkit/sdk/protocol';
import { CHANNEL_BITS, channelBit, channelsOf } from './channel-bits.js';
import { TRIAGE_CHANNEL_BITS } from './migrations/Migration20261124Triage.js';

describe('channel bits', () => {
  it('gives every protocol channel a bit of its own within 31 bits', () => {
    assert.deepEqual(Object.keys(CHANNEL_BITS).sort(), [...CHANNELS].sort());
    const bits = Object.values(CHANNEL_BITS);
    assert.equal(new Set(bits).size, bits.length);
    for (const bit of bits) assert.ok(Number.isInteger(bit) && bit >= 0 && bit < 31, `${bit}`);
  });

  it("keeps each channel on the bit the migration's backfill gave it", () => {
    TRIAGE_CHANNEL_BITS.forEach((channel, bit) => assert.equal(CHANNEL_BITS[channel], bit, channel));
  });

  it('reads back the channels of a mask', () => {
    assert.deepEqual(channelsOf(channelBit('email') | channelBit('sms')).sort(), ['email', 'sms']);
    assert.deepEqual(channelsOf(0), []);
  });
});
