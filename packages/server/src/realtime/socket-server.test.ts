// A client that stops reading its socket does not make the server hold its answers forever.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/index.js';
import { connectSocket } from '../test-support/clients.js';

describe('a client that stops reading', () => {
  let t: TestServer;
  before(async () => {
    // Limits out of the way: the client keeps within them and still never reads an answer.
    t = await startTestServer({ seed: 'demo', limits: { socketCommands: { burst: 1e5, perSecond: 1e5 }, userCommands: { burst: 1e5, perSecond: 1e5 }, ipCommands: { burst: 1e5, perSecond: 1e5 }, inFlightPerSocket: 32, inFlightPerUser: 32 } });
  });
  after(async () => t.close());

  it('is disconnected once its unsent answers pile up, and the server holds them no longer', async () => {
    const client = await connectSocket(t.url, await t.token());
    const serverSide = [...t.server.io.sockets.sockets.values()].find((s) => s.id === client.socket.id);
    assert.ok(serverSide);
    const engine = client.socket.io.engine as unknown as { transport: { ws: { _socket: { pause(): void; destroy(): void } } } };
    engine.transport.ws._socket.pause();
    const deadline = Date.now() + 20_000;
    let sent = 0;
    while (serverSide.connected && Date.now() < deadline) {
      for (let i = 0; i < 200; i++) client.socket.emit('conversations.list', { limit: 100 }, () => {});
      sent += 200;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(serverSide.connected, false, `closed after ${sent} unread answers were asked for`);
    engine.transport.ws._socket.destroy();
    client.close();
  });
});
