// Conversation reads and the caller's own read state.
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult, ConversationListItem } from '@convkit/sdk/protocol';
import { PAGE_LIMIT_MAX } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { writeTransaction } from '../../db/transaction.js';
import { appendEvent, nextEventSeq } from '../events/event-log.js';
import { AppError, invalidParams, notFound } from '../../errors.js';
import { toConversationDto, toReadStateDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { ConversationSchema, type Conversation } from './conversation.entity.js';
import { ReadStateSchema, type ReadState } from './read-state.entity.js';
import { UserSchema } from '../users/user.entity.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';

const DEFAULT_PAGE = 50;

interface Cursor {
  at: number;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'number' && typeof id === 'string') return { at, id };
  } catch {
    // fall through
  }
  throw invalidParams('cursor', 'not a cursor this server issued');
}

/** Finds a conversation inside the workspace; another workspace's id is simply not found. */
export async function findConversation(em: EntityManager, workspaceId: string, id: string): Promise<Conversation> {
  const conversation = await em.findOne(ConversationSchema, { id, workspace: workspaceId }, { populate: ['contact'] });
  if (!conversation) throw notFound('conversation');
  return conversation as Conversation;
}

async function readStatesFor(em: EntityManager, userId: string, conversationIds: string[]): Promise<Map<string, ReadState>> {
  if (conversationIds.length === 0) return new Map();
  const states = await em.find(ReadStateSchema, { user: userId, conversation: { $in: conversationIds } });
  return new Map(states.map((s) => [(s.conversation as unknown as { id: string }).id, s as ReadState]));
}

export async function listConversations(ctx: CommandContext, params: CommandParams<'conversations.list'>): Promise<CommandResult<'conversations.list'>> {
  const limit = Math.min(params.limit ?? DEFAULT_PAGE, PAGE_LIMIT_MAX);
  const where: Record<string, unknown> = { workspace: ctx.actor.workspaceId, status: params.status ?? 'open' };
  if (params.cursor) {
    const { at, id } = decodeCursor(params.cursor);
    where.$or = [{ lastActivityAt: { $lt: at } }, { lastActivityAt: at, id: { $lt: id } }];
  }
  const rows = (await ctx.em.find(ConversationSchema, where as never, {
    orderBy: { lastActivityAt: 'desc', id: 'desc' },
    limit: limit + 1,
    populate: ['contact'],
  })) as Conversation[];
  const page = rows.slice(0, limit);
  const states = await readStatesFor(ctx.em, ctx.actor.userId, page.map((c) => c.id));
  const items: ConversationListItem[] = page.map((c) => ({
    conversation: toConversationDto(c),
    readState: toReadStateDto(c.id, ctx.actor.userId, states.get(c.id) ?? null),
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.lastActivityAt, id: last.id }) : null };
}

export async function getConversation(ctx: CommandContext, params: CommandParams<'conversations.get'>): Promise<CommandResult<'conversations.get'>> {
  const conversation = await findConversation(ctx.em, ctx.actor.workspaceId, params.id);
  const states = await readStatesFor(ctx.em, ctx.actor.userId, [conversation.id]);
  return { conversation: toConversationDto(conversation), readState: toReadStateDto(conversation.id, ctx.actor.userId, states.get(conversation.id) ?? null) };
}

/** Upserts the actor's read state inside a transaction and appends its event. */
export async function saveReadState(
  em: EntityManager,
  workspaceId: string,
  userId: string,
  conversation: Conversation,
  change: Partial<Pick<ReadState, 'lastReadSeq' | 'starred' | 'manualUnread'>>,
) {
  let state = (await em.findOne(ReadStateSchema, { conversation: conversation.id, user: userId })) as ReadState | null;
  if (!state) {
    state = em.create(ReadStateSchema, {
      id: newId(),
      workspace: em.getReference(WorkspaceSchema, workspaceId),
      conversation,
      user: em.getReference(UserSchema, userId),
      lastReadSeq: 0,
      starred: false,
      manualUnread: false,
    }) as ReadState;
  }
  Object.assign(state, change);
  const seq = await nextEventSeq(em, workspaceId);
  const dto = toReadStateDto(conversation.id, userId, state);
  return { readState: dto, event: appendEvent(em, workspaceId, seq, 'readstate.updated', { readState: dto }, conversation.id) };
}

export async function markRead(ctx: CommandContext, params: CommandParams<'conversations.markRead'>): Promise<CommandResult<'conversations.markRead'>> {
  const { result, events } = await writeTransaction(ctx.orm, async (em, events) => {
    const conversation = await findConversation(em, ctx.actor.workspaceId, params.id);
    if (params.seq !== undefined && params.seq > conversation.lastSeq) {
      throw new AppError('invalid_params', `seq: the thread's newest message is ${conversation.lastSeq}.`, { path: 'seq' });
    }
    const { readState, event } = await saveReadState(em, ctx.actor.workspaceId, ctx.actor.userId, conversation, {
      lastReadSeq: params.seq ?? conversation.lastSeq,
      manualUnread: false,
    });
    events.push(event);
    return readState;
  });
  ctx.publish(events);
  return result;
}
