// An agent's Retry on a message the provider refused or did not deliver: the same message goes
// back to the outbox (a new row would leave the failed one in the thread as well). The provider's
// id for the failed attempt is retired, so a late report on that attempt cannot touch the new one.
import type { Channel, CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { writeTransaction } from '../../db/transaction.js';
import { AppError, notFound } from '../../errors.js';
import { toMessageDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { lockConversation } from '../conversations/conversations.service.js';
import type { Contact } from '../contacts/contact.entity.js';
import { gate } from '../consent/gate.js';
import { WorkspaceSchema, type Workspace } from '../workspaces/workspace.entity.js';
import { MessageSchema, type Message } from './message.entity.js';

const RETRYABLE = new Set(['failed', 'undelivered']);
/** The provider ids of a message's earlier attempts, kept in its meta (the last ten). */
export function retiredProviderIds(message: Message): string[] {
  const retired = message.meta.retiredProviderIds;
  return Array.isArray(retired) ? retired.filter((id): id is string => typeof id === 'string') : [];
}

export async function retryMessage(ctx: CommandContext, params: CommandParams<'messages.retry'>): Promise<CommandResult<'messages.retry'>> {
  const { workspaceId } = ctx.actor;
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
    const found = (await em.findOne(MessageSchema, { id: params.id, workspace: workspaceId })) as Message | null;
    if (!found) throw notFound('message');
    const conversationId = (found.conversation as unknown as { id: string }).id;
    const conversation = await lockConversation(em, workspaceId, conversationId);
    // Read again under the lock: a report or another agent's Retry may have come first.
    const message = (await em.findOne(MessageSchema, { id: params.id }, { refresh: true })) as Message;
    if (message.kind !== 'message' || message.direction !== 'outbound' || !RETRYABLE.has(message.status)) {
      throw new AppError('conflict', `Only a sent message that failed or was not delivered can be sent again; this one is ${message.direction === 'outbound' ? message.status : 'not one we sent'}.`, { path: 'id' });
    }
    // The same gate as any send: a contact who opted out since is refused here, not at dispatch.
    const workspace = (await em.findOneOrFail(WorkspaceSchema, { id: workspaceId })) as Workspace;
    const reach = await gate(em, workspace, conversation.contact as unknown as Contact, message.channel as Channel, message.authorType === 'user' ? 'agent' : 'automated');
    if (!reach.ok) throw new AppError('channel_unavailable', reach.message!, { path: 'id', reason: reach.reason });
    // meta.retries orders this attempt's updates after the last one's (a client keeps a status from going back otherwise).
    const retries = (typeof message.meta.retries === 'number' ? message.meta.retries : 0) + 1;
    const retired = message.providerId ? [...retiredProviderIds(message), message.providerId].slice(-10) : retiredProviderIds(message);
    // What carried the failed attempt says nothing of the next one.
    const { via: _carriedBefore, ...kept } = message.meta;
    message.meta = { ...kept, retries, ...(retired.length ? { retiredProviderIds: retired } : {}) };
    Object.assign(message, { status: 'queued', errorCode: null, errorMessage: null, provider: null, providerId: null, sendAttempts: 0, sendInDoubtSince: null, leaseUntil: null });
    events.addForConversation('message.updated', conversation, ({ conversation }) => ({ message: toMessageDto(message, conversationId), conversation }));
    return toMessageDto(message, conversationId);
  });
  ctx.publish(events);
  ctx.kickDispatcher();
  return result;
}
