// Runs search the way the conversation list does: the condition inside a workspace-bound query
// ordered by activity. Named *.test.helper: the package's `files` leave it out, the runner skips it.
import type { EntityManager } from '@mikro-orm/sql';
import type { SearchMatch } from '@convkit/sdk/protocol';
import { platformOf } from '../../db/orm.js';
import { sqlAll } from '../../db/sql.js';
import type { TestServer } from '../../testing/index.js';
import { findWorkspaceBySlug } from '../workspaces/workspaces.service.js';
import { searchCondition, searchMatches } from './search.service.js';

export interface SearchProbe {
  workspaceId: string;
  /** Ids of the conversations the query finds, newest activity first ([] when nothing is searchable). */
  find(query: string): Promise<string[]>;
  explain(conversationIds: string[], query: string): Promise<Map<string, SearchMatch>>;
  /** The conversation of the contact with this E.164 phone. */
  conversationOfPhone(phone: string): Promise<string>;
  sql<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function searchProbe(t: TestServer, slug = 'demo'): Promise<SearchProbe> {
  const orm = t.server.orm;
  const platform = platformOf(orm);
  const workspace = await findWorkspaceBySlug(orm, slug);
  if (!workspace) throw new Error(`no workspace ${slug}`);
  const workspaceId = workspace.id;
  const em = () => orm.em.fork() as unknown as EntityManager;
  const sql = <T,>(text: string, params: unknown[] = []) => sqlAll<T>(em(), text, params);
  return {
    workspaceId,
    async find(query) {
      const condition = searchCondition(platform, workspaceId, query);
      if (!condition) return [];
      const rows = await sql<{ id: string }>(
        `select c.id from conversations c where c.workspace_id = ? and (${condition.sql}) order by c.last_activity_at desc, c.id desc`,
        [workspaceId, ...condition.params],
      );
      return rows.map((row) => row.id);
    },
    explain: (conversationIds, query) => searchMatches(em(), platform, workspaceId, conversationIds, query),
    async conversationOfPhone(phone) {
      const rows = await sql<{ id: string }>('select c.id from conversations c join contacts ct on ct.id = c.contact_id where c.workspace_id = ? and ct.phone = ?', [workspaceId, phone]);
      if (rows.length !== 1) throw new Error(`${rows.length} conversations for ${phone}`);
      return rows[0]!.id;
    },
    sql,
  };
}
