// One agent's uploads not yet sent with a message add up to `pendingUploadBytes` at most: past
// it an upload is refused (413, saying how much waits), whatever route it takes; sending the
// files, or another agent's own uploads, leave room.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { ok } from '../../test-support/list-all.js';

describe('uploads waiting to be sent', () => {
  let t: TestServer;
  let alex: TestSocket;
  let alexToken: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: { pendingUploadBytes: 3000 } });
    alexToken = await t.token({ user: 'agent-1' });
    alex = await connectSocket(t.url, alexToken);
  });
  after(async () => {
    alex?.close();
    await t?.close();
  });

  const upload = (token: string, bytes: number) =>
    fetch(`${t.url}/v1/attachments?name=notes.txt`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'x'.repeat(bytes) });

  it('refuses an upload past the quota, by either route, until the waiting files are sent', async () => {
    const first = await upload(alexToken, 1500);
    const second = await upload(alexToken, 1500);
    assert.deepEqual([first.status, second.status], [201, 201]);
    const refused = await upload(alexToken, 10);
    assert.equal(refused.status, 413);
    const body = (await refused.json()) as { error: { code: string; message: string; details: { limit: number } } };
    assert.equal(body.error.code, 'too_large');
    assert.equal(body.error.details.limit, 3000);
    assert.match(body.error.message, /not sent yet/);
    // The upload link counts the same files.
    const { url } = await ok<{ url: string }>(alex, 'attachments.uploadLink');
    assert.equal((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'y' })).status, 413);
    // Another agent has room of their own.
    assert.equal((await upload(await t.token({ user: 'agent-2' }), 1000)).status, 201);

    // Sent with a message, the files no longer wait: there is room again.
    const conversationId = (await ok<{ items: { conversation: { id: string } }[] }>(alex, 'conversations.list', { view: 'all', limit: 1 })).items[0]!.conversation.id;
    const ids = [((await first.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
    const sent = await restClient(t.url, alexToken)('POST', `/v1/conversations/${conversationId}/messages`, { clientId: 'files-00001', body: 'Notes attached', kind: 'note', attachmentIds: ids });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal((await upload(alexToken, 2000)).status, 201);
  });
});
