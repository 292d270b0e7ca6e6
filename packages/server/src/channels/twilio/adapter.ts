// Sends SMS, MMS and WhatsApp messages through Twilio's Messaging API with the official SDK.
// Each refusal is sorted by what the dispatcher should do with it: Twilio's 429 and 5xx (nothing
// was accepted) are retryable; its 4xx errors are final, with a reason an agent can act on; an
// error after the request may have reached Twilio (a timeout) is thrown as ambiguous. The
// dispatcher leaves such a send claimed, tries it again when the lease runs out, and fails it as
// unconfirmed after its last attempt; asking Twilio first (reconciliation) is still to come.
import twilio from 'twilio';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from '../channel.js';
import { twilioRefusal } from './errors.js';

export interface TwilioSenderConfig {
  accountSid: string;
  /** The account's auth token, or an API key's secret (with `apiKeySid`). */
  secret: string;
  apiKeySid?: string;
  /** The number SMS and MMS go from, unless a Messaging Service picks it. */
  from?: string;
  /** A Messaging Service (MG…) that picks the sender, and RCS with SMS fallback when it has one. */
  messagingServiceSid?: string;
  /** The WhatsApp sender's number. */
  whatsappFrom?: string;
  /** The URL Twilio posts this message's status to. */
  statusCallback?: (messageId: string) => string;
  /** The SDK's HTTP client: tests give one that talks to a loopback server. */
  httpClient?: twilio.RequestClient;
  /** How long one request may take (ms). */
  timeoutMs?: number;
}

/** Network failures that happen before a request leaves this machine: nothing reached Twilio. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export class TwilioAdapter implements ChannelAdapter {
  readonly provider = 'twilio';
  readonly #client: twilio.Twilio;
  readonly #config: TwilioSenderConfig;

  constructor(config: TwilioSenderConfig) {
    this.#config = config;
    const [username, password] = config.apiKeySid ? [config.apiKeySid, config.secret] : [config.accountSid, config.secret];
    this.#client = twilio(username, password, { accountSid: config.accountSid, httpClient: config.httpClient, timeout: config.timeoutMs ?? 15_000 });
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    const phone = message.to.phone;
    if (!phone) return { ok: false, code: 'no_address', message: 'This contact has no phone number.', retryable: false };
    const whatsapp = message.channel === 'whatsapp';
    const from = message.from ?? this.#config.from;
    if (whatsapp ? !this.#config.whatsappFrom : !this.#config.messagingServiceSid && !from) {
      const what = whatsapp ? 'No WhatsApp sender' : 'No sending number or Messaging Service';
      return { ok: false, code: 'no_sender', message: `${what} is set for this workspace: an admin must set one in its Twilio settings.`, retryable: false };
    }
    const to = whatsapp ? `whatsapp:${phone}` : phone;
    const sender = whatsapp
      ? { from: `whatsapp:${this.#config.whatsappFrom}` }
      : this.#config.messagingServiceSid
        ? { messagingServiceSid: this.#config.messagingServiceSid }
        : { from: from! };
    try {
      const created = await this.#client.messages.create({
        to,
        body: message.body,
        ...sender,
        ...(this.#config.statusCallback ? { statusCallback: this.#config.statusCallback(message.id) } : {}),
      });
      return { ok: true, providerId: created.sid, status: 'queued' };
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number') return twilioRefusal(status, (error as { code?: number }).code, (error as Error).message, (error as { moreInfo?: string }).moreInfo);
      if (NOT_SENT.has((error as { code?: string }).code ?? '')) {
        return { ok: false, code: 'twilio_unreachable', message: 'Twilio could not be reached.', retryable: true };
      }
      throw error;
    }
  }
}
