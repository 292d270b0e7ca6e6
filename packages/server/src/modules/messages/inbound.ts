// An inbound message from a provider: find or create the contact and the conversation, append
// the message, all in one transaction. A provider id seen before is a duplicate delivery:
// nothing is stored and nothing is published (webhooks arrive at least once).
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import type { Orm } from '../../db/orm.js';
import { writeTransaction } from '../../db/transaction.js';
import { findOrCreateContactByPhone } from '../contacts/contacts.service.js';
import { contactName } from '../dto.js';
import { ConversationSchema, type Conversation } from '../conversations/conversation.entity.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { MessageSchema } from './message.entity.js';
import { appendToThread } from './thread-writer.js';
import { lockContactConversation } from '../../db/locks.js';
import { cutText, storableParams, storableText } from '../../text/storable.js';

export interface InboundMessage {
  workspaceId: string;
  provider: string;
  providerId: string;
  channel: Channel;
  /** E.164, or the sender's own id when it is no phone number (a short code, a sender name). */
  from: string;
  body: string;
  meta?: Record<string, unknown>;
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

export async function recordInbound(orm: Orm, raw: InboundMessage): Promise<{ duplicate: boolean; events: ServerEvent[] }> {
  const input = storableInbound(raw);
  const { result, events } = await writeTransaction(orm, input.workspaceId, async (em, events) => {
    const seen = await em.count(MessageSchema, { workspace: input.workspaceId, provider: input.provider, providerId: input.providerId });
    if (seen > 0) return { duplicate: true };
    const contact = await findOrCreateContactByPhone(em, input.workspaceId, input.from);
    const now = Date.now();
    // Two first messages from one contact both find nothing and both create: the unique index on
    // a contact's open conversation refuses the second, which runs again and finds the first.
    const existingId = await lockContactConversation(em, input.workspaceId, contact.id);
    const conversation = existingId
      ? ((await em.findOne(ConversationSchema, { id: existingId }, { populate: ['contact'] })) as Conversation)
      : (em.create(ConversationSchema, {
          id: newId(),
          workspace: em.getReference(WorkspaceSchema, input.workspaceId),
          contact,
          status: 'open',
          lastActivityAt: now,
          lastSeq: 0,
          lastInboundSeq: 0,
          version: 0,
          createdAt: now,
        }) as Conversation);
    appendToThread(em, events, conversation, {
      kind: 'message',
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
      at: now,
    });
    return { duplicate: false };
  });
  return { duplicate: result.duplicate, events };
}
