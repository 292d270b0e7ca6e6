// Inbound messages from a provider: find or create each one's contact and conversation and
// append the message, all in one transaction. A provider id seen before is a duplicate delivery:
// nothing is stored and nothing is published (webhooks arrive at least once).
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import type { Orm } from '../../db/orm.js';
import { runDirectTransaction } from '../../db/direct-transaction.js';
import { runWrites, type Sql } from '../../db/sql.js';
import { contactName, toConversationDto, toMessageDto } from '../dto.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import { eventsInsert } from '../events/event-batch.js';
import type { Message } from './message.entity.js';
import { messageFields, summarise, type NewThreadItem } from './thread-writer.js';
import { contactsInsert, conversationsInsert, conversationUpdate, findKnown, lockAndReserve, messagesInsert, whatsappUserKey, type ContactRow, type ConversationRow, type MessageRow } from './inbound-rows.js';
import { cutText, storableParams, storableText } from '../../text/storable.js';
import { inboundConsent } from '../consent/ledger.js';
import { pendingAttachments, pendingAttachmentsInsert, type InboundMedia, type PendingAttachmentRow } from '../attachments/inbound-media.js';

export interface InboundMessage {
  workspaceId: string;
  provider: string;
  providerId: string;
  /** A message (the default), or a call's entry: its consent words are not read. */
  kind?: 'message' | 'call';
  channel: Channel;
  /**
   * E.164, or the sender's own id when it is no phone number (a short code, a sender name); empty
   * for a WhatsApp user known only by `whatsappUserId`.
   */
  from: string;
  /** WhatsApp's business-scoped user id, when the provider named one: a new contact keeps it. */
  whatsappUserId?: string;
  /** The name the sender gave their WhatsApp profile: names a contact that has no number to show. */
  profileName?: string;
  body: string;
  meta?: Record<string, unknown>;
  /** The provider's media (MMS pictures): fetched after the commit. */
  media?: InboundMedia[];
}

/**
 * The longest body stored as sent. A provider's message is never refused for its text: a longer
 * one (no real channel sends one) is cut here with a marker the agent sees, and its full length
 * is kept in meta.
 */
export const INBOUND_BODY_MAX = 100_000;

/** Provider text made storable: nothing in it can fail the insert or lose the message. */
function storableInbound(input: InboundMessage): InboundMessage {
  let body = storableText(input.body);
  let meta = storableParams(input.meta ?? {});
  if (body.length > INBOUND_BODY_MAX) {
    const kept = cutText(body, INBOUND_BODY_MAX);
    meta = { ...meta, truncated: { originalLength: body.length } };
    body = `${kept}\n[… message cut: ${body.length - kept.length} more characters were not stored]`;
  }
  return { ...input, body, meta };
}

/** One inbound message's outcome: stored, or a provider id seen before (nothing stored). */
export interface InboundOutcome {
  duplicate: boolean;
}

/**
 * Records inbound messages of one workspace in one transaction (group commit: one lock on the
 * event counter and one commit for the lot), in plain SQL (inbound-rows.ts) on the driver itself
 * (direct-transaction.ts). Returns one outcome per input, in order, and the events to publish
 * after the commit.
 *
 * Locks: the contacts' conversations in id order, then the event counter; the rows written
 * after it are new (contacts, conversations, messages, events) or already locked here.
 */
export async function recordInboundBatch(orm: Orm, workspaceId: string, raw: InboundMessage[]): Promise<{ outcomes: InboundOutcome[]; events: ServerEvent[] }> {
  const inputs = raw.map(storableInbound);
  let events: ServerEvent[] = [];
  const outcomes = await runDirectTransaction(orm, async (sql) => {
    const phones = new Set(inputs.flatMap((input) => (input.from ? [input.from] : [])));
    const whatsappUserIds = new Set(inputs.flatMap((input) => (input.whatsappUserId ? [input.whatsappUserId] : [])));
    const known = await findKnown(sql, workspaceId, inputs, [...phones], [...whatsappUserIds]);
    const outcomes = inputs.map((input) => {
      const key = `${input.provider} ${input.providerId}`;
      const duplicate = known.deliveries.has(key);
      known.deliveries.add(key); // the same delivery twice in one batch is stored once
      return { duplicate };
    });
    const fresh = inputs.filter((_, i) => !outcomes[i]!.duplicate);
    if (fresh.length === 0) return { result: outcomes };
    const appended = await appendInbound(sql, workspaceId, fresh, known.contactsByPhone);
    events = appended.events;
    return { result: outcomes, writing: appended.writing };
  });
  return { outcomes, events };
}

