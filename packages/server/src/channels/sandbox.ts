// Sandbox mode: no provider credentials, so nothing leaves the machine. A send is taken as Twilio
// takes one (sent), and a moment later its delivery report arrives in Twilio's words through the
// same path a real status callback takes: delivered, or, for a text containing "fail", failed as
// a real one fails (error 30003, the handset unreachable), so a demo can show both.
import { randomBytes } from 'node:crypto';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from './channel.js';
import { DelayedTasks } from './delayed-tasks.js';

/** A status callback's fields, as Twilio would post them. */
export type SandboxReport = (message: OutboundMessage, params: Record<string, string>) => Promise<unknown>;

/** What makes a sandbox send fail: the word anywhere in its text, in any case. */
const FAILS = /fail/i;

export class SandboxAdapter implements ChannelAdapter {
  readonly provider = 'sandbox';
  readonly sent: OutboundMessage[] = [];
  /** Told of each send, so an operator sees in the log what would have gone out. */
  readonly #onSend: (message: OutboundMessage) => void;
  readonly #report: SandboxReport | null;
  readonly #deliveryMs: number;
  /** Reports still to come or being applied (tests wait for them). */
  readonly #reports = new DelayedTasks();

  constructor(options: { onSend?: (message: OutboundMessage) => void; report?: SandboxReport; deliveryMs?: number } = {}) {
    this.#onSend = options.onSend ?? (() => {});
    this.#report = options.report ?? null;
    this.#deliveryMs = options.deliveryMs ?? 0;
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    this.sent.push(message);
    this.#onSend(message);
    const providerId = `SB${randomBytes(16).toString('hex')}`;
    if (this.#report) this.#reportLater(message, providerId);
    return { ok: true, status: 'sent', providerId };
  }

  /** Drops the reports not yet made (the server is stopping). */
  stop(): void {
    this.#reports.stop();
  }

  /** Resolves once every report of the sends made so far has been applied. */
  async settled(): Promise<void> {
    await this.#reports.settled();
  }

  #reportLater(message: OutboundMessage, providerId: string): void {
    const fails = FAILS.test(message.body);
    const params: Record<string, string> = { MessageSid: providerId, MessageStatus: fails ? 'undelivered' : 'delivered', ...(fails ? { ErrorCode: '30003' } : {}) };
    this.#reports.later(this.#deliveryMs, () => this.#report!(message, params));
  }
}
