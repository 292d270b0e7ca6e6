import { changedTexts } from '../custom-texts.js';
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { AppError, notFound } from '../../errors.js';
import { writeTransaction } from '../../db/transaction.js';
import { sqlAll } from '../../db/sql.js';
import { lockConversations } from '../../db/locks.js';
import { storableLine } from '../../text/storable.js';
import { ConversationSchema, type Conversation } from '../conversations/conversation.entity.js';
import { toContactDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { ContactSchema, type Contact } from './contact.entity.js';
import { isTimeZone } from '../schedule/quiet-hours.js';

export async function getContact(ctx: CommandContext, params: CommandParams<'contacts.get'>): Promise<CommandResult<'contacts.get'>> {
  const contact = (await ctx.em.findOne(ContactSchema, { id: params.id, workspace: ctx.actor.workspaceId })) as Contact | null;
  if (!contact) throw notFound('contact');
  return toContactDto(contact);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Names a contact, sets its email, do-not-disturb channels, time zone and custom fields. Its conversations' summaries show
 * the contact, so each goes out again with it; the phone number, the contact's key, stays.
 */
export async function updateContact(ctx: CommandContext, params: CommandParams<'contacts.update'>): Promise<CommandResult<'contacts.update'>> {
  const { workspaceId } = ctx.actor;
  if (params.email && !EMAIL.test(params.email)) throw new AppError('invalid_params', 'email: not an email address (name@example.com).', { path: 'email' });
  // An empty time zone is none: quiet hours would otherwise be kept in a zone that does not exist.
  const timezone = params.timezone === undefined ? undefined : params.timezone?.trim() || null;
  if (timezone && !isTimeZone(timezone)) throw new AppError('invalid_params', 'timezone: an IANA time zone, e.g. America/Chicago.', { path: 'timezone' });
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
    const ids = (await sqlAll<{ id: string }>(em, 'select id from conversations where workspace_id = ? and contact_id = ?', [workspaceId, params.id])).map((row) => row.id);
    // Conversations first, as every writer locks them (db/locks.ts).
    await lockConversations(em, workspaceId, ids);
    const contact = (await em.findOne(ContactSchema, { id: params.id, workspace: workspaceId })) as Contact | null;
    if (!contact) throw notFound('contact');
    if (params.firstName !== undefined) contact.firstName = storableLine(params.firstName).trim();
    if (params.lastName !== undefined) contact.lastName = storableLine(params.lastName).trim();
    if (params.email !== undefined) contact.email = params.email === null ? null : params.email.trim().toLowerCase();
    if (params.dnd !== undefined) contact.dnd = params.dnd;
    if (timezone !== undefined) contact.timezone = timezone;
    if (params.custom !== undefined) contact.custom = changedTexts(contact.custom, params.custom, 'custom');
    events.add('contact.updated', () => ({ contact: toContactDto(contact) }));
    for (const conversation of (await em.find(ConversationSchema, { id: { $in: ids } }, { populate: ['contact'] })) as Conversation[]) {
      events.addForConversation('conversation.updated', conversation, ({ conversation }) => ({ conversation }));
    }
    return toContactDto(contact);
  });
  ctx.publish(events);
  return result;
}

/** The phone number is the contact's key: a message from an unknown number creates a contact. */
export function newContact(em: EntityManager, workspaceId: string, phone: string): Contact {
  return em.create(ContactSchema, {
    id: newId(),
    workspace: em.getReference(WorkspaceSchema, workspaceId),
    firstName: '',
    lastName: '',
    phone,
    email: null,
    group: null,
    tags: [],
    externalId: null,
    dnd: [],
    timezone: null,
    custom: {},
    createdAt: Date.now(),
  }) as Contact;
}
