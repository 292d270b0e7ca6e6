// Sends email replies through an SMTP relay with nodemailer. A relay's answer sorts the outcome:
// refused credentials and 5xx are final (with the relay's words), 4xx and a relay that could not
// be reached (or did not greet) are tried again. A connection lost or silent once the session was
// under way is in doubt (thrown): the relay may have taken the email. Sent again then, it carries
// the same Message-ID (the message's own id), so the contact's mail client shows it once.
import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from '../channel.js';

export interface EmailAdapterConfig {
  smtpUrl: string;
  /** The address replies come from. */
  from: string;
  /** How long the relay may take at each step (ms). */
  timeoutMs?: number;
}

/** Failures before a session began: nothing was sent. */
const NOT_SENT = new Set(['ECONNECTION', 'EDNS', 'ETLS', 'ECONNREFUSED']);
/** Timeouts before a session began (nodemailer's timeoutType); a socket timeout later is in doubt. */
const NOT_SENT_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

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
        // The same on every attempt: a resend after an answer that never came is one email to mail clients.
        messageId: `<${message.id}@${this.#from.split('@')[1]}>`,
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
      if (code === 'EAUTH') return { ok: false, code: 'smtp_auth', message: 'The mail server refused the user and password of CONVKIT_SMTP_URL: an admin must check them, then send it again.', retryable: false };
      if (typeof responseCode === 'number' && responseCode >= 500) {
        return { ok: false, code: `smtp_${responseCode}`, message: `The mail server refused this email (${responseCode}): ${response}`, retryable: false };
      }
      if (typeof responseCode === 'number' && responseCode >= 400) {
        return { ok: false, code: `smtp_${responseCode}`, message: `The mail server could not take this email for now (${responseCode}).`, retryable: true };
      }
      if (NOT_SENT.has(code) || (code === 'ETIMEDOUT' && NOT_SENT_TIMEOUTS.has(String((error as { timeoutType?: unknown }).timeoutType)))) return { ok: false, code: 'smtp_unreachable', message: 'The mail server could not be reached.', retryable: true };
      throw new Error(`The mail server's answer did not arrive (${code || response}).`);
    }
  }

  close(): void {
    this.#transport.close();
  }
}
