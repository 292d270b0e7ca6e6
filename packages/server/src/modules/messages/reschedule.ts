// Editing a scheduled message before it goes: its text, its time, or both. The outbox claims a
// due message with one conditional update (scheduled -> sending), and an edit is one too (where
// still scheduled): an edit racing the send either lands before it, and goes, or finds the
// message on its way and is `conflict`; a message never goes half edited.
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { writeTransaction } from '../../db/transaction.js';
import { sqlAll } from '../../db/sql.js';
import { AppError, notFound } from '../../errors.js';
import { toMessageDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { lockConversation } from '../conversations/conversations.service.js';
import { MessageSchema, type Message } from './message.entity.js';
import { scheduledInstant } from './messages.service.js';
import { preview } from './thread-writer.js';
import { renderForContact } from './merge-context.js';

export async function rescheduleMessage(ctx: CommandContext, params: CommandParams<'messages.reschedule'>): Promise<CommandResult<'messages.reschedule'>> {
  if (params.body === undefined && params.sendAt === undefined) throw new AppError('invalid_params', 'Give the new body, the new sendAt, or both.', { path: 'body' });
  const body = params.body?.trim();
  const sendAt = params.sendAt === undefined ? null : scheduledInstant(params.sendAt, 'message');
  const { workspaceId } = ctx.actor;
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
    const [found] = await sqlAll<{ conversation_id: string }>(em, 'select conversation_id from messages where id = ? and workspace_id = ?', [params.id, workspaceId]);
    if (!found) throw notFound('message');
    const conversation = await lockConversation(em, workspaceId, found.conversation_id);
    const before = (await em.findOne(MessageSchema, { id: params.id }, { refresh: true })) as Message;
    const files = Array.isArray(before.meta.attachments) ? before.meta.attachments.length : 0;
    // WhatsApp approved the template's words, not these: a new text is a new template send.
    if (body !== undefined && before.meta.template) throw new AppError('invalid_params', "body: a template's text is the one WhatsApp approved; cancel this message and send the template again with other variables.", { path: 'body' });
    const text = body === undefined ? undefined : await renderForContact(em, workspaceId, conversation, body);
    if (text === '' && files === 0) throw new AppError('invalid_params', 'body: a message needs some text or a file.', { path: 'body' });
    const meta = sendAt === null ? before.meta : { ...before.meta, scheduledFor: new Date(sendAt).toISOString() };
    const won = await sqlAll(
      em,
      "update messages set body = ?, meta = ?, lease_until = ? where id = ? and status = 'scheduled' returning id",
      [text ?? before.body, JSON.stringify(meta), sendAt ?? before.leaseUntil, params.id],
    );
    if (won.length === 0) {
      throw new AppError('conflict', before.status === 'canceled' ? 'This message was cancelled; schedule a new one.' : `Only a scheduled message that has not gone yet can be edited; this one is ${before.status}.`, { path: 'id' });
    }
    const message = (await em.findOne(MessageSchema, { id: params.id }, { refresh: true })) as Message;
    // The list row reads the thread's newest item: an edit to it shows there too.
    if (conversation.lastSeq === message.seq && text !== undefined) conversation.lastMessagePreview = preview(message);
    events.addForConversation('message.updated', conversation, ({ conversation }) => ({ message: toMessageDto(message, found.conversation_id), conversation }));
    return toMessageDto(message, found.conversation_id);
  });
  ctx.publish(events);
  return result;
}
