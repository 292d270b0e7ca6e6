// Two threads that turn out to be one person's (a WhatsApp user first known only by a user id,
// then by the phone number another thread already had) become one: the messages of both in the
// order they happened, numbered afresh, with what each agent had read still read. Rare: it runs
// once per such person, in the caller's transaction, with both conversations already locked.
import type { EntityManager } from '@mikro-orm/sql';
import { sqlAll } from '../../db/sql.js';
import { newId } from '../../db/columns.js';
import type { EventBatch } from '../events/event-batch.js';
import { toReadStateDto } from '../dto.js';
import type { Conversation } from './conversation.entity.js';
import type { ReadState } from './read-state.entity.js';

/** Messages renumbered per statement: a statement's parameters stay well under SQLite's limits. */
const CHUNK = 200;

interface MessageOrder {
  id: string;
  conversation_id: string;
  seq: number;
  created_at: number;
  direction: string | null;
  channel: string | null;
}

interface ReadRow {
  id: string;
  conversation_id: string;
  user_id: string;
  last_read_seq: number;
  starred: unknown;
  manual_unread: unknown;
  mentioned: unknown;
}

/**
 * Moves `source`'s messages, labels, read states and events into `target` and deletes `source`.
 * Adds `conversation.merged` (and each agent's new read state) to the batch.
 */
export async function mergeThreads(em: EntityManager, events: EventBatch, source: Conversation, target: Conversation): Promise<void> {
  const workspaceId = events.workspaceId;
  const rows = await sqlAll<MessageOrder>(
    em,
    'select id, conversation_id, seq, created_at, direction, channel from messages where workspace_id = ? and conversation_id in (?, ?)',
    [workspaceId, source.id, target.id],
  );
  const ordered = interleave(rows, source.id);
  const newSeq = new Map(ordered.map((m, i) => [m.id, i + 1]));

  // Out of the way first (negative), so that no row's new number meets another's old one.
  await sqlAll(em, 'update messages set seq = -seq where workspace_id = ? and conversation_id in (?, ?)', [workspaceId, source.id, target.id]);
  for (let i = 0; i < ordered.length; i += CHUNK) {
    const chunk = ordered.slice(i, i + CHUNK);
    await sqlAll(
      em,
      `update messages set conversation_id = ?, seq = case id ${chunk.map(() => 'when ? then ?').join(' ')} end where id in (${chunk.map(() => '?').join(', ')})`,
      [target.id, ...chunk.flatMap((m) => [m.id, newSeq.get(m.id)]), ...chunk.map((m) => m.id)],
    );
  }

  await mergeReadStates(em, events, source, target, ordered);
  const labels = await sqlAll<{ label_id: string }>(
    em,
    'select label_id from conversation_labels l where l.conversation_id = ? and not exists (select 1 from conversation_labels t where t.conversation_id = ? and t.label_id = l.label_id)',
    [source.id, target.id],
  );
  for (const { label_id } of labels) {
    await sqlAll(em, 'insert into conversation_labels (id, workspace_id, conversation_id, label_id) values (?, ?, ?, ?)', [newId(), workspaceId, target.id, label_id]);
  }
  // The log keeps what happened in the old thread, filed now under the one that holds it.
  await sqlAll(em, 'update events set conversation_id = ? where workspace_id = ? and conversation_id = ?', [target.id, workspaceId, source.id]);

  summariseMerged(source, target, ordered);
  em.remove(source);
  events.addForConversation('conversation.merged', target, (snapshot) => ({ conversationId: source.id, conversation: snapshot.conversation }));
}

/**
 * The two threads' messages in the order they happened: each thread's own (seq) order is kept,
 * and the two are interleaved by time (the target's first on a tie), so a clock that went back
 * within one thread never reorders it.
 */
