// The rows an inbound batch reads and writes, in plain SQL: this is the hottest write there is
// (every provider delivery), and the unit of work's bookkeeping cost more than the statements.
// Shapes match the entities', so the DTO functions and the thread summary serve both paths.
import type { EntityManager } from '@mikro-orm/sql';
import { isPostgres } from '../../db/locks.js';
import { sqlAll } from '../../db/sql.js';
import type { Contact } from '../contacts/contact.entity.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import type { Message } from './message.entity.js';

export interface ContactRow extends Pick<Contact, 'id' | 'firstName' | 'lastName' | 'phone' | 'email' | 'group'> {
  isNew: boolean;
}

/** A conversation as toConversationDto reads it (contact loaded, assignee as a reference). */
export type ConversationRow = Omit<Conversation, 'contact' | 'assignee' | 'workspace'> & { contact: ContactRow; assignee: { id: string } | null; isNew: boolean };

export type MessageRow = Pick<
  Message,
  'id' | 'seq' | 'clientId' | 'kind' | 'channel' | 'direction' | 'authorType' | 'authorId' | 'authorName' | 'body' | 'subject' | 'status' | 'errorCode' | 'errorMessage' | 'provider' | 'providerId' | 'meta' | 'createdAt'
> & { conversationId: string };

const list = (count: number) => Array.from({ length: count }, () => '?').join(', ');
const rowsOf = (rows: unknown[][]) => rows.map((row) => `(${list(row.length)})`).join(', ');
const json = (value: unknown) => JSON.stringify(value);

/** "provider providerId" of the deliveries already stored. */
export async function storedDeliveries(em: EntityManager, workspaceId: string, provider: string, providerIds: string[]): Promise<Set<string>> {
  const rows = await sqlAll<{ provider_id: string }>(em, `select provider_id from messages where workspace_id = ? and provider = ? and provider_id in (${list(providerIds.length)})`, [workspaceId, provider, ...providerIds]);
  return new Set(rows.map((row) => `${provider} ${row.provider_id}`));
}

export async function contactsByPhone(em: EntityManager, workspaceId: string, phones: string[]): Promise<Map<string, ContactRow>> {
  const rows = await sqlAll<Record<string, unknown>>(em, `select id, first_name, last_name, phone, email, "group" from contacts where workspace_id = ? and phone in (${list(phones.length)})`, [workspaceId, ...phones]);
  return new Map(
    rows.map((r) => [String(r.phone), { id: String(r.id), firstName: String(r.first_name), lastName: String(r.last_name), phone: String(r.phone), email: (r.email as string | null) ?? null, group: (r.group as string | null) ?? null, isNew: false }]),
  );
}

/**
 * The conversations of these contacts, locked in id order as every writer locks them
 * (db/locks.ts): all of a contact's, since which one a message joins is chosen from them.
 */
export async function lockConversationsOfContacts(em: EntityManager, workspaceId: string, contacts: ContactRow[]): Promise<ConversationRow[]> {
  if (contacts.length === 0) return [];
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const rows = await sqlAll<Record<string, unknown>>(
    em,
    `select * from conversations where workspace_id = ? and contact_id in (${list(contacts.length)}) order by id${isPostgres(em) ? ' for update' : ''}`,
    [workspaceId, ...byId.keys()],
  );
  const n = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return rows.map((r) => ({
    id: String(r.id),
    contact: byId.get(String(r.contact_id))!,
    status: r.status as Conversation['status'],
    assignee: r.assignee_id ? { id: String(r.assignee_id) } : null,
    lastMessagePreview: (r.last_message_preview as string | null) ?? null,
    lastMessageChannel: (r.last_message_channel as string | null) ?? null,
    lastMessageKind: (r.last_message_kind as Conversation['lastMessageKind']) ?? null,
    lastMessageDirection: (r.last_message_direction as Conversation['lastMessageDirection']) ?? null,
    lastMessageAt: n(r.last_message_at),
    lastActivityAt: Number(r.last_activity_at),
    lastInboundChannel: (r.last_inbound_channel as string | null) ?? null,
    channelMask: Number(r.channel_mask ?? 0),
    lastSeq: Number(r.last_seq),
    lastInboundSeq: Number(r.last_inbound_seq),
    version: Number(r.version),
    createdAt: Number(r.created_at),
    isNew: false,
  }));
}

export async function insertContacts(em: EntityManager, workspaceId: string, contacts: ContactRow[], at: number): Promise<void> {
  if (contacts.length === 0) return;
  const rows = contacts.map((c) => [c.id, workspaceId, c.firstName, c.lastName, c.phone, c.email, c.group, json([]), null, at]);
  await sqlAll(em, `insert into contacts (id, workspace_id, first_name, last_name, phone, email, "group", tags, external_id, created_at) values ${rowsOf(rows)}`, rows.flat());
}

export async function insertConversations(em: EntityManager, workspaceId: string, conversations: ConversationRow[]): Promise<void> {
  if (conversations.length === 0) return;
  const rows = conversations.map((c) => [c.id, workspaceId, c.contact.id, c.status, c.assignee?.id ?? null, ...summaryValues(c), c.createdAt]);
  await sqlAll(
    em,
    `insert into conversations (id, workspace_id, contact_id, status, assignee_id, ${SUMMARY_COLUMNS.join(', ')}, created_at) values ${rowsOf(rows)}`,
    rows.flat(),
  );
}

export async function updateConversation(em: EntityManager, conversation: ConversationRow): Promise<void> {
  await sqlAll(em, `update conversations set status = ?, ${SUMMARY_COLUMNS.map((c) => `${c} = ?`).join(', ')} where id = ?`, [conversation.status, ...summaryValues(conversation), conversation.id]);
}

const SUMMARY_COLUMNS = [
  'last_message_preview',
  'last_message_channel',
  'last_message_kind',
  'last_message_direction',
  'last_message_at',
  'last_activity_at',
  'last_inbound_channel',
  'channel_mask',
  'last_seq',
  'last_inbound_seq',
  'version',
];

function summaryValues(c: ConversationRow): unknown[] {
  return [c.lastMessagePreview, c.lastMessageChannel, c.lastMessageKind, c.lastMessageDirection, c.lastMessageAt, c.lastActivityAt, c.lastInboundChannel, c.channelMask, c.lastSeq, c.lastInboundSeq, c.version];
}

export async function insertMessages(em: EntityManager, workspaceId: string, messages: MessageRow[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => [
    m.id, workspaceId, m.conversationId, m.seq, m.clientId ?? null, m.kind, m.channel ?? null, m.direction ?? null, m.authorType, m.authorId ?? null,
    m.authorName, m.body, m.subject ?? null, m.status, m.provider ?? null, m.providerId ?? null, json(m.meta ?? {}), m.createdAt,
  ]);
  await sqlAll(
    em,
    `insert into messages (id, workspace_id, conversation_id, seq, client_id, kind, channel, direction, author_type, author_id, author_name, body, subject, status, provider, provider_id, meta, created_at) values ${rowsOf(rows)}`,
    rows.flat(),
  );
}
