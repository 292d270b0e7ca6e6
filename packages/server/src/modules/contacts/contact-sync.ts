// The host's side of contact sync: its backend creates or updates contacts by its own id for
// them (externalId) or by phone, finds a contact's conversation, and starts one. The phone and
// the external id are each unique in a workspace: an upsert that would give one contact another's
// is `conflict`, naming the other; two upserts racing for one new contact make one (the unique
// index decides, and the loser runs again and finds it).
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import type { CommandContext } from '../../commands/context.js';
import { newId } from '../../db/columns.js';
import { isPostgres, sqlAll } from '../../db/sql.js';
import { lockConversations } from '../../db/locks.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError, notFound } from '../../errors.js';
import { storableLine } from '../../text/storable.js';
import { e164 } from '../../channels/twilio/settings-input.js';
import { changedTexts } from '../custom-texts.js';
import { toContactDto } from '../dto.js';
import { isTimeZone } from '../schedule/quiet-hours.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { ConversationSchema, type Conversation } from '../conversations/conversation.entity.js';
import { listItems } from '../conversations/conversations.service.js';
import { ContactSchema, type Contact } from './contact.entity.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const invalid = (path: string, message: string) => new AppError('invalid_params', `${path}: ${message}`, { path });

/** The keys a request names a contact by, checked and in stored form. */
function keysOf(params: { externalId?: string | undefined; phone?: string | undefined }): { externalId: string | null; phone: string | null } {
  const externalId = params.externalId === undefined ? null : storableLine(params.externalId).trim();
  if (externalId === '') throw invalid('externalId', 'an external id needs some text.');
  const phone = params.phone === undefined ? null : e164('phone', params.phone);
  if (externalId === null && phone === null) throw invalid('externalId', "give the contact's externalId, its phone, or both.");
  return { externalId, phone };
}

const describe = (contact: Contact) => `${contact.id}${contact.externalId ? `, external id ${contact.externalId}` : ''}`;

export async function upsertContact(ctx: CommandContext, params: CommandParams<'contacts.upsert'>): Promise<CommandResult<'contacts.upsert'>> {
  const { workspaceId } = ctx.actor;
  const { externalId, phone } = keysOf(params);
  if (params.email && !EMAIL.test(params.email.trim())) throw invalid('email', 'not an email address (name@example.com).');
  // An empty time zone (a CRM's blank field) is none.
  const timezone = params.timezone === undefined ? undefined : params.timezone?.trim() || null;
  if (timezone && !isTimeZone(timezone)) throw invalid('timezone', 'an IANA time zone, e.g. America/Chicago.');
  const tags = params.tags?.map((tag) => storableLine(tag).trim()).filter(Boolean);
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, batch) => {
    const byExternal = externalId ? ((await em.findOne(ContactSchema, { workspace: workspaceId, externalId })) as Contact | null) : null;
    const byPhone = phone ? ((await em.findOne(ContactSchema, { workspace: workspaceId, phone })) as Contact | null) : null;
    if (byExternal && byPhone && byExternal.id !== byPhone.id) throw new AppError('conflict', `phone: ${phone} is another contact's (${describe(byPhone)}).`, { path: 'phone' });
    if (!byExternal && byPhone?.externalId && externalId) throw new AppError('conflict', `phone: ${phone} is the contact with external id ${byPhone.externalId}, not ${externalId}.`, { path: 'phone' });
    let contact = byExternal ?? byPhone;
    const created = contact === null;
    // Conversations first, as every writer locks them (db/locks.ts): their rows show the contact.
    const conversationIds = contact ? (await sqlAll<{ id: string }>(em, 'select id from conversations where workspace_id = ? and contact_id = ?', [workspaceId, contact.id])).map((row) => row.id) : [];
    await lockConversations(em, workspaceId, conversationIds);
    if (contact) {
      // Then the contact itself, read again: a change that committed since the read above is kept.
      if (isPostgres(em)) await sqlAll(em, 'select id from contacts where id = ? for update', [contact.id]);
      contact = (await em.findOne(ContactSchema, { id: contact.id }, { refresh: true })) as Contact;
    }
    contact ??= em.create(ContactSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspaceId), firstName: '', lastName: '', phone, email: null, group: null, tags: [], externalId, dnd: [], timezone: null, custom: {}, createdAt: Date.now() }) as Contact;
    if (externalId) contact.externalId = externalId;
    if (phone) contact.phone = phone;
    if (params.firstName !== undefined) contact.firstName = storableLine(params.firstName).trim();
    if (params.lastName !== undefined) contact.lastName = storableLine(params.lastName).trim();
    if (params.email !== undefined) contact.email = params.email === null ? null : params.email.trim().toLowerCase();
    if (params.group !== undefined) contact.group = params.group === null ? null : storableLine(params.group).trim() || null;
    if (tags !== undefined) contact.tags = [...new Set(tags)];
    if (timezone !== undefined) contact.timezone = timezone;
    if (params.custom !== undefined) contact.custom = changedTexts(contact.custom, params.custom, 'custom');
    const dto = () => toContactDto(contact!);
    batch.add('contact.updated', () => ({ contact: dto() }));
    for (const conversation of (await em.find(ConversationSchema, { id: { $in: conversationIds } }, { populate: ['contact'] })) as Conversation[]) {
      batch.addForConversation('conversation.updated', conversation, ({ conversation }) => ({ conversation }));
    }
    await em.flush();
    return { contact: dto(), created };
  });
  ctx.publish(events);
  return result;
}

