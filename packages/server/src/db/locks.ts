// The one lock order every writer follows, so PostgreSQL never finds two writers waiting on
// each other:
//   1. conversation rows, in id order (a bulk chunk locks all of its rows in one statement);
//   2. what hangs off them: messages and the thread counter, labels, read states, and their
//      contacts (in id order, only by writers that change contacts: lockContactsOf);
//   3. the workspace's event counter, last (EventBatch.write), held from there to the commit.
// Read states and labels have no lock of their own: their writers hold the conversation's.
// SQLite has one writer at a time, so there the same statements only read.
import type { EntityManager } from '@mikro-orm/sql';
import { isPostgres, sqlAll } from './sql.js';

/** Locks the workspace's conversations among `ids`, in id order; returns the ids found. */
export async function lockConversations(em: EntityManager, workspaceId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sqlAll<{ id: string }>(
    em,
    `select id from conversations where workspace_id = ? and id in (${ids.map(() => '?').join(', ')}) order by id${isPostgres(em) ? ' for update' : ''}`,
    [workspaceId, ...ids],
  );
  return rows.map((row) => row.id);
}

/** Locks the contacts of these (already locked) conversations, in id order: for changes to the contacts themselves. */
export async function lockContactsOf(em: EntityManager, workspaceId: string, conversationIds: string[]): Promise<void> {
  if (conversationIds.length === 0 || !isPostgres(em)) return;
  await sqlAll(
    em,
    `select id from contacts where workspace_id = ? and id in (select contact_id from conversations where id in (${conversationIds.map(() => '?').join(', ')})) order by id for update`,
    [workspaceId, ...conversationIds],
  );
}
