// The counts a node derives from the event log (count-index.ts) against a full SQL recount,
// after random runs of everything that moves a conversation between views.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ConversationFilter } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, type TestSocket } from '../../test-support/clients.js';
import { listAll, ok } from '../../test-support/list-all.js';
import { findWorkspaceBySlug } from '../workspaces/workspaces.service.js';
import { platformOf } from '../../db/orm.js';
import { recountConversations } from './conversations.service.js';
import type { EntityManager } from '@mikro-orm/sql';

/** A small seeded generator, so that a failing run can be replayed from its printed seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { below: (n: number) => Math.floor(next() * n), pick: <T>(items: T[]) => items[Math.floor(next() * items.length)]! };
}

describe('view counts derived from the event log', () => {
  let t: TestServer;
  let agents: TestSocket[];
  let workspaceId: string;
  let recentDays: number;
  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: { userCommands: { burst: 100_000, perSecond: 100_000 } } });
    agents = [
      await connectSocket(t.url, await t.token({ user: 'agent-1', role: 'admin' })),
      await connectSocket(t.url, await t.token({ user: 'agent-2' })),
      await connectSocket(t.url, await t.token({ user: 'agent-3' })),
    ];
    const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    workspaceId = workspace.id;
    recentDays = workspace.recentDays;
  });
  after(async () => {
    for (const agent of agents) agent.close();
    await t.close();
  });

  async function compare(round: string): Promise<void> {
    const labels = (await ok(agents[0]!, 'labels.list')) as { id: string }[];
    const groups = [...new Set((await listAll(agents[0]!, { view: 'all' })).map((i) => i.conversation.contact.group).filter((g): g is string => !!g))];
    const filters: ConversationFilter[] = [
      {},
      { assignee: 'me' },
      { assignee: 'unassigned' },
      { assignee: agents[1]!.session.user.id },
      { channel: 'sms' },
      { channel: 'email' },
      { mentionsMe: true },
      ...labels.map((l) => ({ labelId: l.id })),
      ...groups.map((group) => ({ group })),
      { assignee: 'me', channel: 'sms' },
    ];
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    for (const agent of agents) {
      for (const filter of filters) {
        const derived = await ok(agent, 'conversations.counts', filter);
        const scope = { platform: platformOf(t.server.orm), workspaceId, userId: agent.session.user.id, recentDays, now: Date.now() };
        const recounted = await recountConversations(em, scope, filter);
        assert.deepEqual(derived, recounted, `${round}: ${agent.session.user.name}, filter ${JSON.stringify(filter)}`);
      }
    }
  }

  it('match a full recount after every round of random changes', async () => {
    const seed = Number(process.env.CONVKIT_COUNTS_SEED ?? Date.now() % 100_000);
    const random = generator(seed);
    const [admin] = agents as [TestSocket];
    const phones = Array.from({ length: 12 }, (_, i) => `+1555940${String(i).padStart(4, '0')}`);
    await compare(`seed ${seed}, before any change`);
    for (let round = 1; round <= 6; round++) {
      const conversations = (await listAll(admin, { view: 'all' })).concat(await listAll(admin, { view: 'archived' })).map((i) => i.conversation.id);
      const labels = ((await ok(admin, 'labels.list')) as { id: string }[]).map((l) => l.id);
      const users = agents.map((a) => a.session.user.id);
      const changes = Array.from({ length: 30 }, async () => {
        const agent = random.pick(agents);
        const id = random.pick(conversations);
        switch (random.below(10)) {
          case 0:
            return t.simulateSms({ from: random.pick(phones), body: `round ${round}` });
          case 1:
            return agent.request('conversations.update', { id, status: random.pick(['open', 'archived']) });
          case 2:
            return agent.request('conversations.update', { id, assigneeId: random.pick([...users, null]) });
          case 3:
            return agent.request('conversations.update', { id, addLabelIds: [random.pick(labels)] });
          case 4:
            return agent.request('conversations.update', { id, removeLabelIds: [random.pick(labels)] });
          case 5:
            return agent.request('conversations.markRead', { id });
          case 6:
            return agent.request('conversations.mark', random.below(2) ? { id, unread: random.below(2) === 0 } : { id, starred: random.below(2) === 0 });
          case 7:
            return agent.request('messages.send', { conversationId: id, clientId: randomUUID(), body: 'note', kind: 'note', mentions: [random.pick(users)] });
          case 8:
            return agent.request('conversations.bulk', { operationId: randomUUID(), target: { ids: [id, random.pick(conversations)].filter((v, i, a) => a.indexOf(v) === i) }, action: random.pick([{ type: 'archive' }, { type: 'markRead' }, { type: 'markUnread' }]) });
          default:
            return random.below(4) === 0 ? admin.request('conversations.delete', { id }) : t.simulateSms({ from: random.pick(phones), body: `again ${round}` });
        }
      });
      await Promise.all(changes);
      await compare(`seed ${seed}, round ${round}`);
    }
  });
});
