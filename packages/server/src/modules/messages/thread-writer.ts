// Appends one item to a thread: the message with the next seq, the conversation's summary and
// counters, and the message.created event, all inside the caller's transaction.
import type { EntityManager } from '@mikro-orm/sql';
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { bumpCounter } from '../../db/sql.js';
import { appendEvent, nextEventSeq } from '../events/event-log.js';
import { channelBit, toConversationDto, toMessageDto } from '../dto.js';
import { labelIdsFor } from '../labels/labels.service.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import { MessageSchema, type Message } from './message.entity.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { cutText } from '../../text/storable.js';
import { oneLine } from '../search/snippet.js';

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

export async function appendToThread(
  em: EntityManager,
  workspaceId: string,
  conversation: Conversation,
  item: NewThreadItem,
): Promise<{ message: Message; event: ServerEvent }> {
  const seq = await bumpCounter(em, 'conversations', 'last_seq', conversation.id);
  const at = item.at ?? Date.now();
  const message = em.create(MessageSchema, {
    id: newId(),
    workspace: em.getReference(WorkspaceSchema, workspaceId),
    conversation,
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
  });

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
  const eventSeq = await nextEventSeq(em, workspaceId);
  conversation.version = eventSeq;
  const labels = await labelIdsFor(em, [conversation.id]);
  const event = appendEvent(em, workspaceId, eventSeq, 'message.created', {
    message: toMessageDto(message, conversation.id),
    conversation: toConversationDto(conversation, labels.get(conversation.id) ?? []),
  }, conversation.id);
  return { message, event };
}

/**
 * One line for the list row: no bidi controls (a cut could leave an override open and reorder
 * the row), and a cut that never splits an emoji into a lone surrogate, which PostgreSQL's
 * jsonb refuses in the event that carries the preview.
 */
function preview(item: NewThreadItem): string {
  const text = oneLine(item.subject ? `${item.subject} — ${item.body}` : item.body);
  return text.length > PREVIEW_LENGTH ? `${cutText(text, PREVIEW_LENGTH - 1)}…` : text;
}
