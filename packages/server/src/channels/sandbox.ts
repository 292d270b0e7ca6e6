// Sandbox mode: no provider credentials, so nothing leaves the machine. A send is taken as Twilio
// takes one (sent), and a moment later its delivery report arrives in Twilio's words through the
// same path a real status callback takes: delivered, or, for a text containing "fail", failed as
// a real one fails (error 30003, the handset unreachable), so a demo can show both.
import { randomBytes } from 'node:crypto';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from './channel.js';

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
  /** Reports still to come, each with what ends its wait. */
  readonly #pending = new Map<ReturnType<typeof setTimeout>, () => void>();
  /** Reports still to come or being applied (tests wait for them). */
  readonly #inFlight = new Set<Promise<void>>();

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
    for (const [timer, end] of this.#pending) {
      clearTimeout(timer);
      end();
    }
    this.#pending.clear();
  }

  /** Resolves once every report of the sends made so far has been applied. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  #reportLater(message: OutboundMessage, providerId: string): void {
    const fails = FAILS.test(message.body);
    const params: Record<string, string> = { MessageSid: providerId, MessageStatus: fails ? 'undelivered' : 'delivered', ...(fails ? { ErrorCode: '30003' } : {}) };
    let end!: () => void;
    const waiting = new Promise<void>((resolve) => (end = resolve)).finally(() => this.#inFlight.delete(waiting));
    this.#inFlight.add(waiting);
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      void this.#report!(message, params).finally(end);
    }, this.#deliveryMs);
    timer.unref();
    this.#pending.set(timer, end);
  }
}
