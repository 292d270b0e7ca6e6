// The rows an inbound batch reads and writes, in plain SQL: this is the hottest write there is
// (every provider delivery), and the unit of work's bookkeeping cost more than the statements.
// Shapes match the entities', so the DTO functions and the thread summary serve both paths.
// On PostgreSQL a write costs its round trips, so the reads are combined where they can be and
// the writes go as one statement (runWrites in db/sql.ts).
import { parseJson, type Sql, type Write } from '../../db/sql.js';
import { reserveSeqs } from '../events/event-batch.js';
import { labelIdsFor } from '../labels/label-ids.js';
import type { Contact } from '../contacts/contact.entity.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import type { Message } from './message.entity.js';

export interface ContactRow extends Pick<Contact, 'id' | 'firstName' | 'lastName' | 'phone' | 'email' | 'group'> {
  whatsappUserId: string | null;
  isNew: boolean;
}

/** How a batch knows a sender's contact: the phone, or a WhatsApp user id for a user known only by one. */
export const whatsappUserKey = (userId: string) => `wa:${userId}`;

/** A conversation as toConversationDto reads it (contact loaded, assignee as a reference). */
export type ConversationRow = Omit<Conversation, 'contact' | 'assignee' | 'workspace'> & { contact: ContactRow; assignee: { id: string } | null; isNew: boolean };

export type MessageRow = Pick<
  Message,
  'id' | 'seq' | 'clientId' | 'kind' | 'channel' | 'direction' | 'authorType' | 'authorId' | 'authorName' | 'body' | 'subject' | 'status' | 'errorCode' | 'errorMessage' | 'provider' | 'providerId' | 'meta' | 'createdAt'
> & { conversationId: string };

const list = (count: number) => Array.from({ length: count }, () => '?').join(', ');
export const rowsOf = (rows: unknown[][]) => rows.map((row) => `(${list(row.length)})`).join(', ');
const json = (value: unknown) => JSON.stringify(value);

/** What a batch finds before it writes: the deliveries already stored, and the senders' contacts. */
export interface Known {
  /** "provider providerId" of each delivery already stored. */
  deliveries: Set<string>;
  /** By phone, and by whatsappUserKey for the WhatsApp user ids asked for. */
  contactsByPhone: Map<string, ContactRow>;
}

/**
 * The deliveries among these already stored, and the contacts with these phones or WhatsApp user
 * ids: one query (the user ids' clause only when there are any: they are rare).
 */
export async function findKnown(sql: Sql, workspaceId: string, deliveries: { provider: string; providerId: string }[], phones: string[], whatsappUserIds: string[] = []): Promise<Known> {
  const byProvider = new Map<string, string[]>();
  for (const d of deliveries) byProvider.set(d.provider, [...(byProvider.get(d.provider) ?? []), d.providerId]);
  const providers = [...byProvider];
  const senders = [phones.length > 0 ? `phone in (${list(phones.length)})` : '', whatsappUserIds.length > 0 ? `whatsapp_user_id in (${list(whatsappUserIds.length)})` : ''].filter(Boolean);
  const rows = await sql.all<Record<string, unknown>>(
    `select 'delivery' as kind, provider as key, provider_id as id, null as first_name, null as last_name, null as email, null as "group", null as whatsapp_user_id from messages
      where workspace_id = ? and (${providers.map(([, ids]) => `(provider = ? and provider_id in (${list(ids.length)}))`).join(' or ')})
     union all
     select 'contact', phone, id, first_name, last_name, email, "group", whatsapp_user_id from contacts where workspace_id = ? and (${senders.join(' or ') || '1 = 0'})`,
    [workspaceId, ...providers.flatMap(([provider, ids]) => [provider, ...ids]), workspaceId, ...phones, ...whatsappUserIds],
  );
  const known: Known = { deliveries: new Set(), contactsByPhone: new Map() };
  for (const r of rows) {
    if (r.kind === 'delivery') {
      known.deliveries.add(`${r.key} ${r.id}`);
      continue;
    }
    const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
    const contact: ContactRow = {
      id: String(r.id),
      firstName: String(r.first_name),
      lastName: String(r.last_name),
      phone: text(r.key),
      email: text(r.email),
      group: text(r.group),
      whatsappUserId: text(r.whatsapp_user_id),
      isNew: false,
    };
    if (contact.phone) known.contactsByPhone.set(contact.phone, contact);
    if (contact.whatsappUserId) known.contactsByPhone.set(whatsappUserKey(contact.whatsappUserId), contact);
  }
  return known;
}

/**
 * The conversations of these contacts, locked in id order as every writer locks them
 * (db/locks.ts): all of a contact's, since which one a message joins is chosen from them.
 */
