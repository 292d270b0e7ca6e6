// One action on many conversations: one command, one event per conversation that changed, and
// progress reported to the caller while it runs.
import type { EntityManager } from '@mikro-orm/sql';
import type { BulkAction, CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { sqlAll, sqlOf } from '../../db/sql.js';
import { writeTransaction } from '../../db/transaction.js';
import type { CommandContext } from '../../commands/context.js';
import type { EventBatch } from '../events/event-batch.js';
import { lockContactsOf, lockConversations } from '../../db/locks.js';
import { AppError } from '../../errors.js';
import { toContactDto } from '../dto.js';
import { labelIdsFor } from '../labels/label-ids.js';
import type { Contact } from '../contacts/contact.entity.js';
import { ConversationSchema, type Conversation } from './conversation.entity.js';
import { applyChange, validateChange, type ConversationChange } from './conversation-changes.js';
import { listScope, saveReadState } from './conversations.service.js';
import { whereFor, type ListScope } from './list-query.js';
import { storableLine } from '../../text/storable.js';

/** Conversations per transaction; progress is reported after each. */
const CHUNK = 100;

export type ProgressReporter = (done: number, total: number) => void;

function sharedChange(action: BulkAction): ConversationChange | null {
  switch (action.type) {
    case 'archive':
      return { status: 'archived' };
    case 'unarchive':
      return { status: 'open' };
    case 'assign':
      return { assigneeId: action.assigneeId };
    case 'addLabel':
      return { addLabelIds: [action.labelId] };
    case 'removeLabel':
      return { removeLabelIds: [action.labelId] };
    default:
      return null;
  }
}

async function targetIds(ctx: CommandContext, em: EntityManager, target: CommandParams<'conversations.bulk'>['target'], scope: ListScope): Promise<string[]> {
  if ('ids' in target) {
    // Ids of another workspace are skipped, exactly as if they did not exist.
    const rows = (await em.find(ConversationSchema, { id: { $in: target.ids }, workspace: ctx.actor.workspaceId }, { fields: ['id'] })) as Conversation[];
    const found = new Set(rows.map((r) => r.id));
    return target.ids.filter((id) => found.has(id));
  }
  const where = whereFor(target.view, target.filter, scope);
  const rows = await sqlAll<{ id: string }>(
    em,
    `select c.id from conversations c join contacts ct on ct.id = c.contact_id left join read_states rs on rs.conversation_id = c.id and rs.user_id = ? where ${where.sql} order by c.last_activity_at desc, c.id desc`,
    [ctx.actor.userId, ...where.params],
  );
  return rows.map((r) => r.id);
}

async function applyToOne(ctx: CommandContext, em: EntityManager, events: EventBatch, conversation: Conversation, labelIds: string[], action: BulkAction, change: ConversationChange | null): Promise<boolean> {
  const { userId } = ctx.actor;
  if (change) {
    try {
      return await applyChange(em, events, conversation, labelIds, change);
    } catch (error) {
      // Reopening one of a contact's conversations while another is open: that one is skipped.
      if (error instanceof AppError && error.code === 'conflict') return false;
      throw error;
    }
  }
  switch (action.type) {
    case 'markRead':
      await saveReadState(em, events, userId, conversation, { lastReadSeq: conversation.lastSeq, manualUnread: false, mentioned: false });
      return true;
    case 'markUnread':
      await saveReadState(em, events, userId, conversation, { manualUnread: true });
      return true;
    case 'tagContacts': {
      const contact = conversation.contact as unknown as Contact;
      const tag = storableLine(action.tag).trim();
      if (!tag || contact.tags.includes(tag)) return false;
      contact.tags = [...contact.tags, tag];
      events.add('contact.updated', () => ({ contact: toContactDto(contact) }));
      return true;
    }
    default:
      return false;
  }
}

/**
 * Each chunk is its own transaction: its rows are locked (in id order) only while it runs, so
 * inbound messages and other agents keep writing between chunks, and each chunk's events go out
 * as soon as it commits. A conversation deleted meanwhile is skipped.
 */
export async function bulkUpdate(ctx: CommandContext, params: CommandParams<'conversations.bulk'>, report: ProgressReporter): Promise<CommandResult<'conversations.bulk'>> {
  const change = sharedChange(params.action);
  // Read marks are a person's own: an API key has none to set.
  if (!change && ctx.actor.service) throw new AppError('forbidden', `An API key cannot ${params.action.type} conversations: read marks are a person's own.`, { path: 'action.type' });
  const { workspaceId } = ctx.actor;
  if (change) await validateChange(ctx.em, workspaceId, change);
  const scope = await listScope(ctx);
  const ids = await targetIds(ctx, ctx.em, params.target, scope);
  report(0, ids.length);
  let changed = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
      const locked = await lockConversations(em, workspaceId, chunk);
      // Tags are read, changed and written back: the contact rows are locked before they are read.
      if (params.action.type === 'tagContacts') await lockContactsOf(em, workspaceId, locked);
      const conversations = (await em.find(ConversationSchema, { id: { $in: locked } }, { populate: ['contact'] })) as Conversation[];
      const labels = await labelIdsFor(sqlOf(em), locked);
      let changedHere = 0;
      for (const conversation of conversations) {
        if (await applyToOne(ctx, em, events, conversation, labels.get(conversation.id) ?? [], params.action, change)) changedHere++;
      }
      return changedHere;
    });
    ctx.publish(events);
    changed += result;
    report(Math.min(start + CHUNK, ids.length), ids.length);
  }
  return { operationId: params.operationId, matched: ids.length, changed };
}
