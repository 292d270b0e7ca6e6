// Messages as CSV through the SDK, with the client's own token: a conversation's for any agent,
// every conversation's for an admin, progress as the bytes come, and a refusal as a ConvError.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConvClient, isConvError } from '@convkit/sdk';
import { startTestServer, type TestServer } from '@convkit/server/testing';
import { waitFor } from './support/wait.js';

describe('CSV export from the SDK', () => {
  let t: TestServer;
  let agent: ConvClient;
  let admin: ConvClient;

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    agent = new ConvClient({ url: t.url, token: await t.token({ user: 'agent-2' }) });
    admin = new ConvClient({ url: t.url, tokenProvider: () => t.token({ user: 'agent-1', role: 'admin' }) });
    await waitFor(agent.session, Boolean);
  });
  after(async () => {
    agent.disconnect();
    admin.disconnect();
    await t.close();
  });

  it("downloads one conversation's messages for an agent, saying how many bytes have come", async () => {
    await t.simulateSms({ from: '+15558500001', body: 'Export me, please' });
    await agent.conversations.load();
    const state = await waitFor(agent.conversations.store, (s) => s.order.some((id) => s.byId[id]!.contact.phone === '+15558500001'), 5_000, 'the conversation');
    const id = state.order.find((i) => state.byId[i]!.contact.phone === '+15558500001')!;
    const progress: number[] = [];
    const csv = await agent.exportCsv(id, (bytes) => progress.push(bytes));
    const text = await csv.text();
    assert.equal(csv.type, 'text/csv;charset=utf-8');
    assert.equal(text.split('\r\n')[0], 'message_id,thread_id,date,time,contact_name,from,to,status,channel,message');
    assert.ok(text.includes('Export me, please'));
    assert.ok(progress.length > 0 && progress.at(-1) === csv.size, 'the last progress is the whole size');
  });

  it('downloads every conversation for an admin, and refuses an agent with forbidden', async () => {
    const all = await (await admin.exportCsv()).text();
    assert.ok(all.split('\r\n').length > 50, 'every seeded message');
    const refused = await agent.exportCsv().catch((error: unknown) => error);
    assert.ok(isConvError(refused));
    assert.equal(refused.code, 'forbidden');
  });
});