function interleave(rows: MessageOrder[], sourceId: string): MessageOrder[] {
  const typed = rows.map((r) => ({ ...r, seq: Number(r.seq), created_at: Number(r.created_at) }));
  const [fromSource, fromTarget] = [typed.filter((m) => m.conversation_id === sourceId), typed.filter((m) => m.conversation_id !== sourceId)].map((list) => list.sort((a, b) => a.seq - b.seq));
  const merged: MessageOrder[] = [];
  let i = 0;
  let j = 0;
  while (i < fromSource!.length || j < fromTarget!.length) {
    const takeSource = j >= fromTarget!.length || (i < fromSource!.length && fromSource![i]!.created_at < fromTarget![j]!.created_at);
    merged.push(takeSource ? fromSource![i++]! : fromTarget![j++]!);
  }
  return merged;
}

/** The target's summary over both threads: the newest message's, the newest inbound's, either one's channels. */
function summariseMerged(source: Conversation, target: Conversation, ordered: MessageOrder[]): void {
  const sourceIsNewer = (source.lastMessageAt ?? 0) > (target.lastMessageAt ?? 0);
  if (sourceIsNewer) {
    target.lastMessagePreview = source.lastMessagePreview;
    target.lastMessageChannel = source.lastMessageChannel;
    target.lastMessageKind = source.lastMessageKind;
    target.lastMessageDirection = source.lastMessageDirection;
    target.lastMessageAt = source.lastMessageAt;
  }
  target.lastSeq = ordered.length;
  const lastInbound = ordered.findLastIndex((m) => m.direction === 'inbound');
  target.lastInboundSeq = lastInbound + 1;
  target.lastInboundChannel = lastInbound >= 0 ? ordered[lastInbound]!.channel : null;
  target.lastActivityAt = Math.max(target.lastActivityAt, source.lastActivityAt);
  target.channelMask = (target.channelMask ?? 0) | (source.channelMask ?? 0);
  if (source.status === 'open') target.status = 'open';
  target.assignee ??= source.assignee;
}

/**
 * Each agent's read state over the merged thread: read up to the first message they had not read
 * in its own thread, so nothing unread becomes read; starred, marked unread or mentioned in either
 * stays so.
 */
async function mergeReadStates(em: EntityManager, events: EventBatch, source: Conversation, target: Conversation, ordered: MessageOrder[]): Promise<void> {
  const states = await sqlAll<ReadRow>(
    em,
    'select id, conversation_id, user_id, last_read_seq, starred, manual_unread, mentioned from read_states where workspace_id = ? and conversation_id in (?, ?)',
    [events.workspaceId, source.id, target.id],
  );
  const users = new Map<string, { source?: ReadRow; target?: ReadRow }>();
  for (const state of states) {
    const entry = users.get(state.user_id) ?? {};
    entry[state.conversation_id === source.id ? 'source' : 'target'] = state;
    users.set(state.user_id, entry);
  }
  await sqlAll(em, 'delete from read_states where conversation_id = ?', [source.id]);
  for (const [userId, { source: fromSource, target: fromTarget }] of users) {
    const readUpTo = (conversationId: string) => Number((conversationId === source.id ? fromSource : fromTarget)?.last_read_seq ?? 0);
    const unread = ordered.findIndex((m) => m.seq > readUpTo(m.conversation_id));
    const lastReadSeq = unread === -1 ? ordered.length : unread;
    const flag = (key: 'starred' | 'manual_unread' | 'mentioned') => Boolean(Number(fromSource?.[key] ?? 0)) || Boolean(Number(fromTarget?.[key] ?? 0));
    const state = { lastReadSeq, starred: flag('starred'), manualUnread: flag('manual_unread'), mentioned: flag('mentioned') };
    if (fromTarget) {
      await sqlAll(em, 'update read_states set last_read_seq = ?, starred = ?, manual_unread = ?, mentioned = ? where id = ?', [state.lastReadSeq, state.starred, state.manualUnread, state.mentioned, fromTarget.id]);
    } else {
      await sqlAll(em, 'insert into read_states (id, workspace_id, conversation_id, user_id, last_read_seq, starred, manual_unread, mentioned) values (?, ?, ?, ?, ?, ?, ?, ?)', [
        fromSource!.id,
        events.workspaceId,
        target.id,
        userId,
        state.lastReadSeq,
        state.starred,
        state.manualUnread,
        state.mentioned,
      ]);
    }
    events.add('readstate.updated', () => ({ readState: toReadStateDto(target.id, userId, state as unknown as ReadState) }), target.id);
  }
}
