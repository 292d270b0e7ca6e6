// The SQL behind views, filters, search and counts. Every condition is bound to the caller's
// workspace and user; user text only ever travels as a parameter.
import type { ConversationFilter, InboxView } from '@convkit/sdk/protocol';
import { channelBit } from '../dto.js';
import { searchCondition } from '../search/search.service.js';

export type Platform = 'sqlite' | 'postgres';

export interface Fragment {
  sql: string;
  params: unknown[];
}

export interface ListScope {
  platform: Platform;
  workspaceId: string;
  userId: string;
  recentDays: number;
  now: number;
}

const DAY_MS = 86_400_000;

/** Booleans are 0/1 on SQLite (and better-sqlite3 cannot bind true/false). */
const TRUE = (platform: Platform) => (platform === 'sqlite' ? '1' : 'true');

/** What a list row needs, read in the page query itself (no second round trip per page). */
export const LIST_COLUMNS = `c.id, c.status, c.assignee_id, c.last_message_preview, c.last_message_channel, c.last_message_kind,
  c.last_message_direction, c.last_message_at, c.last_activity_at, c.last_inbound_channel, c.channel_mask, c.last_seq,
  c.last_inbound_seq, c.version, c.created_at, ct.id as contact_id, ct.first_name, ct.last_name, ct.phone, ct.email,
  ct."group" as contact_group, rs.last_read_seq, rs.starred, rs.manual_unread, rs.mentioned`;

/** FROM + joins: the contact (group filter) and the caller's own read state. */
export const FROM = `from conversations c
  join contacts ct on ct.id = c.contact_id
  left join read_states rs on rs.conversation_id = c.id and rs.user_id = ?`;

export function viewCondition(view: InboxView, scope: ListScope): Fragment {
  const t = TRUE(scope.platform);
  const unread = `(coalesce(rs.manual_unread, ${scope.platform === 'sqlite' ? '0' : 'false'}) = ${t} or c.last_inbound_seq > coalesce(rs.last_read_seq, 0))`;
  switch (view) {
    case 'all':
      return { sql: `c.status = 'open'`, params: [] };
    case 'unread':
      return { sql: `c.status = 'open' and ${unread}`, params: [] };
    case 'recents':
      return { sql: `c.status = 'open' and c.last_activity_at >= ?`, params: [scope.now - scope.recentDays * DAY_MS] };
    case 'starred':
      return { sql: `rs.starred = ${t}`, params: [] };
    case 'archived':
      return { sql: `c.status = 'archived'`, params: [] };
  }
}

export function filterConditions(filter: ConversationFilter, scope: ListScope): Fragment[] {
  const parts: Fragment[] = [];
  if (filter.assignee === 'me') parts.push({ sql: 'c.assignee_id = ?', params: [scope.userId] });
  else if (filter.assignee === 'unassigned') parts.push({ sql: 'c.assignee_id is null', params: [] });
  else if (filter.assignee) parts.push({ sql: 'c.assignee_id = ?', params: [filter.assignee] });
  if (filter.channel) parts.push({ sql: '(c.channel_mask & ?) <> 0', params: [channelBit(filter.channel)] });
  if (filter.labelId) {
    parts.push({ sql: 'exists (select 1 from conversation_labels cl where cl.conversation_id = c.id and cl.label_id = ?)', params: [filter.labelId] });
  }
  if (filter.group) parts.push({ sql: 'ct."group" = ?', params: [filter.group] });
  if (filter.mentionsMe) parts.push({ sql: `rs.mentioned = ${TRUE(scope.platform)}`, params: [] });
  if (filter.search?.trim()) {
    const search = searchCondition(scope.platform, scope.workspaceId, filter.search);
    // Nothing searchable in the text (only punctuation): nothing can match it.
    parts.push(search ? { sql: `(${search.sql})`, params: search.params } : { sql: '1 = 0', params: [] });
  }
  return parts;
}

/** `where` for one view and filter, without keyset or order. */
export function whereFor(view: InboxView, filter: ConversationFilter, scope: ListScope): Fragment {
  const parts = [{ sql: 'c.workspace_id = ?', params: [scope.workspaceId] as unknown[] }, viewCondition(view, scope), ...filterConditions(filter, scope)];
  return { sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) };
}

/** Ids of one page, newest activity first; `after` is the keyset position of the last row seen. */
export function pageQuery(view: InboxView, filter: ConversationFilter, scope: ListScope, limit: number, after?: { at: number; id: string }): Fragment {
  const where = whereFor(view, filter, scope);
  const keyset = after ? ' and (c.last_activity_at < ? or (c.last_activity_at = ? and c.id < ?))' : '';
  return {
    sql: `select ${LIST_COLUMNS} ${FROM} where ${where.sql}${keyset} order by c.last_activity_at desc, c.id desc limit ?`,
    params: [scope.userId, ...where.params, ...(after ? [after.at, after.at, after.id] : []), limit],
  };
}

/** Every view's count under one filter, in a single pass over the workspace's conversations. */
export function countsQuery(filter: ConversationFilter, scope: ListScope): Fragment {
  const views: InboxView[] = ['all', 'unread', 'recents', 'starred', 'archived'];
  const sums = views.map((view) => viewCondition(view, scope));
  const filters = filterConditions(filter, scope);
  const where = [{ sql: 'c.workspace_id = ?', params: [scope.workspaceId] as unknown[] }, ...filters];
  return {
    sql: `select ${sums.map((s, i) => `sum(case when ${s.sql} then 1 else 0 end) as "${views[i]}"`).join(', ')} ${FROM} where ${where.map((w) => w.sql).join(' and ')}`,
    params: [...sums.flatMap((s) => s.params), scope.userId, ...where.flatMap((w) => w.params)],
  };
}
