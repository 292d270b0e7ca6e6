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

/** What a Message-ID column holds at most; a longer one is kept as its digest. */
const PROVIDER_ID_MAX = 128;

export interface ReceivedEmail {
  duplicate: boolean;
  message: WireMessage | null;
  events: ServerEvent[];
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): { address: string; name: string } | null {
  for (const group of Array.isArray(field) ? field : field ? [field] : []) {
    for (const entry of group.value) {
      if (entry.address && /^[^\s@]+@[^\s@]+$/.test(entry.address)) return { address: entry.address.toLowerCase(), name: entry.name ?? '' };
    }
  }
  return null;
}

/** The email's Message-ID as stored: as sent, or (none, or too long) a digest that a redelivery repeats. */
function providerIdOf(parsed: ParsedMail, raw: Buffer): string {
  const id = parsed.messageId ? storableLine(parsed.messageId).trim() : '';
  if (id && id.length <= PROVIDER_ID_MAX) return id;
  return `<sha256.${createHash('sha256').update(id || raw).digest('hex')}@convkit>`;
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
  const providerId = providerIdOf(parsed, raw);
  const { body, meta } = bodyOf(parsed);
  const subject = parsed.subject ? cutText(storableLine(parsed.subject).trim(), 500) : null;
  const html = typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null;
  const references = (Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []).map((r) => storableLine(r)).filter((r) => r.length <= PROVIDER_ID_MAX).slice(-20);
  const files = parsed.attachments.filter((file) => file.content.length > 0);

  const { result, events } = await writeTransaction(orm, workspaceId, async (em, batch) => {
    const [seen] = await sqlAll<{ id: string }>(em, "select id from messages where workspace_id = ? and provider = 'email' and provider_id = ?", [workspaceId, providerId]);
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
      provider: 'email',
      providerId,
      meta: { ...meta, from: sender.address, ...(references.length ? { references } : {}) },
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
