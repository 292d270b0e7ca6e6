// Appends one item to a thread: the message with the next seq, the conversation's summary and
// counters, and the message.created event, all inside the caller's transaction.
import type { EntityManager } from '@mikro-orm/sql';
import type { Channel } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import type { EventBatch } from '../events/event-batch.js';
import { channelBit, toMessageDto } from '../dto.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import { MessageSchema, type Message } from './message.entity.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { cutText } from '../../text/storable.js';
import { oneLine } from '../search/snippet.js';
import { callPreview } from '../calls/call-preview.js';

const PREVIEW_LENGTH = 140;

export interface NewThreadItem {
  kind: Message['kind'];
  channel: Channel | null;
  direction: Message['direction'];
  authorType: Message['authorType'];
  authorId?: string | null;
  authorName: string;
  body: string;
  subject?: string | null;
  status: Message['status'];
  clientId?: string | null;
  provider?: string | null;
  providerId?: string | null;
  meta?: Record<string, unknown>;
  /** For seeding history; defaults to now. */
  at?: number;
}

/**
 * The caller holds the conversation's lock (db/locks.ts), or created it in this transaction:
 * the next seq is then simply one past the thread's last.
 */
export function appendToThread(em: EntityManager, events: EventBatch, conversation: Conversation, item: NewThreadItem): Message {
  const seq = conversation.lastSeq + 1;
  const at = item.at ?? Date.now();
  const message = em.create(MessageSchema, { ...messageFields(item, seq, at), workspace: em.getReference(WorkspaceSchema, events.workspaceId), conversation }) as Message;

  summarise(conversation, item, seq, at);
  events.addForConversation('message.created', conversation, (snapshot) => ({ message: toMessageDto(message, conversation.id), conversation: snapshot.conversation }));
  return message;
}

/** A new message's own columns (the unit of work and the inbound SQL path both write them). */
export function messageFields(item: NewThreadItem, seq: number, at: number) {
  return {
    id: newId(),
    seq,
    clientId: item.clientId ?? null,
    kind: item.kind,
    channel: item.channel,
    direction: item.direction,
    authorType: item.authorType,
    authorId: item.authorId ?? null,
    authorName: item.authorName,
    body: item.body,
    subject: item.subject ?? null,
    status: item.status,
    provider: item.provider ?? null,
    providerId: item.providerId ?? null,
    meta: item.meta ?? {},
    createdAt: at,
  };
}

/** The thread's summary and counters after an item with this seq (what the list row shows). */
export function summarise(conversation: ThreadSummary, item: NewThreadItem, seq: number, at: number): void {
  conversation.lastSeq = seq;
  conversation.lastMessagePreview = preview(item);
  conversation.lastMessageChannel = item.channel;
  conversation.lastMessageKind = item.kind;
  conversation.lastMessageDirection = item.direction;
  conversation.lastMessageAt = at;
  conversation.lastActivityAt = Math.max(conversation.lastActivityAt, at);
  if (item.channel) conversation.channelMask = (conversation.channelMask ?? 0) | channelBit(item.channel);
  if (item.direction === 'inbound') {
    conversation.lastInboundSeq = seq;
    conversation.lastInboundChannel = item.channel;
    // A contact writing to an archived thread brings it back to the inbox, unread.
    conversation.status = 'open';
  }
}

export type ThreadSummary = Pick<
  Conversation,
  'lastSeq' | 'lastMessagePreview' | 'lastMessageChannel' | 'lastMessageKind' | 'lastMessageDirection' | 'lastMessageAt' | 'lastActivityAt' | 'channelMask' | 'lastInboundSeq' | 'lastInboundChannel' | 'status'
>;

/**
 * One line for the list row: no bidi controls (a cut could leave an override open and reorder
 * the row), and a cut that never splits an emoji into a lone surrogate, which PostgreSQL's
 * jsonb refuses in the event that carries the preview.
 */
export function preview(item: Pick<NewThreadItem, "kind" | "body" | "subject" | "meta" | "direction">): string {
  if (item.kind === 'call') return callPreview(item.direction, item.meta ?? {});
  // Files alone (a picture with no text) read as their names in the list.
  const files = Array.isArray(item.meta?.attachments) ? (item.meta.attachments as { name: string }[]) : [];
  const body = item.body.trim() || (files.length ? `📎 ${files.map((f) => f.name).join(', ')}` : item.body);
  const text = oneLine(item.subject ? `${item.subject} — ${body}` : body);
  return text.length > PREVIEW_LENGTH ? `${cutText(text, PREVIEW_LENGTH - 1)}…` : text;
}
