// An inbound email, as its raw MIME message: parsed with mailparser, then stored in one
// transaction: its sender's contact (found by address, in any case, or created named after the
// sender), their thread, the message with its subject and text, its HTML body apart
// (keepEmailHtml), and its files. Webhooks arrive at least once: a Message-ID stored before is a
// duplicate, and nothing is written. Nothing in an email's text can fail the write: it is made
// storable and, past the longest body kept, cut with a visible marker.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { EntityManager } from '@mikro-orm/sql';
import type { Message as WireMessage } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { newId } from '../../db/columns.js';
import { isPostgres, sqlAll } from '../../db/sql.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { cutText, storableLine, storableText } from '../../text/storable.js';
import { ContactSchema, type Contact } from '../../modules/contacts/contact.entity.js';
import { ConversationSchema, type Conversation } from '../../modules/conversations/conversation.entity.js';
import { lockConversation } from '../../modules/conversations/conversations.service.js';
import { WorkspaceSchema } from '../../modules/workspaces/workspace.entity.js';
import { appendToThread } from '../../modules/messages/thread-writer.js';
import { keepEmailHtml } from '../../modules/messages/email-html.js';
import { INBOUND_BODY_MAX } from '../../modules/messages/inbound.js';
import { insertStoredFile } from '../../modules/attachments/stored-file.js';
import { checkedType, providerMediaName } from '../../modules/attachments/media-types.js';
import { contactName, toMessageDto } from '../../modules/dto.js';
import type { ServerEvent } from '@convkit/sdk/protocol';

/** The longest Message-ID kept (to answer it); a longer one is not. */
const PROVIDER_ID_MAX = 128;
/** Inbound email's deliveries, apart from the replies the relay took (provider "email"). */
const INBOUND_PROVIDER = 'email-inbound';

export interface ReceivedEmail {
  duplicate: boolean;
  message: WireMessage | null;
  events: ServerEvent[];
}

/** The longest address a contact keeps (RFC 5321's limit, and the column's). */
const ADDRESS_MAX = 320;

/** The sender's address and name; null when none is an address a reply could go to. */
function firstAddress(field: AddressObject | AddressObject[] | undefined): { address: string; name: string } | null {
  for (const group of Array.isArray(field) ? field : field ? [field] : []) {
    for (const entry of group.value) {
      const address = entry.address ?? '';
      // No control characters (a decoded NUL), no spaces, one @, and short enough to keep whole.
      if (address.length <= ADDRESS_MAX && /^[^\s@\p{Cc}\p{Cs}]+@[^\s@\p{Cc}\p{Cs}]+$/u.test(address)) return { address: address.toLowerCase(), name: storableLine(entry.name ?? '') };
    }
  }
  return null;
}

/** The email's Message-ID, as sent; null when it has none or one too long to keep. */
function messageIdOf(parsed: ParsedMail): string | null {
  const id = parsed.messageId ? storableLine(parsed.messageId).trim() : '';
  return id && id.length <= PROVIDER_ID_MAX ? id : null;
}

/**
 * What tells a redelivery apart: the sender and the Message-ID (some senders, scanners and
 * scripts, give every email the same one), or, without one, the whole email.
 */
function deliveryKey(sender: string, parsed: ParsedMail, raw: Buffer): string {
  return createHash('sha256').update(parsed.messageId ? `${sender}\n${parsed.messageId}` : raw).digest('hex');
}

function bodyOf(parsed: ParsedMail): { body: string; meta: Record<string, unknown> } {
  const text = storableText(parsed.text ?? '').trim();
  if (text.length <= INBOUND_BODY_MAX) return { body: text, meta: {} };
  const kept = cutText(text, INBOUND_BODY_MAX);
  return { body: `${kept}\n[… message cut: ${text.length - kept.length} more characters were not stored]`, meta: { truncated: { originalLength: text.length } } };
}

const splitName = (name: string): { firstName: string; lastName: string } => {
  const parts = storableLine(name).trim().split(/\s+/).filter(Boolean);
  return { firstName: (parts[0] ?? '').slice(0, 200), lastName: parts.slice(1).join(' ').slice(0, 200) };
};

