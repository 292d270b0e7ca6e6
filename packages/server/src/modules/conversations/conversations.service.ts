// Conversation reads (views, filters, search, counts) and the caller's own read state.
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult, ConversationListItem, ViewCounts } from '@convkit/sdk/protocol';
import { PAGE_LIMIT_MAX } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { platformOf } from '../../db/orm.js';
import { sqlAll, sqlOf } from '../../db/sql.js';
import { writeTransaction } from '../../db/transaction.js';
import type { EventBatch } from '../events/event-batch.js';
import { lockConversations } from '../../db/locks.js';
import { AppError, invalidParams, notFound } from '../../errors.js';
import { toConversationDto, toReadStateDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { labelIdsFor } from '../labels/label-ids.js';
import { searchMatches } from '../search/search.service.js';
import { ConversationSchema, type Conversation } from './conversation.entity.js';
import { ReadStateSchema, type ReadState } from './read-state.entity.js';
import { UserSchema } from '../users/user.entity.js';
import { WorkspaceSchema, type Workspace } from '../workspaces/workspace.entity.js';
import { countsQuery, pageQuery, type ListScope } from './list-query.js';
import { rowToItem, type ListRow } from './list-rows.js';
import { countableFromMemory, countIndexFor } from './count-index.js';
import { ID_PATTERN } from '../../commands/schemas.js';

const DEFAULT_PAGE = 50;
const ID_FORMAT = new RegExp(ID_PATTERN);

function encodeCursor(at: number, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(value: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    // A cursor comes back from the client: its parts are checked like any other input.
    if (Number.isSafeInteger(at) && typeof id === 'string' && ID_FORMAT.test(id)) return { at: at as number, id };
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

/** Locks a conversation of the workspace for this write (db/locks.ts) and loads it. */
export async function lockConversation(em: EntityManager, workspaceId: string, id: string): Promise<Conversation> {
  const [found] = await lockConversations(em, workspaceId, [id]);
  if (!found) throw notFound('conversation');
  return findConversation(em, workspaceId, found);
}

async function readStatesFor(em: EntityManager, userId: string, conversationIds: string[]): Promise<Map<string, ReadState>> {
  if (conversationIds.length === 0) return new Map();
  const states = await em.find(ReadStateSchema, { user: userId, conversation: { $in: conversationIds } });
  return new Map(states.map((s) => [(s.conversation as unknown as { id: string }).id, s as ReadState]));
}

/** List items (conversation + the user's read state + labels) for loaded conversations. */
export async function listItems(em: EntityManager, userId: string, conversations: Conversation[]): Promise<ConversationListItem[]> {
  const ids = conversations.map((c) => c.id);
  const [states, labels] = await Promise.all([readStatesFor(em, userId, ids), labelIdsFor(sqlOf(em), ids)]);
  return conversations.map((c) => ({
    conversation: toConversationDto(c, labels.get(c.id) ?? []),
    readState: toReadStateDto(c.id, userId, states.get(c.id) ?? null),
  }));
}

/** A conversation's wire shape with its labels (for events). */
export async function conversationDto(em: EntityManager, conversation: Conversation) {
  const labels = await labelIdsFor(sqlOf(em), [conversation.id]);
  return toConversationDto(conversation, labels.get(conversation.id) ?? []);
}

export async function listScope(ctx: CommandContext): Promise<ListScope> {
  const workspace = (await ctx.em.findOne(WorkspaceSchema, { id: ctx.actor.workspaceId })) as Workspace;
  return { platform: platformOf(ctx.orm), workspaceId: ctx.actor.workspaceId, userId: ctx.actor.userId, recentDays: workspace.recentDays, now: Date.now() };
}

export async function listConversations(ctx: CommandContext, params: CommandParams<'conversations.list'>): Promise<CommandResult<'conversations.list'>> {
  const { view = 'all', limit: requested, cursor, ...filter } = params;
  const limit = Math.min(requested ?? DEFAULT_PAGE, PAGE_LIMIT_MAX);
  const scope = await listScope(ctx);
  const query = pageQuery(view, filter, scope, limit + 1, cursor ? decodeCursor(cursor) : undefined);
  const rows = await sqlAll<ListRow>(ctx.em, query.sql, query.params);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => String(r.id));
  const labels = await labelIdsFor(sqlOf(ctx.em), ids);
  const items = page.map((row) => rowToItem(row, ctx.actor.userId, labels.get(String(row.id)) ?? []));
  if (filter.search?.trim()) {
    const matches = await searchMatches(ctx.em, scope.platform, scope.workspaceId, ids, filter.search);
    for (const item of items) {
      const match = matches.get(item.conversation.id);
      if (match) item.match = match;
    }
  }
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(Number(last.last_activity_at), String(last.id)) : null };
}

export async function countConversations(ctx: CommandContext, params: CommandParams<'conversations.counts'>): Promise<ViewCounts> {
  const scope = await listScope(ctx);
  // Counted from the node's index (count-index.ts); a search is counted by SQL.
  if (countableFromMemory(params)) return countIndexFor(ctx.orm).counts(scope, params);
  return recountConversations(ctx.em, scope, params);
}

/** The counts by SQL over the whole workspace: searches, and the index's reference in tests. */
export async function recountConversations(em: EntityManager, scope: ListScope, filter: CommandParams<'conversations.counts'>): Promise<ViewCounts> {
  const query = countsQuery(filter, scope);
  const [row] = await sqlAll<Record<keyof ViewCounts, number | string | null>>(em, query.sql, query.params);
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  return { all: n(row?.all), unread: n(row?.unread), recents: n(row?.recents), starred: n(row?.starred), archived: n(row?.archived) };
}

export async function getConversation(ctx: CommandContext, params: CommandParams<'conversations.get'>): Promise<CommandResult<'conversations.get'>> {
  const conversation = await findConversation(ctx.em, ctx.actor.workspaceId, params.id);
  const [item] = await listItems(ctx.em, ctx.actor.userId, [conversation]);
  return item!;
}

/**
 * Upserts one user's read state and adds its event. The caller holds the conversation's lock,
 * so read states of one conversation change one writer at a time.
 */
export async function saveReadState(
  em: EntityManager,
  events: EventBatch,
  userId: string,
  conversation: Conversation,
  change: Partial<Pick<ReadState, 'lastReadSeq' | 'starred' | 'manualUnread' | 'mentioned'>>,
) {
  let state = (await em.findOne(ReadStateSchema, { conversation: conversation.id, user: userId })) as ReadState | null;
  if (!state) {
    state = em.create(ReadStateSchema, {
      id: newId(),
      workspace: em.getReference(WorkspaceSchema, events.workspaceId),
      conversation,
      user: em.getReference(UserSchema, userId),
      lastReadSeq: 0,
      starred: false,
      manualUnread: false,
      mentioned: false,
    }) as ReadState;
  }
  Object.assign(state, change);
  const saved = state;
  events.add('readstate.updated', () => ({ readState: toReadStateDto(conversation.id, userId, saved) }), conversation.id);
  return toReadStateDto(conversation.id, userId, state);
}

export async function markRead(ctx: CommandContext, params: CommandParams<'conversations.markRead'>): Promise<CommandResult<'conversations.markRead'>> {
  const { result, events } = await writeTransaction(ctx.orm, ctx.actor.workspaceId, async (em, events) => {
    const conversation = await lockConversation(em, ctx.actor.workspaceId, params.id);
    if (params.seq !== undefined && params.seq > conversation.lastSeq) {
      throw new AppError('invalid_params', `seq: the thread's newest message is ${conversation.lastSeq}.`, { path: 'seq' });
    }
    // Reading a thread also clears the agent's mention flag: they have seen it.
    return saveReadState(em, events, ctx.actor.userId, conversation, {
      lastReadSeq: params.seq ?? conversation.lastSeq,
      manualUnread: false,
      mentioned: false,
    });
  });
  ctx.publish(events);
  return result;
}

/** The caller's own marks: unread by hand and the star. */
export async function markConversation(ctx: CommandContext, params: CommandParams<'conversations.mark'>): Promise<CommandResult<'conversations.mark'>> {
  if (params.unread === undefined && params.starred === undefined) {
    throw new AppError('invalid_params', 'unread/starred: say which mark to set.', { path: 'unread' });
  }
  const { result, events } = await writeTransaction(ctx.orm, ctx.actor.workspaceId, async (em, events) => {
    const conversation = await lockConversation(em, ctx.actor.workspaceId, params.id);
    const change: Partial<Pick<ReadState, 'manualUnread' | 'starred' | 'lastReadSeq'>> = {};
    if (params.starred !== undefined) change.starred = params.starred;
    if (params.unread === true) change.manualUnread = true;
    if (params.unread === false) Object.assign(change, { manualUnread: false, lastReadSeq: conversation.lastSeq });
    return saveReadState(em, events, ctx.actor.userId, conversation, change);
  });
  ctx.publish(events);
  return result;
}
