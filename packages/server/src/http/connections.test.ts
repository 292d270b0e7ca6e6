// Connections that open and close in their thousands, or never finish their request, leave the
// server serving everyone else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { startTestServer, type TestServer, coversStorageAgnosticTests } from '../testing/index.js';
import { connectSocket, restClient } from '../test-support/clients.js';

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

// Its subject is not storage: it runs in the SQLite suite alone (testing/databases.ts).
if (coversStorageAgnosticTests()) {
  describe('many connections', () => {
    let t: TestServer;
    let port: number;
    before(async () => {
      t = await startTestServer({ seed: 'demo' });
      port = Number(new URL(t.url).port);
    });
    after(async () => t.close());

    it('2,000 connections opening and closing, and 200 holding half a request, leave the server answering', async () => {
      for (let batch = 0; batch < 10; batch++) {
        const sockets = await Promise.all(Array.from({ length: 200 }, () => open(port)));
        for (const socket of sockets) socket.destroy();
      }
      // Slow clients: a request line and one header, then nothing.
      const slow = await Promise.all(Array.from({ length: 200 }, () => open(port)));
      for (const socket of slow) socket.write('GET /v1/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      try {
        const health = await fetch(`${t.url}/health`);
        assert.equal(health.status, 200);
        const list = await restClient(t.url, await t.token())('GET', '/v1/conversations?limit=1');
        assert.equal(list.status, 200);
        const socket = await connectSocket(t.url, await t.token({ user: 'agent-2' }));
        assert.equal((await socket.request('conversations.list', { limit: 1 })).ok, true);
        socket.close();
      } finally {
        for (const socket of slow) socket.destroy();
      }
    });
  });
}
