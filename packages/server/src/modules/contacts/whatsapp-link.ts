// A WhatsApp user known by a business-scoped user id (BSUID) and, in another message, by a phone
// number is one contact. When a message names both, the contact of one learns the other; when
// each already had a contact of its own, the user id's merges into the phone's (the number stays
// the key: "Create lead" and the host know the contact by it), threads included.
import { announceCards } from './contact-cards.js';
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { writeTransaction } from '../../db/transaction.js';
import { isPostgres, sqlAll } from '../../db/sql.js';
import { toContactDto } from '../dto.js';
import type { EventBatch } from '../events/event-batch.js';
import { ConversationSchema, type Conversation } from '../conversations/conversation.entity.js';
import { mergeThreads } from '../conversations/thread-merge.js';
import { ContactSchema, type Contact } from './contact.entity.js';

/** Pairs seen linked, so that a user writing again costs no transaction ("workspace phone userId"). */
const linked = new Set<string>();
const LINKED_KEPT = 10_000;

/**
 * Makes sure the workspace knows `phone` and `userId` as one contact. Returns the events to
 * publish (none when they already were, or when neither has a contact yet: the message's own write
 * then creates one that has both).
 */
export async function linkWhatsAppUser(orm: Orm, workspaceId: string, phone: string, userId: string): Promise<ServerEvent[]> {
  const key = `${workspaceId} ${phone} ${userId}`;
  if (linked.has(key)) return [];
  const { result, events } = await writeTransaction(orm, workspaceId, (em, batch) => link(em, batch, phone, userId));
  if (result) {
    if (linked.size >= LINKED_KEPT) linked.clear();
    linked.add(key);
  }
  return events;
}

/** True when the two are one contact once this commits. */
async function link(em: EntityManager, events: EventBatch, phone: string, userId: string): Promise<boolean> {
  const { workspaceId } = events;
  const contactIds = (await sqlAll<{ id: string }>(em, 'select id from contacts where workspace_id = ? and (phone = ? or whatsapp_user_id = ?)', [workspaceId, phone, userId])).map((r) => r.id);
  if (contactIds.length === 0) return false;
  // Every writer's order (db/locks.ts): the conversations (found and locked in one statement, as
  // the inbound writer locks them), then their contacts.
  const marks = contactIds.map(() => '?').join(', ');
  await sqlAll(em, `select id from conversations where workspace_id = ? and contact_id in (${marks}) order by id${isPostgres(em) ? ' for update' : ''}`, [workspaceId, ...contactIds]);
  if (isPostgres(em)) await sqlAll(em, `select id from contacts where id in (${contactIds.map(() => '?').join(', ')}) order by id for update`, contactIds);
  const contacts = (await em.find(ContactSchema, { workspace: workspaceId, $or: [{ phone }, { whatsappUserId: userId }] })) as Contact[];
  const byPhone = contacts.find((c) => c.phone === phone);
  const byUserId = contacts.find((c) => c.whatsappUserId === userId);
  if (byPhone && byPhone === byUserId) return true;
  if (byPhone && !byUserId) {
    // The number's contact learns its id (or a new one: Meta gives a number that changed hands a new id).
    byPhone.whatsappUserId = userId;
    await announce(em, events, byPhone);
    return true;
  }
  // The id's contact has another number, or the number's another id (an agent's edit, a number
  // given to someone else): two people, as far as can be told. Left apart for an agent, never guessed.
  if (byUserId?.phone || (byPhone?.whatsappUserId && byPhone.whatsappUserId !== userId)) return false;
  if (byUserId && !byPhone) {
    byUserId.phone = phone;
    await announce(em, events, byUserId);
    return true;
  }
  await mergeContact(em, events, byUserId!, byPhone!);
  return true;
}

/** `source`'s threads, consent records and what `target` lacks of its details go to `target`; `source` is deleted. */
async function mergeContact(em: EntityManager, events: EventBatch, source: Contact, target: Contact): Promise<void> {
  const conversations = (await em.find(ConversationSchema, { contact: { $in: [source.id, target.id] } }, { populate: ['contact'] })) as Conversation[];
  const ofSource = conversations.filter((c) => (c.contact as unknown as Contact).id === source.id);
  const ofTarget = conversations.filter((c) => (c.contact as unknown as Contact).id === target.id);
  // The conversation a new message would join (inbound.ts chooses the same way).
  const rank = (c: Conversation) => (c.status === 'open' ? 1 : 0) * 1e15 + c.lastActivityAt;
  let into = ofTarget.sort((a, b) => rank(b) - rank(a))[0];
  for (const conversation of ofSource) {
    if (into) {
      await mergeThreads(em, events, conversation, into);
      continue;
    }
    conversation.contact = target as never;
    into = conversation;
  }
  if (!target.firstName && !target.lastName) Object.assign(target, { firstName: source.firstName, lastName: source.lastName });
  target.email ??= source.email;
  target.timezone ??= source.timezone;
  target.tags = [...new Set([...(target.tags ?? []), ...(source.tags ?? [])])];
  target.dnd = [...new Set([...(target.dnd ?? []), ...(source.dnd ?? [])])];
  await sqlAll(em, 'update consent_events set contact_id = ? where workspace_id = ? and contact_id = ?', [target.id, events.workspaceId, source.id]);
  // The host's cards about the source move too (the target's own win where both have a key).
  await sqlAll(em, 'update contact_cards set contact_id = ? where contact_id = ? and card_key not in (select card_key from contact_cards where contact_id = ?)', [target.id, source.id, target.id]);
  // The contact's own messages name the contact that stays.
  await sqlAll(
    em,
    "update messages set author_id = ? where author_type = 'contact' and author_id = ? and conversation_id in (select id from conversations where workspace_id = ? and contact_id in (?, ?))",
    [target.id, source.id, events.workspaceId, source.id, target.id],
  );
  // The user id moves with its unique key: off the source before it is the target's.
  const userId = source.whatsappUserId;
  await sqlAll(em, 'update contacts set whatsapp_user_id = null, external_id = null where id = ?', [source.id]);
  target.externalId ??= source.externalId;
  target.whatsappUserId = userId;
  em.remove(source);
  await announce(em, events, target);
  await announceCards(em, events, target.id);
}

/** The contact's new details, and each of its conversations' (their summaries show the contact). */
async function announce(em: EntityManager, events: EventBatch, contact: Contact): Promise<void> {
  events.add('contact.updated', () => ({ contact: toContactDto(contact) }));
  for (const conversation of (await em.find(ConversationSchema, { contact: contact.id }, { populate: ['contact'] })) as Conversation[]) {
    events.addForConversation('conversation.updated', conversation, ({ conversation: dto }) => ({ conversation: dto }));
  }
}
