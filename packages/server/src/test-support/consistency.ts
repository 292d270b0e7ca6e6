// After a burst of concurrent writes: does what clients were told agree with what is stored?
// - the event log is gap-free and in seq order up to the workspace's counter;
// - the newest event about each conversation, read state, message and contact equals the row
//   as the API reads it back now;
// - every thread's counters match its messages, and no contact has two open conversations;
// - each agent's view counts equal the lengths of the lists they count.
import assert from 'node:assert/strict';
import type { Contact, Conversation, ConversationListItem, Message, ReadState, ServerEvent, ViewCounts } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { TestServer } from '../testing/index.js';
import { sqlAll } from '../db/sql.js';
import type { restClient } from './clients.js';

export type Rest = ReturnType<typeof restClient>;

export interface Agent {
  userId: string;
  rest: Rest;
}

async function okBody<T>(rest: Rest, method: string, path: string): Promise<T> {
  const response = await rest<T>(method, path);
  assert.equal(response.status, 200, `${method} ${path}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function allEvents(rest: Rest): Promise<ServerEvent[]> {
  const events: ServerEvent[] = [];
  for (;;) {
    const page = await okBody<{ events: ServerEvent[]; hasMore: boolean }>(rest, 'GET', `/v1/events?seq=${events.at(-1)?.seq ?? 0}&limit=500`);
    events.push(...page.events);
    if (!page.hasMore) return events;
  }
}

export async function listView(rest: Rest, view: string): Promise<ConversationListItem[]> {
  const items: ConversationListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ConversationListItem[]; nextCursor: string | null } = await okBody(rest, 'GET', `/v1/conversations?view=${view}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export async function threadOf(rest: Rest, conversationId: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const page: { items: Message[]; hasMore: boolean } = await okBody(rest, 'GET', `/v1/conversations/${conversationId}/messages?after=${messages.at(-1)?.seq ?? 0}&limit=100`);
    messages.push(...page.items);
    if (!page.hasMore) return messages;
  }
}

/** The newest event about each object, by kind. */
function newestByObject(events: ServerEvent[]) {
  const conversations = new Map<string, Conversation>();
  const readStates = new Map<string, ReadState>();
  const messages = new Map<string, Message>();
  const contacts = new Map<string, Contact>();
  const deleted = new Set<string>();
  for (const event of events) {
    const data = event.data as Record<string, any>;
    if (data.conversation) conversations.set(data.conversation.id, data.conversation);
    if (data.message) messages.set(data.message.id, data.message);
    if (data.readState) readStates.set(`${data.readState.conversationId} ${data.readState.userId}`, data.readState);
    if (data.contact) contacts.set(data.contact.id, data.contact);
    if (event.type === 'conversation.deleted') deleted.add(data.conversationId);
  }
  return { conversations, readStates, messages, contacts, deleted };
}

export async function assertConsistent(t: TestServer, workspaceId: string, agents: Agent[]): Promise<void> {
  await t.server.dispatcher.idle();
  // Sandbox delivery reports come a moment after each send: the event log ends with them.
  await t.server.sandbox.settled();
  const [first] = agents;
  assert.ok(first);
  const em = t.server.orm.em.fork() as unknown as EntityManager;

  const events = await allEvents(first.rest);
  const [counter] = await sqlAll<{ last_event_seq: unknown }>(em, 'select last_event_seq from workspaces where id = ?', [workspaceId]);
  events.forEach((event, i) => assert.ok(i === 0 || event.seq > events[i - 1]!.seq, `event seqs ascend (${event.seq} after ${events[i - 1]?.seq})`));
  assert.equal(events.at(-1)?.seq, Number(counter!.last_event_seq), 'the newest event has the workspace counter');
  const newest = newestByObject(events);

  // Conversations and each agent's read state, as the lists read them back.
  for (const agent of agents) {
    const items = [...(await listView(agent.rest, 'all')), ...(await listView(agent.rest, 'archived'))];
    const byId = new Map(items.map((item) => [item.conversation.id, item]));
    for (const [id, conversation] of newest.conversations) {
      if (newest.deleted.has(id)) continue;
      assert.deepEqual(byId.get(id)?.conversation, conversation, `conversation ${id}: newest event = stored row`);
    }
    for (const [key, readState] of newest.readStates) {
      const [conversationId, userId] = key.split(' ');
      if (userId !== agent.userId || newest.deleted.has(conversationId!)) continue;
      assert.deepEqual(byId.get(conversationId!)?.readState, readState, `read state ${key}: newest event = stored row`);
    }
    const counts = await okBody<ViewCounts>(agent.rest, 'GET', '/v1/conversations/counts');
    for (const view of ['all', 'unread', 'starred', 'archived', 'recents'] as const) {
      const listed = view === 'all' || view === 'archived' ? items.filter((i) => (i.conversation.status === 'archived') === (view === 'archived')).length : (await listView(agent.rest, view)).length;
      assert.equal(counts[view], listed, `${agent.userId}: ${view} count = its list`);
    }
  }

  // Messages, thread by thread.
  const threads = new Set([...newest.messages.values()].map((m) => m.conversationId).filter((id) => !newest.deleted.has(id)));
  for (const conversationId of threads) {
    const thread = await threadOf(first.rest, conversationId);
    const stored = new Map(thread.map((m) => [m.id, m]));
    for (const message of newest.messages.values()) {
      if (message.conversationId === conversationId) assert.deepEqual(stored.get(message.id), message, `message ${message.id}: newest event = stored row`);
    }
  }
  for (const [id, contact] of newest.contacts) {
    assert.deepEqual(await okBody(first.rest, 'GET', `/v1/contacts/${id}`), contact, `contact ${id}: newest event = stored row`);
  }

  // Counters against the rows they count.
  const badThreads = await sqlAll(
    em,
    `select c.id, c.last_seq, c.last_inbound_seq, count(m.id) as messages, coalesce(max(m.seq), 0) as max_seq,
       coalesce(max(case when m.direction = 'inbound' then m.seq end), 0) as max_inbound
     from conversations c left join messages m on m.conversation_id = c.id where c.workspace_id = ?
     group by c.id, c.last_seq, c.last_inbound_seq
     having c.last_seq <> count(m.id) or c.last_seq <> coalesce(max(m.seq), 0) or c.last_inbound_seq <> coalesce(max(case when m.direction = 'inbound' then m.seq end), 0)`,
    [workspaceId],
  );
  assert.deepEqual(badThreads, [], 'every thread counter equals its messages (no gap, no duplicate seq)');
  const doubleOpen = await sqlAll(em, "select contact_id from conversations where workspace_id = ? and status = 'open' group by contact_id having count(*) > 1", [workspaceId]);
  assert.deepEqual(doubleOpen, [], 'no contact has two open conversations');
}
