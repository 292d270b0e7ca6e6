// Cancelling a scheduled message. The outbox claims a due message with one conditional update
// (scheduled -> sending), and a cancel is one too (scheduled -> canceled): whichever comes first
// wins, so a cancel that races the send ends in exactly one of sent or canceled.
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { writeTransaction } from '../../db/transaction.js';
import { sqlAll } from '../../db/sql.js';
import { AppError, notFound } from '../../errors.js';
import { toMessageDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { lockConversation } from '../conversations/conversations.service.js';
import { MessageSchema, type Message } from './message.entity.js';

export async function cancelMessage(ctx: CommandContext, params: CommandParams<'messages.cancel'>): Promise<CommandResult<'messages.cancel'>> {
  const { workspaceId } = ctx.actor;
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
    const [found] = await sqlAll<{ conversation_id: string }>(em, 'select conversation_id from messages where id = ? and workspace_id = ?', [params.id, workspaceId]);
    if (!found) throw notFound('message');
    const conversation = await lockConversation(em, workspaceId, found.conversation_id);
    const won = await sqlAll(em, "update messages set status = 'canceled', lease_until = null where id = ? and status = 'scheduled' returning id", [params.id]);
    const message = (await em.findOne(MessageSchema, { id: params.id }, { refresh: true })) as Message;
    if (won.length === 0) {
      throw new AppError('conflict', message.status === 'canceled' ? 'This message was already cancelled.' : `Only a scheduled message that has not gone yet can be cancelled; this one is ${message.status}.`, { path: 'id' });
    }
    events.addForConversation('message.updated', conversation, ({ conversation }) => ({ message: toMessageDto(message, found.conversation_id), conversation }));
    return toMessageDto(message, found.conversation_id);
  });
  ctx.publish(events);
  return result;
}