/** The contact with this address, or a new one; two first emails from one new address make one contact. */
async function contactFor(em: EntityManager, workspaceId: string, sender: { address: string; name: string }): Promise<Contact> {
  if (isPostgres(em)) await sqlAll(em, 'select pg_advisory_xact_lock(hashtext(?))', [`email-contact:${workspaceId}:${sender.address}`]);
  const [found] = await sqlAll<{ id: string }>(em, 'select id from contacts where workspace_id = ? and lower(email) = ? order by created_at, id limit 1', [workspaceId, sender.address]);
  if (found) return (await em.findOneOrFail(ContactSchema, { id: found.id })) as Contact;
  return em.create(ContactSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspaceId), ...splitName(sender.name), phone: null, email: sender.address, group: null, tags: [], externalId: null, createdAt: Date.now() }) as Contact;
}

async function conversationOf(em: EntityManager, workspaceId: string, contact: Contact): Promise<Conversation> {
  const [found] = await sqlAll<{ id: string }>(em, 'select id from conversations where workspace_id = ? and contact_id = ? order by last_activity_at desc, id limit 1', [workspaceId, contact.id]);
  if (found) return lockConversation(em, workspaceId, found.id);
  const now = Date.now();
  return em.create(ConversationSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspaceId), contact, status: 'open', lastActivityAt: now, lastSeq: 0, lastInboundSeq: 0, version: 0, createdAt: now }) as Conversation;
}

export async function receiveEmail(orm: Orm, workspaceId: string, raw: Buffer): Promise<ReceivedEmail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const sender = firstAddress(parsed.from);
  if (!sender) throw new AppError('invalid_params', 'This email has no sender address (From) to file it under: nothing was stored.', { path: 'from' });
  const providerId = deliveryKey(sender.address, parsed, raw);
  const messageId = messageIdOf(parsed);
  const { body, meta } = bodyOf(parsed);
  const subject = parsed.subject ? cutText(storableLine(parsed.subject).trim(), 500) : null;
  const html = typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null;
  const references = (Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []).map((r) => storableLine(r)).filter((r) => r.length <= PROVIDER_ID_MAX).slice(-20);
  const files = parsed.attachments.filter((file) => file.content.length > 0);

  const { result, events } = await writeTransaction(orm, workspaceId, async (em, batch) => {
    const [seen] = await sqlAll<{ id: string }>(em, 'select id from messages where workspace_id = ? and provider = ? and provider_id = ?', [workspaceId, INBOUND_PROVIDER, providerId]);
    if (seen) return null;
    const contact = await contactFor(em, workspaceId, sender);
    const conversation = await conversationOf(em, workspaceId, contact);
    const message = appendToThread(em, batch, conversation, {
      kind: 'message',
      channel: 'email',
      direction: 'inbound',
      authorType: 'contact',
      authorId: contact.id,
      authorName: cutText(storableLine(sender.name).trim() || contactName(contact) || sender.address, 200),
      body,
      subject,
      status: 'received',
      provider: INBOUND_PROVIDER,
      providerId,
      meta: { ...meta, from: sender.address, ...(messageId ? { messageId } : {}), ...(references.length ? { references } : {}) },
    });
    await em.flush();
    const summaries = [];
    for (const [position, file] of files.entries()) {
      const contentType = checkedType(file.contentType, file.content);
      const name = file.filename ? cutText(storableLine(file.filename).trim(), 255) : providerMediaName(contentType, position);
      summaries.push(await insertStoredFile(em, { workspaceId, messageId: message.id, position, name: name || providerMediaName(contentType, position), contentType, bytes: file.content }));
    }
    if (summaries.length) message.meta = { ...message.meta, attachments: summaries };
    if (html) await keepEmailHtml(em, message, html);
    return message;
  });
  return { duplicate: result === null, message: result ? toMessageDto(result, (result.conversation as unknown as { id: string }).id) : null, events };
}
