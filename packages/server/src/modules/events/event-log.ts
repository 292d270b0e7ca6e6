// Reading the workspace's change log. Writers append to it through EventBatch (event-batch.ts)
// inside their transaction and publish only after commit, so a client never sees an event it
// cannot read back.
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { EventSchema } from './event.entity.js';
import { AppError } from '../../errors.js';

/** Events returned per `events.since` page. */
export { EVENTS_PAGE_MAX } from '@convkit/sdk/protocol';

/**
 * Events after `seq`, oldest first. A caller more than `catchUpEvents` behind gets
 * resync_required with `details.latestSeq`: it reloads its views, then follows from there.
 */
export async function eventsSince(em: EntityManager, workspaceId: string, seq: number, limit: number, catchUpEvents: number): Promise<{ events: ServerEvent[]; hasMore: boolean }> {
  const workspace = await em.findOne(WorkspaceSchema, { id: workspaceId });
  if (!workspace) throw new AppError('not_found', 'No such workspace.');
  if (seq > workspace.lastEventSeq) {
    throw new AppError('invalid_params', `seq: ahead of the newest event (${workspace.lastEventSeq}).`, { path: 'seq' });
  }
  if (workspace.lastEventSeq - seq > catchUpEvents) {
    throw new AppError(
      'resync_required',
      `seq: ${workspace.lastEventSeq - seq} events behind, more than this server replays (${catchUpEvents}): reload, then follow events after details.latestSeq.`,
      { path: 'seq', latestSeq: workspace.lastEventSeq },
    );
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
