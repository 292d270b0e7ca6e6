// Sends SMS, MMS and WhatsApp messages through Twilio's Messaging API with the official SDK.
// Each refusal is sorted by what the dispatcher should do with it: Twilio's 429 and 5xx (nothing
// was accepted) are retryable; its 4xx errors are final, with a reason an agent can act on; an
// error after the request may have reached Twilio (a timeout) is thrown as ambiguous. The
// dispatcher leaves such a send claimed and, when the lease runs out, asks Twilio whether it
// has the message (findEarlierAttempts) before it sends it again.
import type twilio from 'twilio';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from '../channel.js';
import { twilioRefusal } from './errors.js';
import { twilioClient, type TwilioCredentials } from './client.js';

export interface TwilioSenderConfig extends TwilioCredentials {
  /** The number SMS and MMS go from, unless a Messaging Service picks it. */
  from?: string;
  /** A Messaging Service (MG…) that picks the sender, and RCS with SMS fallback when it has one. */
  messagingServiceSid?: string;
  /** The WhatsApp sender's number. */
  whatsappFrom?: string;
  /** CONVKIT_TWILIO_API_URL: a stand-in for Twilio's API. */
  apiUrl?: string | null;
  /** The SDK's HTTP client: tests give one that talks to a loopback server. */
  httpClient?: twilio.RequestClient;
  /** How long one request may take (ms). */
  timeoutMs?: number;
}

/**
 * The HTTP library's own error carries the request, its Authorization header (the account's
 * secret) included: only its code and message go on, so a log never holds a credential.
 */
export class TwilioInDoubtError extends Error {
  override name = 'TwilioInDoubtError';
  readonly code: string | undefined;
  constructor(code: string | undefined, message: string) {
    super(message);
    this.code = code;
  }
}

function inDoubt(error: unknown): TwilioInDoubtError {
  const code = (error as { code?: unknown }).code;
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  return new TwilioInDoubtError(typeof code === 'string' ? code : undefined, `Twilio's answer did not arrive (${typeof status === 'number' ? `HTTP ${status}` : (typeof code === 'string' ? code : message).slice(0, 200)}).`);
}

/** How many of the contact's latest messages reconciliation looks through. */
const RECONCILE_LOOKBACK = 50;

/** Network failures that happen before a request leaves this machine: nothing reached Twilio. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export class TwilioAdapter implements ChannelAdapter {
  readonly provider = 'twilio';
  readonly #client: twilio.Twilio;
  readonly #config: TwilioSenderConfig;

  constructor(config: TwilioSenderConfig) {
    this.#config = config;
    this.#client = twilioClient(config, config);
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    const addressing = this.#addressing(message);
    if ('ok' in addressing) return addressing;
    const { to, sender } = addressing;
    try {
      // A WhatsApp template goes by its Content SID and variables: WhatsApp refuses free text then.
      const content = message.template && message.channel === 'whatsapp' ? { contentSid: message.template.id, contentVariables: JSON.stringify(message.template.variables) } : { body: message.body };
      const created = await this.#client.messages.create({
        to,
        ...content,
        ...sender,
        ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        ...(message.mediaUrls.length ? { mediaUrl: message.mediaUrls } : {}),
      });
      return { ok: true, providerId: created.sid, status: 'queued' };
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number') return twilioRefusal(status, (error as { code?: number }).code, (error as Error).message, (error as { moreInfo?: string }).moreInfo);
      if (NOT_SENT.has((error as { code?: string }).code ?? '')) {
        return { ok: false, code: 'twilio_unreachable', message: 'Twilio could not be reached.', retryable: true };
      }
      throw inDoubt(error);
    }
  }

  /**
   * Twilio's messages that could be an earlier attempt at `message`, newest first: sent to the
   * contact from this workspace's sender since `since`, with the same text. Throws when Twilio
   * cannot be asked (the send then stays in doubt).
   */
  async findEarlierAttempts(message: OutboundMessage, since: number): Promise<string[]> {
    const addressing = this.#addressing(message);
    if ('ok' in addressing) return [];
    const { to, sender } = addressing;
    let recent;
    try {
      recent = await this.#client.messages.list({ to, ...('from' in sender ? { from: sender.from } : {}), limit: RECONCILE_LOOKBACK });
    } catch (error) {
      throw inDoubt(error);
    }
    return recent.filter((m) => m.body === message.body && m.dateCreated.getTime() >= since).map((m) => m.sid);
  }

  /** Who the message goes to and from, or why it cannot go. */
  #addressing(message: OutboundMessage): { to: string; sender: { from: string } | { messagingServiceSid: string } } | Exclude<SendOutcome, { ok: true }> {
    const whatsapp = message.channel === 'whatsapp';
    // WhatsApp reaches a user known only by their user id at that id ("whatsapp:US.1349…").
    const phone = message.to.phone ?? (whatsapp ? message.to.whatsappUserId : null);
    if (!phone) return { ok: false, code: 'no_address', message: 'This contact has no phone number.', retryable: false };
    const from = message.from ?? this.#config.from;
    if (whatsapp ? !this.#config.whatsappFrom : !this.#config.messagingServiceSid && !from) {
      const what = whatsapp ? 'No WhatsApp sender' : 'No sending number or Messaging Service';
      return { ok: false, code: 'no_sender', message: `${what} is set for this workspace: an admin must set one in its Twilio settings.`, retryable: false };
    }
    const to = whatsapp ? `whatsapp:${phone}` : phone;
    if (whatsapp) return { to, sender: { from: `whatsapp:${this.#config.whatsappFrom}` } };
    return { to, sender: this.#config.messagingServiceSid ? { messagingServiceSid: this.#config.messagingServiceSid } : { from: from! } };
  }
}
