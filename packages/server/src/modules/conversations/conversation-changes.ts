// Shared changes to conversations (archive, assignee, labels) and their deletion. One change is
// one conversation.updated event; bulk actions apply the same function to many conversations.
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { sqlAll, sqlOf } from '../../db/sql.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../../commands/context.js';
import type { EventBatch } from '../events/event-batch.js';
import { toConversationDto } from '../dto.js';
import { ConversationLabelSchema } from '../labels/label.entity.js';
import { findLabels } from '../labels/labels.service.js';
import { labelIdsFor } from '../labels/label-ids.js';
import { findUsers } from '../users/users.service.js';
import { UserSchema } from '../users/user.entity.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import type { Conversation } from './conversation.entity.js';
import { lockConversation } from './conversations.service.js';

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
 * A contact has at most one open conversation (a partial unique index says so). Reopening an
 * older one while another is open is refused; the agent can archive the other first.
 */
async function assertReopenable(em: EntityManager, conversation: Conversation): Promise<void> {
  // Earlier changes of this transaction (a bulk chunk reopening another of this contact's
  // conversations) must be visible to the check.
  await em.flush();
  const contactId = (conversation.contact as unknown as { id: string }).id;
  const rows = await sqlAll(em, "select id from conversations where contact_id = ? and status = 'open' and id <> ? limit 1", [contactId, conversation.id]);
  if (rows.length > 0) {
    throw new AppError('conflict', 'This contact has another open conversation: archive that one before reopening this one.', { path: 'status' });
  }
}

/**
 * Applies a validated change to one locked conversation (contact populated) whose current label
 * ids are given, and adds its event. Returns false when nothing changed.
 */
export async function applyChange(em: EntityManager, events: EventBatch, conversation: Conversation, labelIds: string[], change: ConversationChange): Promise<boolean> {
  if (change.status === 'open' && conversation.status !== 'open') await assertReopenable(em, conversation);
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
    em.create(ConversationLabelSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, events.workspaceId), conversation, label: labelId as never });
    labels.add(labelId);
    changed = true;
  }
  const removing = (change.removeLabelIds ?? []).filter((id) => labels.has(id));
  if (removing.length > 0) {
    await em.nativeDelete(ConversationLabelSchema, { conversation: conversation.id, label: { $in: removing } });
    changed = true;
  }
  if (changed) events.addForConversation('conversation.updated', conversation, ({ conversation }) => ({ conversation }));
  return changed;
}

export async function updateConversation(ctx: CommandContext, params: CommandParams<'conversations.update'>): Promise<CommandResult<'conversations.update'>> {
  const { id, ...change } = params;
  if (Object.keys(change).length === 0) throw new AppError('invalid_params', 'status/assigneeId/addLabelIds/removeLabelIds: nothing to change.', { path: 'status' });
  const { result, events } = await writeTransaction(ctx.orm, ctx.actor.workspaceId, async (em, events) => {
    await validateChange(em, ctx.actor.workspaceId, change);
    const conversation = await lockConversation(em, ctx.actor.workspaceId, id);
    const labels = await labelIdsFor(sqlOf(em), [conversation.id]);
    const changed = await applyChange(em, events, conversation, labels.get(conversation.id) ?? [], change);
    return changed ? null : toConversationDto(conversation, labels.get(conversation.id) ?? []);
  });
  ctx.publish(events);
  // What changed is answered exactly as its event says it.
  return result ?? (events[0]!.data as { conversation: CommandResult<'conversations.update'> }).conversation;
}

/** Admins only. The conversation, its messages and its events are gone for good. */
export async function deleteConversation(ctx: CommandContext, params: CommandParams<'conversations.delete'>): Promise<CommandResult<'conversations.delete'>> {
  if (ctx.actor.role !== 'admin') throw new AppError('forbidden', 'Only admins can delete conversations.');
  const { events } = await writeTransaction(ctx.orm, ctx.actor.workspaceId, async (em, events) => {
    const conversation = await lockConversation(em, ctx.actor.workspaceId, params.id);
    // Events carry message bodies: the log must not keep what the admin deleted.
    await sqlAll(em, 'delete from events where workspace_id = ? and conversation_id = ?', [ctx.actor.workspaceId, conversation.id]);
    // Its files too (their bytes go with them: attachment_contents cascades).
    await sqlAll(em, 'delete from attachments where workspace_id = ? and message_id in (select id from messages where conversation_id = ?)', [ctx.actor.workspaceId, conversation.id]);
    await sqlAll(em, 'delete from conversations where id = ? and workspace_id = ?', [conversation.id, ctx.actor.workspaceId]);
    em.clear();
    events.add('conversation.deleted', () => ({ conversationId: conversation.id }));
  });
  ctx.publish(events);
  return { id: params.id };
}
