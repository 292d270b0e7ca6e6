// An email sent from a thread answers the contact's last email: "Re:" its subject, and its
// Message-ID and References carried on, so the contact's mail client files it in the same thread.
// Without an email from them yet it is a new email, with the subject the agent gave or one
// naming the workspace. The quote of the email it answers is built when it goes
// (channels/email/outbound-email.ts), from `quoteOf`.
import type { EntityManager } from '@mikro-orm/sql';
import { sqlAll } from '../../db/sql.js';
import { cutText, storableLine } from '../../text/storable.js';

export interface EmailReplyMeta {
  inReplyTo: string | null;
  references: string[];
  /** The message this answers (its text and HTML are quoted). */
  quoteOf: string | null;
}

const SUBJECT_MAX = 500;

/** How many Message-IDs References keeps (the oldest first, then the latest ones). */
const REFERENCES_MAX = 20;

const jsonOf = (value: unknown): Record<string, unknown> => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : ((value ?? {}) as Record<string, unknown>));

export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

export async function emailReply(em: EntityManager, conversationId: string, subject: string | undefined, workspaceName: string): Promise<{ subject: string; meta: EmailReplyMeta }> {
  const [last] = await sqlAll<{ id: string; subject: string | null; meta: unknown }>(
    em,
    "select id, subject, meta from messages where conversation_id = ? and channel = 'email' and direction = 'inbound' order by seq desc limit 1",
    [conversationId],
  );
  const meta = last ? jsonOf(last.meta) : {};
  const messageId = typeof meta.messageId === 'string' ? meta.messageId : null;
  const earlier = meta.references;
  const references = [...(Array.isArray(earlier) ? earlier.filter((r): r is string => typeof r === 'string') : []), ...(messageId ? [messageId] : [])];
  const kept = references.length > REFERENCES_MAX ? [references[0]!, ...references.slice(-(REFERENCES_MAX - 1))] : references;
  const given = storableLine(subject ?? '').trim();
  return {
    // The column's 500: "Re: " on a subject that long would not fit.
    subject: cutText(given || (last?.subject?.trim() ? replySubject(last.subject) : `Message from ${workspaceName}`), SUBJECT_MAX),
    meta: { inReplyTo: messageId, references: kept, quoteOf: last?.id ?? null },
  };
}