async function conversationOf(em: EntityManager, workspaceId: string, contactId: string): Promise<string | null> {
  const [row] = await sqlAll<{ id: string }>(em, 'select id from conversations where workspace_id = ? and contact_id = ? order by last_activity_at desc, id limit 1', [workspaceId, contactId]);
  return row?.id ?? null;
}

export async function findContact(ctx: CommandContext, params: CommandParams<'contacts.find'>): Promise<CommandResult<'contacts.find'>> {
  const { workspaceId } = ctx.actor;
  const { externalId, phone } = keysOf(params);
  const contact =
    (externalId ? ((await ctx.em.findOne(ContactSchema, { workspace: workspaceId, externalId })) as Contact | null) : null) ??
    (phone ? ((await ctx.em.findOne(ContactSchema, { workspace: workspaceId, phone })) as Contact | null) : null);
  return { contact: contact ? toContactDto(contact) : null, conversationId: contact ? await conversationOf(ctx.em, workspaceId, contact.id) : null };
}

export async function startConversation(ctx: CommandContext, params: CommandParams<'conversations.start'>): Promise<CommandResult<'conversations.start'>> {
  const { workspaceId, userId } = ctx.actor;
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, batch) => {
    const contact = (await em.findOne(ContactSchema, { id: params.contactId, workspace: workspaceId })) as Contact | null;
    if (!contact) throw notFound('contact');
    // Two starts for one contact at once make one conversation.
    if (isPostgres(em)) await sqlAll(em, 'select pg_advisory_xact_lock(hashtext(?))', [`conversation-start:${contact.id}`]);
    const existing = await conversationOf(em, workspaceId, contact.id);
    if (existing) return { id: existing, created: false };
    const now = Date.now();
    const conversation = em.create(ConversationSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspaceId), contact, status: 'open', lastActivityAt: now, lastSeq: 0, lastInboundSeq: 0, version: 0, createdAt: now }) as Conversation;
    batch.addForConversation('conversation.updated', conversation, ({ conversation }) => ({ conversation }));
    await em.flush();
    return { id: conversation.id, created: true };
  });
  ctx.publish(events);
  const conversation = (await ctx.em.findOneOrFail(ConversationSchema, { id: result.id }, { populate: ['contact'] })) as Conversation;
  const [item] = await listItems(ctx.em, userId, [conversation]);
  return { item: item!, created: result.created };
}
