// Sends email replies through an SMTP relay with nodemailer. A relay's answer sorts the outcome:
// 5xx is final (the address or the content refused, with the relay's words), 4xx and a relay that
// could not be reached are tried again; a connection lost after the message was handed over is
// in doubt (thrown), as the dispatcher treats any send whose answer never came.
import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from '../channel.js';

export interface EmailAdapterConfig {
  smtpUrl: string;
  /** The address replies come from. */
  from: string;
  /** How long the relay may take at each step (ms). */
  timeoutMs?: number;
}

/** Failures before the relay took the message: nothing was sent. */
const NOT_SENT = new Set(['ECONNECTION', 'EDNS', 'ESOCKET', 'ETLS', 'ECONNREFUSED']);

export class EmailAdapter implements ChannelAdapter {
  readonly provider = 'email';
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(config: EmailAdapterConfig) {
    const timeout = config.timeoutMs ?? 15_000;
    this.#transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 2 });
    this.#from = config.from;
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    const to = message.to.email;
    if (!to) return { ok: false, code: 'no_address', message: 'This contact has no email address.', retryable: false };
    const email = message.email;
    try {
      const info = await this.#transport.sendMail({
        from: { name: email?.fromName ?? '', address: this.#from },
        to,
        subject: message.subject ?? '',
        text: email?.text ?? message.body,
        ...(email?.html ? { html: email.html } : {}),
        ...(email?.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
        ...(email?.references.length ? { references: email.references } : {}),
        attachments: (email?.files ?? []).map((file) => ({ filename: file.name, contentType: file.contentType, href: file.url })),
        // Ties a delivery report or bounce back to this message.
        headers: { 'X-Convkit-Message-Id': message.id },
      });
      const refused = (info.rejected ?? []).length > 0;
      if (refused) return { ok: false, code: 'recipient_refused', message: `The mail server refused ${to}: check the contact's email address.`, retryable: false };
      return { ok: true, providerId: String(info.messageId ?? ''), status: 'sent' };
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      const responseCode = (error as { responseCode?: unknown }).responseCode;
      const response = String((error as { response?: unknown }).response ?? (error as Error).message ?? '').slice(0, 300);
      if (typeof responseCode === 'number' && responseCode >= 500) {
        return { ok: false, code: `smtp_${responseCode}`, message: `The mail server refused this email (${responseCode}): ${response}`, retryable: false };
      }
      if (typeof responseCode === 'number' && responseCode >= 400) {
        return { ok: false, code: `smtp_${responseCode}`, message: `The mail server could not take this email for now (${responseCode}).`, retryable: true };
      }
      if (code === 'EAUTH') return { ok: false, code: 'smtp_auth', message: 'The mail server refused the user and password of CONVKIT_SMTP_URL: an admin must check them, then send it again.', retryable: false };
      if (NOT_SENT.has(code)) return { ok: false, code: 'smtp_unreachable', message: 'The mail server could not be reached.', retryable: true };
      throw new Error(`The mail server's answer did not arrive (${code || response}).`);
    }
  }

  close(): void {
    this.#transport.close();
  }
}
