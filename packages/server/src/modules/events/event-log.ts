// The workspace's change log. Writers append inside their transaction; the caller publishes
// the returned events only after commit, so a client never sees an event it cannot read back.
import type { EntityManager } from '@mikro-orm/sql';
import type { EventPayloads, EventType, ServerEvent } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { bumpCounter } from '../../db/sql.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { EventSchema } from './event.entity.js';
import { AppError } from '../../errors.js';

/** Events returned per `events.since` page. */
export const EVENTS_PAGE_MAX = 500;

export async function nextEventSeq(em: EntityManager, workspaceId: string): Promise<number> {
  return bumpCounter(em, 'workspaces', 'last_event_seq', workspaceId);
}

export function appendEvent<T extends EventType>(
  em: EntityManager,
  workspaceId: string,
  seq: number,
  type: T,
  data: EventPayloads[T],
  conversationId: string | null = null,
): ServerEvent {
  const at = Date.now();
  em.create(EventSchema, {
    id: newId(),
    workspace: em.getReference(WorkspaceSchema, workspaceId),
    seq,
    type,
    conversationId,
    payload: data as unknown as Record<string, unknown>,
    createdAt: at,
  });
  return { seq, type, data, at: new Date(at).toISOString() } as ServerEvent;
}

/** Events after `seq`, oldest first. */
export async function eventsSince(em: EntityManager, workspaceId: string, seq: number, limit: number): Promise<{ events: ServerEvent[]; hasMore: boolean }> {
  const workspace = await em.findOne(WorkspaceSchema, { id: workspaceId });
  if (!workspace) throw new AppError('not_found', 'No such workspace.');
  if (seq > workspace.lastEventSeq) {
    throw new AppError('invalid_params', `seq: ahead of the newest event (${workspace.lastEventSeq}).`, { path: 'seq' });
  }
  const rows = await em.find(EventSchema, { workspace: workspaceId, seq: { $gt: seq } }, { orderBy: { seq: 'asc' }, limit: limit + 1 });
  // The log keeps every event for now; once it is trimmed, a seq older than the oldest kept one
  // must answer resync_required instead of a silent hole.
  const events = rows.slice(0, limit).map((row) => ({
    seq: row.seq,
    type: row.type,
    data: row.payload,
    at: new Date(row.createdAt).toISOString(),
  })) as ServerEvent[];
  return { events, hasMore: rows.length > limit };
}
