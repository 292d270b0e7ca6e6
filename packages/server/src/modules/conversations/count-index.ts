// View counts derived incrementally instead of recounted. Each node keeps, per workspace, the
// few fields of every conversation that views and filters look at, and each agent's read
// states once that agent asks; it loads them once from a consistent snapshot and then follows
// the event log, which every write appends to in commit order (events carry the conversation
// and read state as committed). Before answering, it applies the events it has not seen, so a
// count is as fresh as the log, on any node, whoever wrote. Counting then walks memory: at
// 100,000 conversations that costs about what the first page of the list costs, where the SQL
// recount read the whole workspace every time.
import type { EntityManager } from '@mikro-orm/sql';
import { IsolationLevel } from '@mikro-orm/core';
import type { Conversation, ConversationFilter, ReadState, ServerEvent, ViewCounts } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { isPostgres, parseJson, sqlAll } from '../../db/sql.js';
import { channelBit } from '../dto.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const EVENTS_PER_READ = 1000;
/** A workspace nobody asked about for this long is dropped from memory (and reloaded when asked). */
const IDLE_MS = 10 * 60_000;

interface Row {
  open: boolean;
  assigneeId: string | null;
  labelIds: string[];
  channelMask: number;
  lastActivityAt: number;
  lastInboundSeq: number;
  contactId: string;
  group: string | null;
  /** Loaded agents' marks on this conversation, by the agent's index (kept on the row: no lookup per row when counting). */
  marks: (Marks | undefined)[];
}

interface Marks {
  lastReadSeq: number;
  starred: boolean;
  manualUnread: boolean;
  mentioned: boolean;
}

export interface CountScope {
  workspaceId: string;
  userId: string;
  recentDays: number;
  now: number;
}

/** Filters counted from memory; a search is counted by SQL. */
export function countableFromMemory(filter: ConversationFilter): boolean {
  return !filter.search?.trim();
}

const isUnread = (row: Row, mine: Marks | undefined) => row.open && (mine?.manualUnread === true || row.lastInboundSeq > (mine?.lastReadSeq ?? 0));

/** Whether a filter narrows anything: without one, the counts are the running totals. */
const narrows = (filter: ConversationFilter) => filter.assignee !== undefined || !!filter.channel || !!filter.labelId || !!filter.group || !!filter.mentionsMe;

/** Tallies of filters kept per workspace; the least recently asked is dropped past this. */
const FILTER_TALLIES = 64;

/**
 * Running counts of the rows a predicate admits, kept up to date as rows and marks change, so
 * answering walks nothing. Read marks are tallied for the agents that asked (by agent index).
 */
class Tally {
  open = 0;
  archived = 0;
  /** By agent index, for the agents tallied. */
  readonly unread = new Map<number, number>();
  readonly starred = new Map<number, number>();
  lastUsed = Date.now();

  constructor(readonly admits: (row: Row) => boolean) {}

  addRow(row: Row, sign: 1 | -1): void {
    if (!this.admits(row)) return;
    if (row.open) this.open += sign;
    else this.archived += sign;
    for (const user of this.unread.keys()) this.#addMarks(row, user, sign);
  }

  addMarks(row: Row, user: number, sign: 1 | -1): void {
    if (this.unread.has(user) && this.admits(row)) this.#addMarks(row, user, sign);
  }

  /** Starts tallying an agent's marks: one walk over the rows. */
  addUser(user: number, rows: Iterable<Row>): void {
    this.unread.set(user, 0);
    this.starred.set(user, 0);
    for (const row of rows) this.addMarks(row, user, 1);
  }

  #addMarks(row: Row, user: number, sign: 1 | -1): void {
    const mine = row.marks[user];
    if (mine?.starred) this.starred.set(user, this.starred.get(user)! + sign);
    if (isUnread(row, mine)) this.unread.set(user, this.unread.get(user)! + sign);
  }
}

/**
 * The counts without a filter (every agent's inbox and unread badge ask for them), and the open
 * rows by the hour of their last activity: Recents, of any filter, adds up whole hours and looks
 * into one.
 */
class Totals extends Tally {
  readonly byHour = new Map<number, Set<Row>>();

  constructor() {
    super(() => true);
  }

  override addRow(row: Row, sign: 1 | -1): void {
    super.addRow(row, sign);
    if (!row.open) return;
    const hour = Math.floor(row.lastActivityAt / HOUR_MS);
    let rows = this.byHour.get(hour);
    if (sign > 0) {
      if (!rows) this.byHour.set(hour, (rows = new Set()));
      rows.add(row);
    } else if (rows) {
      rows.delete(row);
      if (rows.size === 0) this.byHour.delete(hour);
    }
  }

