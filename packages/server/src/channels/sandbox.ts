// Sandbox mode: no provider credentials, so a send is recorded as sent and nothing leaves the
// machine. Inbound traffic comes from the simulator through the real webhook path.
import { randomBytes } from 'node:crypto';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from './channel.js';

export class SandboxAdapter implements ChannelAdapter {
  readonly provider = 'sandbox';
  readonly sent: OutboundMessage[] = [];
  /** Told of each send, so an operator sees in the log what would have gone out. */
  readonly #onSend: (message: OutboundMessage) => void;

  constructor(onSend: (message: OutboundMessage) => void = () => {}) {
    this.#onSend = onSend;
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    this.sent.push(message);
    this.#onSend(message);
    return { ok: true, status: 'sent', providerId: `SB${randomBytes(16).toString('hex')}` };
  }
}
