// One action on many conversations: one command, one transaction, one event per conversation
// that changed, and progress reported to the caller while it runs.
import type { EntityManager } from '@mikro-orm/sql';
import type { BulkAction, CommandParams, CommandResult, ServerEvent } from '@convkit/sdk/protocol';
import { sqlAll } from '../../db/sql.js';
import { writeTransaction } from '../../db/transaction.js';
import type { CommandContext } from '../../commands/context.js';
import { appendEvent, nextEventSeq } from '../events/event-log.js';
import { toContactDto } from '../dto.js';
import { labelIdsFor } from '../labels/labels.service.js';
import type { Contact } from '../contacts/contact.entity.js';
import { ConversationSchema, type Conversation } from './conversation.entity.js';
import { applyChange, validateChange, type ConversationChange } from './conversation-changes.js';
import { listScope, saveReadState } from './conversations.service.js';
import { whereFor, type ListScope } from './list-query.js';
import { storableLine } from '../../text/storable.js';

/** Conversations loaded and changed per round; progress is reported after each. */
const CHUNK = 250;

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

async function applyToOne(ctx: CommandContext, em: EntityManager, conversation: Conversation, labelIds: string[], action: BulkAction, change: ConversationChange | null): Promise<ServerEvent | null> {
  const { workspaceId, userId } = ctx.actor;
  if (change) return applyChange(em, workspaceId, conversation, labelIds, change);
  switch (action.type) {
    case 'markRead':
      return (await saveReadState(em, workspaceId, userId, conversation, { lastReadSeq: conversation.lastSeq, manualUnread: false, mentioned: false })).event;
    case 'markUnread':
      return (await saveReadState(em, workspaceId, userId, conversation, { manualUnread: true })).event;
    case 'tagContacts': {
      const contact = conversation.contact as unknown as Contact;
      const tag = storableLine(action.tag).trim();
      if (!tag || contact.tags.includes(tag)) return null;
      contact.tags = [...contact.tags, tag];
      const seq = await nextEventSeq(em, workspaceId);
      return appendEvent(em, workspaceId, seq, 'contact.updated', { contact: toContactDto(contact) });
    }
    default:
      return null;
  }
}

export async function bulkUpdate(ctx: CommandContext, params: CommandParams<'conversations.bulk'>, report: ProgressReporter): Promise<CommandResult<'conversations.bulk'>> {
  const change = sharedChange(params.action);
  // Read before the transaction: on SQLite a query outside it would wait on its lock forever.
  const scope = await listScope(ctx);
  const { result, events } = await writeTransaction(ctx.orm, async (em, events) => {
    if (change) await validateChange(em, ctx.actor.workspaceId, change);
    const ids = await targetIds(ctx, em, params.target, scope);
    report(0, ids.length);
    let changed = 0;
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const conversations = (await em.find(ConversationSchema, { id: { $in: chunk } }, { populate: ['contact'] })) as Conversation[];
      const labels = await labelIdsFor(em, chunk);
      for (const conversation of conversations) {
        const event = await applyToOne(ctx, em, conversation, labels.get(conversation.id) ?? [], params.action, change);
        if (event) {
          events.push(event);
          changed++;
        }
      }
      await em.flush();
      report(Math.min(start + CHUNK, ids.length), ids.length);
    }
    return { operationId: params.operationId, matched: ids.length, changed };
  });
  ctx.publish(events);
  return result;
}