  /** Open rows active since `since` that `tally` admits: whole hours by size, unless filtered. */
  recents(since: number, tally: Tally): number {
    const sinceHour = Math.floor(since / HOUR_MS);
    let count = 0;
    for (const [hour, rows] of this.byHour) {
      if (hour < sinceHour) continue;
      if (hour > sinceHour && tally === this) count += rows.size;
      else for (const row of rows) if (row.lastActivityAt >= since && tally.admits(row)) count++;
    }
    return count;
  }
}

class WorkspaceCounts {
  seq = 0;
  readonly totals = new Totals();
  /** By filter, with "me" resolved to the agent: the filters agents have counted lately. */
  readonly #filtered = new Map<string, Tally>();
  readonly conversations = new Map<string, Row>();
  readonly byContact = new Map<string, Set<string>>();
  /** Agents whose marks are loaded, and their index in each row's marks. */
  readonly users = new Map<string, number>();
  lastUsed = Date.now();

  #tallies(): Tally[] {
    return [this.totals, ...this.#filtered.values()];
  }

  setConversation(id: string, row: Row): void {
    const previous = this.conversations.get(id);
    if (previous) {
      for (const tally of this.#tallies()) tally.addRow(previous, -1);
      row.marks = previous.marks;
      if (previous.contactId !== row.contactId) this.byContact.get(previous.contactId)?.delete(id);
    }
    this.conversations.set(id, row);
    for (const tally of this.#tallies()) tally.addRow(row, 1);
    let ids = this.byContact.get(row.contactId);
    if (!ids) this.byContact.set(row.contactId, (ids = new Set()));
    ids.add(id);
  }

  setMarks(userId: string, conversationId: string, marks: Marks): void {
    const index = this.users.get(userId);
    const row = this.conversations.get(conversationId);
    if (index === undefined || !row) return;
    // A mark can decide whether a filter admits the row at all (mentionsMe): out and back in.
    for (const tally of this.#filtered.values()) tally.addRow(row, -1);
    this.totals.addMarks(row, index, -1);
    row.marks[index] = marks;
    this.totals.addMarks(row, index, 1);
    for (const tally of this.#filtered.values()) tally.addRow(row, 1);
  }

  /** Starts keeping an agent's marks: every row counts as unmarked until its marks are set. */
  addUser(userId: string): void {
    const index = this.users.size;
    this.users.set(userId, index);
    this.totals.addUser(index, this.conversations.values());
  }

  apply(event: ServerEvent): void {
    const data = event.data as { conversation?: Conversation; readState?: ReadState; conversationId?: string; contact?: { id: string; group: string | null } };
    // A merged conversation is gone as a deleted one is; the one it merged into is set below.
    if ((event.type === 'conversation.deleted' || event.type === 'conversation.merged') && data.conversationId) {
      const row = this.conversations.get(data.conversationId);
      if (row) {
        for (const tally of this.#tallies()) tally.addRow(row, -1);
        this.byContact.get(row.contactId)?.delete(data.conversationId);
        this.conversations.delete(data.conversationId);
      }
      if (event.type === 'conversation.deleted') return;
    }
    if (data.conversation) this.setConversation(data.conversation.id, rowOf(data.conversation));
    if (data.readState) this.setMarks(data.readState.userId, data.readState.conversationId, marksOf(data.readState));
    if (event.type === 'contact.updated' && data.contact) {
      for (const id of this.byContact.get(data.contact.id) ?? []) {
        const row = this.conversations.get(id);
        if (!row) continue;
        for (const tally of this.#filtered.values()) tally.addRow(row, -1);
        row.group = data.contact.group;
        for (const tally of this.#filtered.values()) tally.addRow(row, 1);
      }
    }
  }

  count(scope: CountScope, filter: ConversationFilter): ViewCounts {
    const user = this.users.get(scope.userId) ?? -1;
    const recentSince = scope.now - scope.recentDays * DAY_MS;
    const tally = narrows(filter) ? this.#tallyFor(scope.userId, user, filter) : this.totals;
    if (!tally.unread.has(user)) tally.addUser(user, this.conversations.values());
    tally.lastUsed = Date.now();
    return { all: tally.open, unread: tally.unread.get(user)!, recents: this.totals.recents(recentSince, tally), starred: tally.starred.get(user)!, archived: tally.archived };
  }

  /** The filter's tally, made with one walk over the rows the first time it is asked for. */
  #tallyFor(userId: string, user: number, filter: ConversationFilter): Tally {
    const assignee = filter.assignee === 'me' ? userId : filter.assignee === 'unassigned' ? null : filter.assignee;
    const channel = filter.channel ? channelBit(filter.channel) : 0;
    const mentionedUser = filter.mentionsMe ? user : undefined;
    const key = JSON.stringify([assignee, channel, filter.labelId ?? null, filter.group ?? null, mentionedUser ?? null]);
    let tally = this.#filtered.get(key);
    if (tally) return tally;
    tally = new Tally((row) => {
      if (assignee !== undefined && row.assigneeId !== assignee) return false;
      if (channel && (row.channelMask & channel) === 0) return false;
      if (filter.labelId && !row.labelIds.includes(filter.labelId)) return false;
      if (filter.group && row.group !== filter.group) return false;
      return mentionedUser === undefined || row.marks[mentionedUser]?.mentioned === true;
    });
    for (const row of this.conversations.values()) tally.addRow(row, 1);
    if (this.#filtered.size >= FILTER_TALLIES) {
      const oldest = [...this.#filtered].reduce((a, b) => (b[1].lastUsed < a[1].lastUsed ? b : a));
      this.#filtered.delete(oldest[0]);
    }
    this.#filtered.set(key, tally);
    return tally;
  }
}

function rowOf(conversation: Conversation): Row {
  return {
    open: conversation.status === 'open',
    assigneeId: conversation.assigneeId,
    labelIds: conversation.labelIds,
    channelMask: conversation.channels.reduce((mask, channel) => mask | channelBit(channel), 0),
    lastActivityAt: Date.parse(conversation.lastActivityAt),
    lastInboundSeq: conversation.lastInboundSeq,
    contactId: conversation.contact.id,
    group: conversation.contact.group,
    marks: [],
  };
}

function marksOf(state: ReadState): Marks {
  return { lastReadSeq: state.lastReadSeq, starred: state.starred, manualUnread: state.manualUnread, mentioned: state.mentioned };
}

const truthy = (value: unknown) => value === true || value === 1 || value === '1';

/** A node's index, one per ORM (one per server). */
const indexes = new WeakMap<Orm, CountIndex>();

export function countIndexFor(orm: Orm): CountIndex {
  let index = indexes.get(orm);
  if (!index) indexes.set(orm, (index = new CountIndex(orm)));
  return index;
}

/** Drops what an index holds for a workspace that was written to without events (generated test data). */
export function forgetCounts(orm: Orm, workspaceId: string): void {
  indexes.get(orm)?.forget(workspaceId);
}

/** When the server closes. */
export function closeCountIndex(orm: Orm): void {
  indexes.get(orm)?.close();
  indexes.delete(orm);
}

export class CountIndex {
  readonly #orm: Orm;
  readonly #workspaces = new Map<string, WorkspaceCounts>();
  /** One update at a time per workspace: loads and catch-ups queue behind each other. */
  readonly #turns = new Map<string, Promise<unknown>>();
  readonly #sweep: ReturnType<typeof setInterval>;

  constructor(orm: Orm) {
    this.#orm = orm;
    this.#sweep = setInterval(() => this.#dropIdle(), IDLE_MS);
    this.#sweep.unref();
  }

  async counts(scope: CountScope, filter: ConversationFilter): Promise<ViewCounts> {
    const workspace = await this.#ready(scope.workspaceId, [scope.userId]);
    return workspace.count(scope, filter);
  }

  /**
   * Brings a workspace and these agents up to date once, then counts from memory: a push round
   * (realtime/count-push.ts) counts many sockets' filters at one position of the log.
   */
  async counter(workspaceId: string, userIds: Iterable<string>): Promise<(scope: CountScope, filter: ConversationFilter) => ViewCounts> {
    const workspace = await this.#ready(workspaceId, userIds);
    return (scope, filter) => workspace.count(scope, filter);
  }

  async #ready(workspaceId: string, userIds: Iterable<string>): Promise<WorkspaceCounts> {
    const workspace = await this.#inTurn(workspaceId, async () => {
      let counts = this.#workspaces.get(workspaceId);
      if (!counts) {
        counts = await this.#load(workspaceId);
        this.#workspaces.set(workspaceId, counts);
      }
      await this.#catchUp(workspaceId, counts);
      for (const userId of userIds) {
        if (counts.users.has(userId)) continue;
        await this.#loadUser(workspaceId, userId, counts);
        await this.#catchUp(workspaceId, counts);
      }
      return counts;
    });
    workspace.lastUsed = Date.now();
    return workspace;
  }

  forget(workspaceId: string): void {
    this.#workspaces.delete(workspaceId);
  }

  close(): void {
    clearInterval(this.#sweep);
    this.#workspaces.clear();
  }

  async #inTurn<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#turns.get(workspaceId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    this.#turns.set(workspaceId, next);
    try {
      return await next;
    } finally {
      if (this.#turns.get(workspaceId) === next) this.#turns.delete(workspaceId);
    }
  }

  /** A snapshot in which the rows and the event counter agree (REPEATABLE READ on PostgreSQL). */
  #snapshot<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    // A SQLite transaction reads one snapshot already.
    const options = isPostgres(em) ? { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true } : {};
    return em.transactional(async (tx) => work(tx as EntityManager), options);
  }

  async #load(workspaceId: string): Promise<WorkspaceCounts> {
    return this.#snapshot(async (em) => {
      const counts = new WorkspaceCounts();
      counts.seq = await headSeq(em, workspaceId);
      const labels = new Map<string, string[]>();
      for (const row of await sqlAll<{ conversation_id: string; label_id: string }>(em, 'select conversation_id, label_id from conversation_labels where workspace_id = ? order by label_id', [workspaceId])) {
        const list = labels.get(row.conversation_id);
        if (list) list.push(row.label_id);
        else labels.set(row.conversation_id, [row.label_id]);
      }
      const rows = await sqlAll<Record<string, unknown>>(
        em,
        'select c.id, c.status, c.assignee_id, c.channel_mask, c.last_activity_at, c.last_inbound_seq, c.contact_id, ct."group" as contact_group from conversations c join contacts ct on ct.id = c.contact_id where c.workspace_id = ?',
        [workspaceId],
      );
      for (const row of rows) {
        const id = String(row.id);
        counts.setConversation(id, {
          open: row.status === 'open',
          assigneeId: (row.assignee_id as string | null) ?? null,
          labelIds: labels.get(id) ?? [],
          channelMask: Number(row.channel_mask ?? 0),
          lastActivityAt: Number(row.last_activity_at),
          lastInboundSeq: Number(row.last_inbound_seq),
          contactId: String(row.contact_id),
          group: (row.contact_group as string | null) ?? null,
          marks: [],
        });
      }
      return counts;
    });
  }

  /** The agent's read states as of a snapshot, then the log up to it: both agree from then on. */
  async #loadUser(workspaceId: string, userId: string, counts: WorkspaceCounts): Promise<void> {
    const { seq, marks } = await this.#snapshot(async (em) => {
      const seq = await headSeq(em, workspaceId);
      const rows = await sqlAll<Record<string, unknown>>(em, 'select conversation_id, last_read_seq, starred, manual_unread, mentioned from read_states where workspace_id = ? and user_id = ?', [workspaceId, userId]);
      const marks = new Map<string, Marks>();
      for (const row of rows) {
        marks.set(String(row.conversation_id), { lastReadSeq: Number(row.last_read_seq), starred: truthy(row.starred), manualUnread: truthy(row.manual_unread), mentioned: truthy(row.mentioned) });
      }
      return { seq, marks };
    });
    counts.addUser(userId);
    for (const [conversationId, mark] of marks) counts.setMarks(userId, conversationId, mark);
    // Events between the index's position and the snapshot: re-applying them ends on the rows'
    // own values (an event carries the row as committed), and the conversations catch up too.
    await this.#catchUp(workspaceId, counts, seq);
  }

  async #catchUp(workspaceId: string, counts: WorkspaceCounts, upTo = Number.MAX_SAFE_INTEGER): Promise<void> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    for (;;) {
      const rows = await sqlAll<{ seq: unknown; type: string; payload: unknown }>(
        em,
        `select seq, type, payload from events where workspace_id = ? and seq > ? and seq <= ? order by seq limit ${EVENTS_PER_READ}`,
        [workspaceId, counts.seq, upTo],
      );
      for (const row of rows) {
        counts.apply({ seq: Number(row.seq), type: row.type, data: parseJson(row.payload) } as ServerEvent);
        counts.seq = Number(row.seq);
      }
      if (rows.length < EVENTS_PER_READ) return;
    }
  }

  #dropIdle(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, counts] of this.#workspaces) if (counts.lastUsed < cutoff) this.#workspaces.delete(id);
  }
}

async function headSeq(em: EntityManager, workspaceId: string): Promise<number> {
  const [row] = await sqlAll<{ last_event_seq: unknown }>(em, 'select last_event_seq from workspaces where id = ?', [workspaceId]);
  return Number(row?.last_event_seq ?? 0);
}
