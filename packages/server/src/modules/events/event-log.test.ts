// events.since: a socket client too far behind is told to resync, with the seq to follow from;
// a backend reading the log over REST pages through all of it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';

describe('events.since and how far it replays', () => {
  let t: TestServer;
  let socket: TestSocket;
  let start: number;
  before(async () => {
    t = await startTestServer({ seed: 'demo', limits: { catchUpEvents: 3 } });
    socket = await connectSocket(t.url, await t.token());
    start = socket.session.latestEventSeq;
    for (let i = 0; i < 5; i++) await t.simulateSms({ from: `+1555130000${i}`, body: `event ${i}` });
  });
  after(async () => {
    socket?.close();
    await t?.close();
  });

  it('replays up to catchUpEvents over a socket', async () => {
    const answer = await socket.request('events.since', { seq: start + 2 });
    assert.ok(answer.ok, JSON.stringify(answer));
    assert.deepEqual(answer.data.events.map((event: { seq: number }) => event.seq), [start + 3, start + 4, start + 5]);
  });

  it('answers resync_required with the newest seq to a socket further behind', async () => {
    const answer = await socket.request('events.since', { seq: start });
    assert.equal(answer.ok, false);
    assert.equal(!answer.ok && answer.error.code, 'resync_required');
    assert.equal(!answer.ok && answer.error.details?.latestSeq, start + 5);
    assert.equal(!answer.ok && answer.error.details?.path, 'seq');
  });

  it('pages through the whole log over REST, however far behind', async () => {
    const response = await restClient(t.url, await t.token())('GET', `/v1/events?seq=${start}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.events.map((event: { seq: number }) => event.seq), [1, 2, 3, 4, 5].map((n) => start + n));
  });
});