async function lockConversationsOfContacts(sql: Sql, workspaceId: string, contacts: ContactRow[]): Promise<ConversationRow[]> {
  if (contacts.length === 0) return [];
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const rows = await sql.all<Record<string, unknown>>(
    // Named columns, never `*`: a prepared statement's result type must survive a migration.
    `select id, contact_id, status, assignee_id, ${SUMMARY_COLUMNS.join(', ')}, created_at from conversations where workspace_id = ? and contact_id in (${list(contacts.length)}) order by id${sql.postgres ? ' for update' : ''}`,
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

/**
 * Locks the contacts' conversations (as lockConversationsOfContacts), then takes `count` event
 * seqs (the event counter's lock, taken last) and reads the label ids of those conversations for
 * the events' payloads. The labels are read by a statement after the lock's, never with it: a
 * locking read that waited for another writer returns the latest version of the rows it locked,
 * but anything else it reads comes from the snapshot taken before the wait, without the labels
 * that writer added. On PostgreSQL the two statements go out together (the connection is
 * pipelined, db/direct-transaction.ts): the labels are found through the contacts, whose
 * conversations the first statement has locked by the time the second starts.
 */
export async function lockAndReserve(sql: Sql, workspaceId: string, contacts: ContactRow[], count: number): Promise<{ candidates: ConversationRow[]; last: number; labels: Map<string, string[]> }> {
  if (!sql.postgres) {
    const candidates = await lockConversationsOfContacts(sql, workspaceId, contacts);
    const last = await reserveSeqs(sql, workspaceId, count);
    return { candidates, last, labels: await labelIdsFor(sql, candidates.map((c) => c.id)) };
  }
  const [candidates, reserved] = await Promise.all([lockConversationsOfContacts(sql, workspaceId, contacts), reserveWithLabelsOfContacts(sql, workspaceId, count, contacts)]);
  return { candidates, ...reserved };
}

async function reserveWithLabelsOfContacts(sql: Sql, workspaceId: string, count: number, contacts: ContactRow[]): Promise<{ last: number; labels: Map<string, string[]> }> {
  if (contacts.length === 0) return { last: await reserveSeqs(sql, workspaceId, count), labels: new Map() };
  const [row] = await sql.all<{ value: unknown; labels: unknown }>(
    `update workspaces set last_event_seq = last_event_seq + ? where id = ?
     returning last_event_seq as value,
       (select coalesce(json_object_agg(conversation_id, ids), '{}') from
         (select conversation_id, json_agg(label_id order by label_id) as ids from conversation_labels
           where conversation_id in (select id from conversations where workspace_id = ? and contact_id in (${list(contacts.length)}))
           group by conversation_id) as labelled) as labels`,
    [count, workspaceId, workspaceId, ...contacts.map((c) => c.id)],
  );
  if (row?.value === undefined) throw new Error(`workspace ${workspaceId} is missing`);
  return { last: Number(row.value), labels: new Map(Object.entries(parseJson<Record<string, string[]>>(row.labels))) };
}

export function contactsInsert(workspaceId: string, contacts: ContactRow[], at: number): Write | null {
  if (contacts.length === 0) return null;
  const rows = contacts.map((c) => [c.id, workspaceId, c.firstName, c.lastName, c.phone, c.email, c.group, json([]), null, c.whatsappUserId, at]);
  return { text: `insert into contacts (id, workspace_id, first_name, last_name, phone, email, "group", tags, external_id, whatsapp_user_id, created_at) values ${rowsOf(rows)}`, params: rows.flat() };
}

export function conversationsInsert(workspaceId: string, conversations: ConversationRow[]): Write | null {
  if (conversations.length === 0) return null;
  const rows = conversations.map((c) => [c.id, workspaceId, c.contact.id, c.status, c.assignee?.id ?? null, ...summaryValues(c), c.createdAt]);
  return { text: `insert into conversations (id, workspace_id, contact_id, status, assignee_id, ${SUMMARY_COLUMNS.join(', ')}, created_at) values ${rowsOf(rows)}`, params: rows.flat() };
}

export function conversationUpdate(conversation: ConversationRow): Write {
  return { text: `update conversations set status = ?, ${SUMMARY_COLUMNS.map((c) => `${c} = ?`).join(', ')} where id = ?`, params: [conversation.status, ...summaryValues(conversation), conversation.id] };
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

export function messagesInsert(workspaceId: string, messages: MessageRow[]): Write | null {
  if (messages.length === 0) return null;
  const rows = messages.map((m) => [
    m.id, workspaceId, m.conversationId, m.seq, m.clientId ?? null, m.kind, m.channel ?? null, m.direction ?? null, m.authorType, m.authorId ?? null,
    m.authorName, m.body, m.subject ?? null, m.status, m.provider ?? null, m.providerId ?? null, json(m.meta ?? {}), m.createdAt,
  ]);
  return {
    text: `insert into messages (id, workspace_id, conversation_id, seq, client_id, kind, channel, direction, author_type, author_id, author_name, body, subject, status, provider, provider_id, meta, created_at) values ${rowsOf(rows)}`,
    params: rows.flat(),
  };
}
