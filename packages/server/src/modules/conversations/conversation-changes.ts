// Shared changes to conversations (archive, assignee, labels) and their deletion. One change is
// one conversation.updated event; bulk actions apply the same function to many conversations.
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult, ServerEvent } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { sqlAll } from '../../db/sql.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../../commands/context.js';
import { appendEvent, nextEventSeq } from '../events/event-log.js';
import { toConversationDto } from '../dto.js';
import { ConversationLabelSchema } from '../labels/label.entity.js';
import { findLabels, labelIdsFor } from '../labels/labels.service.js';
import { findUsers } from '../users/users.service.js';
import { UserSchema } from '../users/user.entity.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import type { Conversation } from './conversation.entity.js';
import { findConversation } from './conversations.service.js';

export interface ConversationChange {
  status?: 'open' | 'archived';
  assigneeId?: string | null;
  addLabelIds?: string[];
  removeLabelIds?: string[];
}

/** Checks that every id the change names is in the workspace (not found otherwise). */
export async function validateChange(em: EntityManager, workspaceId: string, change: ConversationChange): Promise<void> {
  if (change.assigneeId) await findUsers(em, workspaceId, [change.assigneeId], 'assigneeId');
  await findLabels(em, workspaceId, [...new Set([...(change.addLabelIds ?? []), ...(change.removeLabelIds ?? [])])]);
}

/**
 * Applies a validated change to one loaded conversation (contact populated) whose current
 * label ids are given. Returns the event, or null when nothing changed.
 */
export async function applyChange(
  em: EntityManager,
  workspaceId: string,
  conversation: Conversation,
  labelIds: string[],
  change: ConversationChange,
): Promise<ServerEvent | null> {
  let changed = false;
  if (change.status && conversation.status !== change.status) {
    conversation.status = change.status;
    changed = true;
  }
  const currentAssignee = (conversation.assignee as unknown as { id: string } | null)?.id ?? null;
  if (change.assigneeId !== undefined && currentAssignee !== change.assigneeId) {
    conversation.assignee = (change.assigneeId ? em.getReference(UserSchema, change.assigneeId) : null) as never;
    changed = true;
  }
  const labels = new Set(labelIds);
  for (const labelId of change.addLabelIds ?? []) {
    if (labels.has(labelId)) continue;
    em.create(ConversationLabelSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspaceId), conversation, label: labelId as never });
    labels.add(labelId);
    changed = true;
  }
  const removing = (change.removeLabelIds ?? []).filter((id) => labels.has(id));
  if (removing.length > 0) {
    await em.nativeDelete(ConversationLabelSchema, { conversation: conversation.id, label: { $in: removing } });
    for (const id of removing) labels.delete(id);
    changed = true;
  }
  if (!changed) return null;
  const seq = await nextEventSeq(em, workspaceId);
  conversation.version = seq;
  return appendEvent(em, workspaceId, seq, 'conversation.updated', { conversation: toConversationDto(conversation, [...labels].sort()) }, conversation.id);
}

export async function updateConversation(ctx: CommandContext, params: CommandParams<'conversations.update'>): Promise<CommandResult<'conversations.update'>> {
  const { id, ...change } = params;
  if (Object.keys(change).length === 0) throw new AppError('invalid_params', 'status/assigneeId/addLabelIds/removeLabelIds: nothing to change.', { path: 'status' });
  const { result, events } = await writeTransaction(ctx.orm, async (em, events) => {
    const conversation = await findConversation(em, ctx.actor.workspaceId, id);
    await validateChange(em, ctx.actor.workspaceId, change);
    const labels = await labelIdsFor(em, [conversation.id]);
    const event = await applyChange(em, ctx.actor.workspaceId, conversation, labels.get(conversation.id) ?? [], change);
    if (event) {
      events.push(event);
      return (event.data as { conversation: CommandResult<'conversations.update'> }).conversation;
    }
    return toConversationDto(conversation, labels.get(conversation.id) ?? []);
  });
  ctx.publish(events);
  return result;
}

/** Admins only. The conversation, its messages and its events are gone for good. */
export async function deleteConversation(ctx: CommandContext, params: CommandParams<'conversations.delete'>): Promise<CommandResult<'conversations.delete'>> {
  if (ctx.actor.role !== 'admin') throw new AppError('forbidden', 'Only admins can delete conversations.');
  const { events } = await writeTransaction(ctx.orm, async (em, events) => {
    const conversation = await findConversation(em, ctx.actor.workspaceId, params.id);
    // Events carry message bodies: the log must not keep what the admin deleted.
    await sqlAll(em, 'delete from events where workspace_id = ? and conversation_id = ?', [ctx.actor.workspaceId, conversation.id]);
    await sqlAll(em, 'delete from conversations where id = ? and workspace_id = ?', [conversation.id, ctx.actor.workspaceId]);
    em.clear();
    const seq = await nextEventSeq(em, ctx.actor.workspaceId);
    events.push(appendEvent(em, ctx.actor.workspaceId, seq, 'conversation.deleted', { conversationId: conversation.id }));
  });
  ctx.publish(events);
  return { id: params.id };
}
