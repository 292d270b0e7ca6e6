// The shapes threads and sends share between the managers and the engine they load on first use.
import type { ConvError } from '../errors.js';
import type { LoadState } from '../store.js';
import type { Message } from '../protocol/models.js';

/** A message as a thread shows it: `pending` while an optimistic send awaits the server. */
export type MessageView = Message & { pending: boolean };

export interface ThreadState {
  status: LoadState;
  error: ConvError | null;
  /** Ascending seq; optimistic sends (not yet numbered) at the end in the order sent. */
  messages: MessageView[];
  hasMoreBefore: boolean;
  loadingOlder: boolean;
}

export interface SendInput {
  conversationId: string;
  body: string;
  channel?: Message['channel'];
  kind?: 'message' | 'note';
  /** User ids a note @mentions. */
  mentions?: string[];
  /** Files uploaded for it (attachments.uploadLink, POST /v1/attachments), in order. */
  attachmentIds?: string[];
  /** Schedule it: an ISO 8601 instant with its offset, at most a year ahead (not for notes). */
  sendAt?: string;
  /** An email's subject (by default "Re:" the contact's last email's). */
  subject?: string;
  /** A WhatsApp template to send (outside the 24-hour window too), with its variables; `body` is then empty. */
  template?: { id: string; variables?: Record<string, string> };
  /**
   * What the pending copy shows until the server's copy replaces it, when that differs from
   * `body`: the text with its merge tags filled in, which the server sends. Not sent.
   */
  preview?: string;
}
