// An email's HTML body: kept apart and whole, announced on its message by size, and handed over
// REST and the socket to the agents of its own workspace only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, generateEmail, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient } from '../../test-support/clients.js';
import { findWorkspaceBySlug } from '../workspaces/workspaces.service.js';

describe('email HTML bodies', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
  });
  after(async () => t?.close());

  const email = async (phone: string, html: string) => {
    const workspace = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    return generateEmail(t.server.orm, workspace.id, { phone, email: `${phone.slice(1)}@example.com`, subject: 'Inspection report', text: 'The report is attached.', html });
  };

  it('announces the body on its message by size, and hands it over whole by REST and socket', async () => {
    const html = `<p>Report</p>${'<div>row</div>'.repeat(50_000)}`;
    const conversationId = await email('+15550402001', html);
    const agent = await connectSocket(t.url, await t.token());
    try {
      const page = await agent.request<{ items: { id: string; body: string; html: { bytes: number } | null }[] }>('messages.list', { conversationId });
      assert.ok(page.ok);
      const [message] = page.data.items;
      assert.equal(message!.body, 'The report is attached.');
      assert.deepEqual(message!.html, { bytes: Buffer.byteLength(html) });
      const viaSocket = await agent.request<{ html: string }>('messages.html', { id: message!.id });
      assert.ok(viaSocket.ok);
      assert.equal(viaSocket.data.html, html);
      const viaRest = await restClient(t.url, await t.token())('GET', `/v1/messages/${message!.id}/html`);
      assert.equal(viaRest.status, 200);
      assert.equal(viaRest.body.html, html);
    } finally {
      agent.close();
    }
  });

  it('keeps hostile text as text a database can hold, and says a message without a body has none', async () => {
    const conversationId = await email('+15550402002', '<p>a\u0000b\ud800c</p>');
    const rest = restClient(t.url, await t.token());
    const message = (await rest('GET', `/v1/conversations/${conversationId}/messages`)).body.items[0];
    assert.equal((await rest('GET', `/v1/messages/${message.id}/html`)).body.html, '<p>a\ufffdb\ufffdc</p>');
    await t.simulateSms({ from: '+15550402004', body: 'A plain SMS' });
    const plain = (await rest('GET', '/v1/conversations?view=all&limit=1')).body.items[0];
    const sms = (await rest('GET', `/v1/conversations/${plain.conversation.id}/messages`)).body.items.find((m: { html: unknown }) => m.html === null);
    const none = await rest('GET', `/v1/messages/${sms.id}/html`);
    assert.equal(none.status, 404);
    assert.equal(none.body.error.code, 'not_found');
  });

  it("finds nothing for another workspace's agent", async () => {
    const conversationId = await email('+15550402003', '<p>Private</p>');
    const rest = restClient(t.url, await t.token());
    const message = (await rest('GET', `/v1/conversations/${conversationId}/messages`)).body.items[0];
    await t.createWorkspace('next-door');
    const stranger = await restClient(t.url, await t.token({ workspace: 'next-door', user: 'agent-9' }))('GET', `/v1/messages/${message.id}/html`);
    assert.equal(stranger.status, 404);
    assert.equal(stranger.body.error.code, 'not_found');
  });
});
