// Activity cards the host posts into a contact's thread (seed 000's "Appointment booked", seed
// 003's stage changes): a title, details, a status, a link back into the host and who did it,
// kept in the message's meta; the title is its text (what the list's row and an export show).
// A host's retry with the same clientId answers the card the first attempt stored.
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import type { CommandContext } from '../../commands/context.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { storableLine, storableText } from '../../text/storable.js';
import { toMessageDto } from '../dto.js';
import { lockConversation } from '../conversations/conversations.service.js';
import { MessageSchema, type Message } from '../messages/message.entity.js';
import { appendToThread } from '../messages/thread-writer.js';
import { hostLink } from '../host-links.js';

const invalid = (path: string, message: string) => new AppError('invalid_params', `${path}: ${message}`, { path });

/** Field by field: PostgreSQL's jsonb gives keys back in an order of its own. */
function sameCard(stored: unknown, card: Record<string, string>): boolean {
  const kept = (stored ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(kept), ...Object.keys(card)]);
  return [...keys].every((key) => kept[key] === card[key]);
}

export async function postActivity(ctx: CommandContext, params: CommandParams<'activities.post'>): Promise<CommandResult<'activities.post'>> {
  const title = storableLine(params.title).trim();
  if (!title) throw invalid('title', 'an activity needs a title.');
  const optionalLine = (value: string | undefined) => (value === undefined ? undefined : storableLine(value).trim() || undefined);
  const card = {
    title,
    ...(params.body?.trim() ? { details: storableText(params.body).trim() } : {}),
    ...(optionalLine(params.status) ? { status: optionalLine(params.status) } : {}),
    ...(params.link ? { link: hostLink('link', params.link) } : {}),
    ...(optionalLine(params.linkLabel) ? { linkLabel: optionalLine(params.linkLabel) } : {}),
    ...(optionalLine(params.actor) ? { actor: optionalLine(params.actor) } : {}),
  };
  const { workspaceId, userId } = ctx.actor;
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, batch) => {
    const conversation = await lockConversation(em, workspaceId, params.conversationId);
    const existing = (await em.findOne(MessageSchema, { conversation: conversation.id, authorType: 'system', authorId: userId, clientId: params.clientId })) as Message | null;
    if (existing) {
      if (!sameCard(existing.meta.activity, card)) {
        throw new AppError('conflict', 'clientId: you already posted a different activity with this clientId; use a new one for a new card.', { path: 'clientId' });
      }
      return existing;
    }
    return appendToThread(em, batch, conversation, {
      kind: 'activity',
      channel: null,
      direction: null,
      authorType: 'system',
      authorId: userId,
      authorName: card.actor ?? ctx.actor.userName,
      body: title,
      status: 'sent',
      clientId: params.clientId,
      // link and linkLabel where activity cards have always kept them, and the whole card too.
      meta: { activity: card, ...(card.link ? { link: card.link } : {}), ...(card.linkLabel ? { linkLabel: card.linkLabel } : {}), ...(ctx.actor.service ? { source: 'api' } : {}) },
    });
  });
  ctx.publish(events);
  return toMessageDto(result, params.conversationId);
}
