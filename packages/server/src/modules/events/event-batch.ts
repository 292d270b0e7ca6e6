// The events of one write transaction, written at its end. Two rules make events agree with
// the database:
// - the workspace's event counter is bumped once, after every other row is changed, so its lock
//   (the only lock all writers share) is the last one taken and the shortest held;
// - a payload is built only then, from the rows as the transaction leaves them, with the
//   conversation rows it describes already locked (db/locks.ts): what the event says is what
//   the commit stores.
import type { EntityManager } from '@mikro-orm/sql';
import type { Conversation as ConversationDto, EventPayloads, EventType, ServerEvent } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { runWrites, sqlOf, type Sql, type Write } from '../../db/sql.js';
import { toConversationDto } from '../dto.js';
import { labelIdsFor } from '../labels/label-ids.js';
import type { Conversation } from '../conversations/conversation.entity.js';

/** What a payload builder is given: the conversation's wire shape at this event's version. */
export interface EventSnapshot {
  conversation: ConversationDto;
}

interface Pending {
  type: EventType;
  build: (snapshot: EventSnapshot) => unknown;
  conversation: Conversation | null;
  conversationId: string | null;
}

export class EventBatch {
  readonly workspaceId: string;
  #pending: Pending[] = [];

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
  }

  get size(): number {
    return this.#pending.length;
  }

  /**
   * An event about a conversation's own state: the conversation's version becomes the event's
   * seq, and the builder gets the conversation's wire shape (labels included) as committed.
   */
  addForConversation<T extends EventType>(type: T, conversation: Conversation, build: (snapshot: EventSnapshot) => EventPayloads[T]): void {
    this.#pending.push({ type, build, conversation, conversationId: conversation.id });
  }

  /** Any other event; `conversationId` files it under a conversation (deleted with it). */
  add<T extends EventType>(type: T, build: () => EventPayloads[T], conversationId: string | null = null): void {
    this.#pending.push({ type, build: () => build(), conversation: null, conversationId });
  }

  /** Writes the events inside the transaction and returns them, in seq order, to publish after commit. */
  async write(em: EntityManager): Promise<ServerEvent[]> {
    if (this.#pending.length === 0) return [];
    // Every other change reaches the database first: label rows are read back below, and the
    // counter's lock must come after every row lock this transaction takes.
    await em.flush();
    const sql = sqlOf(em);
    const last = await reserveSeqs(sql, this.workspaceId, this.#pending.length);
    const conversations = [...new Set(this.#pending.flatMap((p) => (p.conversation ? [p.conversation] : [])))];
    const labels = await labelIdsFor(sql, conversations.map((c) => c.id));
    const at = Date.now();
    const events = this.#pending.map((pending, index) => {
      const seq = last - this.#pending.length + 1 + index;
      let snapshot = undefined as unknown as EventSnapshot;
      if (pending.conversation) {
        pending.conversation.version = seq;
        snapshot = { conversation: toConversationDto(pending.conversation, labels.get(pending.conversation.id) ?? []) };
      }
      return { event: { seq, type: pending.type, data: pending.build(snapshot), at: new Date(at).toISOString() } as ServerEvent, conversationId: pending.conversationId };
    });
    await runWrites(sql, [eventsInsert(this.workspaceId, events, at)]);
    // The versions set above.
    await em.flush();
    this.#pending = [];
    return events.map((e) => e.event);
  }
}

/** Events for the log, as one statement. */
export function eventsInsert(workspaceId: string, events: { event: ServerEvent; conversationId: string | null }[], at: number): Write | null {
  if (events.length === 0) return null;
  const rows = events.map(({ event, conversationId }) => [newId(), workspaceId, event.seq, event.type, conversationId, JSON.stringify(event.data), at]);
  return { text: `insert into events (id, workspace_id, seq, type, conversation_id, payload, created_at) values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`, params: rows.flat() };
}

/** Takes `count` consecutive event seqs; returns the last. The row stays locked until commit. */
export async function reserveSeqs(sql: Sql, workspaceId: string, count: number): Promise<number> {
  const rows = await sql.all<{ value: unknown }>('update workspaces set last_event_seq = last_event_seq + ? where id = ? returning last_event_seq as value', [count, workspaceId]);
  if (rows[0]?.value === undefined) throw new Error(`workspace ${workspaceId} is missing`);
  return Number(rows[0].value);
}