/** The batch's events, and its writes, issued but left for the commit to await (direct-transaction.ts). */
async function appendInbound(sql: Sql, workspaceId: string, fresh: InboundMessage[], contacts: Map<string, ContactRow>): Promise<{ events: ServerEvent[]; writing: Promise<void> }> {
  const now = Date.now();
  // A contact may be known by both its phone and its WhatsApp user id: each once.
  const { candidates, last, labels } = await lockAndReserve(sql, workspaceId, [...new Set(contacts.values())], fresh.length);
  const conversations = chooseConversations(candidates);
  const messages: MessageRow[] = [];
  const attachments: PendingAttachmentRow[] = [];
  const events = fresh.map((input, index) => {
    const key = senderKey(input);
    let contact = contacts.get(key);
    if (!contact) {
      // A user id another contact holds (one with another number) stays that contact's.
      contact = newContact(input, input.whatsappUserId !== undefined && contacts.has(whatsappUserKey(input.whatsappUserId)));
      contacts.set(key, contact);
      if (contact.whatsappUserId) contacts.set(whatsappUserKey(contact.whatsappUserId), contact);
    }
    let conversation = conversations.get(contact.id);
    if (!conversation) {
      // Two first messages from one contact in two transactions both create one: the unique
      // index on a contact's open conversation refuses the second, which runs again and finds
      // the first.
      conversation = newConversation(contact, now);
      conversations.set(contact.id, conversation);
    }
    const item: NewThreadItem = {
      kind: input.kind ?? 'message',
      channel: input.channel,
      direction: 'inbound',
      authorType: 'contact',
      authorId: contact.id,
      authorName: contactName(contact),
      body: input.body,
      status: 'received',
      provider: input.provider,
      providerId: input.providerId,
      meta: input.meta ?? {},
    };
    const seq = last - fresh.length + 1 + index;
    const message: MessageRow = { ...messageFields(item, conversation.lastSeq + 1, now), conversationId: conversation.id, errorCode: null, errorMessage: null };
    if (input.media?.length) {
      const pending = pendingAttachments(message.id, input.media);
      attachments.push(...pending.rows);
      message.meta = item.meta = { ...message.meta, attachments: pending.summaries };
    }
    messages.push(message);
    summarise(conversation, item, message.seq, now);
    conversation.version = seq;
    const data = {
      message: toMessageDto(message as unknown as Message, conversation.id),
      conversation: toConversationDto(conversation as unknown as Conversation, labels.get(conversation.id) ?? []),
    };
    return { event: { seq, type: 'message.created', data, at: new Date(now).toISOString() } as ServerEvent, conversationId: conversation.id };
  });
  const written = [...conversations.values()];
  const touched = new Set(messages.map((m) => m.conversationId));
  // STOP, START, a YES to a pending opt-in, or a text that reads like a revocation: in this
  // transaction, so no such message is stored without its effect on consent.
  const consent = await inboundConsent(
    sql,
    workspaceId,
    fresh.flatMap((input, i) => (input.kind === 'call' ? [] : [{ contactId: contacts.get(senderKey(input))!.id, messageId: messages[i]!.id, channel: input.channel, to: typeof input.meta?.to === 'string' ? input.meta.to : null, body: input.body }])),
    now,
  );
  const writing = runWrites(sql, [
    contactsInsert(workspaceId, [...new Set(contacts.values())].filter((c) => c.isNew), now),
    conversationsInsert(workspaceId, written.filter((c) => c.isNew)),
    ...written.filter((c) => !c.isNew && touched.has(c.id)).map(conversationUpdate),
    messagesInsert(workspaceId, messages),
    pendingAttachmentsInsert(workspaceId, attachments, now),
    consent,
    eventsInsert(workspaceId, events, now),
  ]);
  // Awaited by the commit; marked handled here so a failure is not reported before then.
  writing.catch(() => {});
  return { events: events.map((e) => e.event), writing };
}

/** The batch's key of a sender's contact: the phone, else the WhatsApp user id. */
const senderKey = (input: InboundMessage) => (input.from || !input.whatsappUserId ? input.from : whatsappUserKey(input.whatsappUserId));

/**
 * A sender's new contact, known by its number. A WhatsApp user known only by a user id is named
 * from their profile (a phone contact's name stays for the agent to give: "Create lead").
 */
function newContact(input: InboundMessage, userIdHeld: boolean): ContactRow {
  const named = !input.from && input.profileName ? splitName(input.profileName) : { firstName: '', lastName: '' };
  return { id: newId(), ...named, phone: input.from || null, email: null, group: null, whatsappUserId: userIdHeld ? null : (input.whatsappUserId ?? null), isNew: true };
}

/** "Ana Souza Lima" -> Ana, Souza Lima; cut to the columns' 200 characters. */
function splitName(name: string): { firstName: string; lastName: string } {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return { firstName: cutText(first, 200), lastName: cutText(rest.join(' '), 200) };
}

/** Per contact, the conversation a message joins: the open one, else the most recent archived one (the message reopens it). */
function chooseConversations(candidates: ConversationRow[]): Map<string, ConversationRow> {
  const rank = (c: ConversationRow) => [c.status === 'open' ? 1 : 0, c.lastActivityAt, c.id] as const;
  const chosen = new Map<string, ConversationRow>();
  for (const candidate of candidates) {
    const current = chosen.get(candidate.contact.id);
    if (!current || compare(rank(candidate), rank(current)) > 0) chosen.set(candidate.contact.id, candidate);
  }
  return chosen;
}

function compare(a: readonly [number, number, string], b: readonly [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

function newConversation(contact: ContactRow, now: number): ConversationRow {
  return {
    id: newId(),
    contact,
    status: 'open',
    assignee: null,
    lastMessagePreview: null,
    lastMessageChannel: null,
    lastMessageKind: null,
    lastMessageDirection: null,
    lastMessageAt: null,
    lastActivityAt: now,
    lastInboundChannel: null,
    channelMask: 0,
    lastSeq: 0,
    lastInboundSeq: 0,
    version: 0,
    createdAt: now,
    isNew: true,
  };
}

