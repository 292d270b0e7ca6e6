import type { Channel } from '@convkit/sdk/protocol';

export interface OutboundMessage {
  id: string;
  workspaceId: string;
  channel: Channel;
  body: string;
  subject: string | null;
  /** `whatsappUserId` reaches a WhatsApp user whose number is not known (a username user). */
  to: { phone: string | null; email: string | null; whatsappUserId?: string | null };
  from: string | null;
  /** Where the provider reports on this message (Twilio's StatusCallback). */
  statusCallback: string | null;
  /** Links the provider fetches the message's files from (Twilio's MediaUrl), in order. */
  mediaUrls: string[];
  /** A WhatsApp template to send instead of `body` (which holds its text as filled in): its id and variables. */
  template?: { id: string; variables: Record<string, string> } | null;
  /** An email's own parts (channels/email/outbound-email.ts): its sender's name, threading, the quoted email, files. */
  email?: OutboundEmail | null;
}

export interface OutboundEmail {
  /** Shown beside the From address: the workspace's name. */
  fromName: string;
  /** The Message-ID of the email this replies to, and the thread's References, so mail clients keep one thread. */
  inReplyTo: string | null;
  references: string[];
  /** The HTML part: the reply, then the email it answers, sanitized again. */
  html: string;
  /** The text part: the reply, then the email it answers as "> " lines. */
  text: string;
  /** Files sent with it: fetched from these links by the mailer as it builds the email. */
  files: { name: string; contentType: string; url: string }[];
}

export type SendOutcome =
  | { ok: true; providerId: string; status: 'sent' | 'queued' }
  | { ok: false; code: string; message: string; retryable: boolean };

/** One provider behind one interface; the dispatcher knows nothing else about it. */
export interface ChannelAdapter {
  readonly provider: string;
  send(message: OutboundMessage): Promise<SendOutcome>;
  /**
   * Provider ids of messages the provider holds that could be an earlier attempt at `message`
   * (one whose answer never came back), created since `since` (epoch ms), newest first. Asked
   * before a send in doubt goes again; a provider without it gets the send again.
   */
  findEarlierAttempts?(message: OutboundMessage, since: number): Promise<string[]>;
}
