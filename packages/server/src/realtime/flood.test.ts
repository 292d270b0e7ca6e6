// One socket floods the server with 10,000 commands a second for 5 s while another agent works:
// closed within a fraction of a second, it keeps trying to come back for the rest of the 5 s.
// The server runs in a child process so its memory is its own. Speed is asserted only against
// the failure this guards (answers taking seconds); the precise figures are in bench/flood.mjs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProtocolError, Result } from '@convkit/sdk/protocol';
import { startServerProcess, type ServerProcess, coversStorageAgnosticTests } from '../testing/index.js';
import { connectSocket, type TestSocket } from '../test-support/clients.js';

const MB = 1024 * 1024;
const FLOOD_PER_SECOND = 10_000;
const FLOOD_MS = 5_000;
/** Another agent's pace: a busy agent, well under their own socket's 50 commands a second. */
const AGENT_INTERVAL_MS = 50;
const BASELINE_RUNS = 40;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

interface AgentRun {
  latencies: number[];
  failures: Result<unknown>[];
}

/** Lists the inbox every AGENT_INTERVAL_MS until `until` says stop (or `max` requests). */
async function listRepeatedly(agent: TestSocket, until: () => boolean, max: number): Promise<AgentRun> {
  const run: AgentRun = { latencies: [], failures: [] };
  for (let i = 0; i < max && !until(); i++) {
    const start = performance.now();
    // A request unanswered for 10 s is a failure to report, not a reason to stop measuring.
    const result = await agent.request('conversations.list', { limit: 20 }).catch((error: Error) => ({ ok: false as const, error: { code: 'timeout' as const, message: error.message } }));
    const took = performance.now() - start;
    if (result.ok) run.latencies.push(took);
    else run.failures.push(result);
    await sleep(Math.max(0, AGENT_INTERVAL_MS - took));
  }
  return run;
}

interface FloodRun {
  sent: number;
  answeredOk: number;
  refused: ProtocolError[];
  otherErrors: ProtocolError[];
  closed?: { reason: ProtocolError; atMs: number };
  disconnected?: { reason: string; atMs: number };
  /** Codes of the reconnects the flooder tried after it was closed, until the 5 s were up. */
  reconnects: string[];
}

/** How often a closed flooder tries to come back, as a hostile client would. */
const RECONNECT_INTERVAL_MS = 50;

/**
 * Emits conversations.list with an ack at `perSecond` for `durationMs`, in batches on a timer.
 * Once the server has closed the socket, it keeps trying to reconnect for the rest of the time,
 * as a hostile client would. Bounded in count and in time.
 */
async function flood(agent: TestSocket, perSecond: number, durationMs: number, reconnect: () => Promise<TestSocket>): Promise<FloodRun> {
  const run: FloodRun = { sent: 0, answeredOk: 0, refused: [], otherErrors: [], reconnects: [] };
  const total = Math.round((perSecond * durationMs) / 1000);
  const start = performance.now();
  const { socket } = agent;
  socket.once('session.closed', (reason: ProtocolError) => (run.closed = { reason, atMs: performance.now() - start }));
  const disconnected = new Promise<void>((resolve) =>
    socket.once('disconnect', (reason) => {
      run.disconnected = { reason, atMs: performance.now() - start };
      resolve();
    }),
  );
  const ack = (result: Result<unknown>) => {
    if (result.ok) run.answeredOk++;
    else if (result.error.code === 'rate_limited') run.refused.push(result.error);
    else run.otherErrors.push(result.error);
  };
  while (socket.connected && run.sent < total) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationMs) break;
    const due = Math.min(total, Math.ceil((elapsed * perSecond) / 1000) + 1);
    for (; run.sent < due; run.sent++) socket.emit('conversations.list', { limit: 20 }, ack);
    await sleep(5);
  }
  // The last refusals and the close may still be on their way.
  await Promise.race([disconnected, sleep(5_000)]);
  while (!socket.connected && performance.now() - start < durationMs) {
    await reconnect().then(
      (back) => {
        run.reconnects.push('connected');
        back.close();
      },
      (error: Error & { data?: ProtocolError }) => run.reconnects.push(error.data?.code ?? error.message),
    );
    await sleep(RECONNECT_INTERVAL_MS);
  }
  return run;
}

// Its subject is not storage: it runs in the SQLite suite alone (testing/databases.ts).
if (coversStorageAgnosticTests()) {
  describe('a socket flooding the server with 10,000 commands a second', () => {
    let server: ServerProcess;
    let flooder: TestSocket;
    let agent: TestSocket;
    let baseline: AgentRun;
    let during: AgentRun;
    let floodRun: FloodRun;
    let rssBefore: number;
    let rssPeak = 0;

    before(async () => {
      server = await startServerProcess();
      agent = await connectSocket(server.url, await server.token('agent-2'));
      flooder = await connectSocket(server.url, await server.token('agent-1'));
      // Warm-up: the first requests compile queries and fill caches.
      await listRepeatedly(agent, () => false, 10);
      baseline = await listRepeatedly(agent, () => false, BASELINE_RUNS);
      // What the server holds, measured after a full collection here and after the flood alike.
      await server.collectGarbage();
      rssBefore = server.rssBytes();

      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssBytes())), 100);
      const floodStart = performance.now();
      try {
        [floodRun, during] = await Promise.all([
          flood(flooder, FLOOD_PER_SECOND, FLOOD_MS, async () => connectSocket(server.url, await server.token('agent-1'))),
          listRepeatedly(agent, () => performance.now() - floodStart >= FLOOD_MS, 1_000),
        ]);
      } finally {
        clearInterval(sampler);
      }
    }, { timeout: 45_000 });

    after(async () => {
      flooder?.close();
      agent?.close();
      await server?.close();
    });

    it('refuses the flood with rate_limited, each refusal saying how long to wait', (t) => {
      t.diagnostic(`flood: ${floodRun.sent} sent, ${floodRun.answeredOk} answered, ${floodRun.refused.length} refused (rate_limited), ${floodRun.otherErrors.length} other errors`);
      assert.ok(floodRun.refused.length > 0, 'some commands were refused');
      for (const error of floodRun.refused) assert.ok(typeof error.details?.retryAfterMs === 'number' && error.details.retryAfterMs > 0, `retryAfterMs > 0: ${JSON.stringify(error)}`);
      assert.deepEqual(floodRun.otherErrors, []);
    });

    it('then tells the flooding socket why it is closed, and disconnects it', (t) => {
      t.diagnostic(`session.closed at ${floodRun.closed?.atMs.toFixed(0)} ms, disconnect (${floodRun.disconnected?.reason}) at ${floodRun.disconnected?.atMs.toFixed(0)} ms`);
      assert.ok(floodRun.closed, 'session.closed arrived');
      assert.equal(floodRun.closed.reason.code, 'rate_limited');
      assert.ok((floodRun.closed.reason.details?.retryAfterMs ?? 0) > 0);
      assert.equal(floodRun.disconnected?.reason, 'io server disconnect');
      assert.ok(floodRun.disconnected.atMs >= floodRun.closed.atMs);
    });

    it('refuses the flooder\'s every reconnect for the rest of the 5 s', (t) => {
      t.diagnostic(`reconnects after the close: ${floodRun.reconnects.length}, ${floodRun.reconnects.filter((c) => c === 'rate_limited').length} refused rate_limited`);
      assert.ok(floodRun.reconnects.length > 0, 'the flooder kept trying');
      assert.deepEqual([...new Set(floodRun.reconnects)], ['rate_limited']);
    });

    it('keeps answering another agent, about as fast as without the flood', (t) => {
      const base = median(baseline.latencies);
      const flooded = median(during.latencies);
      t.diagnostic(`agent-2 conversations.list median: ${base.toFixed(1)} ms without the flood (${baseline.latencies.length} runs), ${flooded.toFixed(1)} ms during it (${during.latencies.length} runs, max ${Math.max(...during.latencies).toFixed(1)} ms)`);
      assert.deepEqual(during.failures, [], 'every list request during the flood succeeded');
      assert.ok(during.latencies.length >= 10, `the agent kept working through the flood (${during.latencies.length} requests)`);
      // Noise on a shared 2-core machine is tens of ms; the failure this guards took seconds.
      const bound = Math.max(10 * base, base + 250);
      assert.ok(flooded <= bound, `median during the flood ${flooded.toFixed(1)} ms <= ${bound.toFixed(1)} ms`);
    });

    it('refuses to reconnect the flooding user until their penalty is over', { timeout: 5_000 }, async () => {
      const refusal = await connectSocket(server.url, await server.token('agent-1')).then(
        (socket) => {
          socket.close();
          assert.fail('agent-1 reconnected during the penalty');
        },
        (error: Error & { data?: ProtocolError }) => error,
      );
      assert.equal(refusal.data?.code, 'rate_limited');
      assert.ok((refusal.data?.details?.retryAfterMs ?? 0) > 0);
    });

    it('gives its memory back: RSS returns to within 50 MB of where it started', async (t) => {
      await server.collectGarbage();
      let rss = server.rssBytes();
      for (const deadline = performance.now() + 10_000; rss > rssBefore + 50 * MB && performance.now() < deadline; ) {
        await sleep(250);
        await server.collectGarbage();
        rss = server.rssBytes();
      }
      t.diagnostic(`server RSS: ${(rssBefore / MB).toFixed(1)} MB before, peak ${(rssPeak / MB).toFixed(1)} MB during, ${(rss / MB).toFixed(1)} MB after (${((rss - rssBefore) / MB).toFixed(1)} MB)`);
      assert.ok(rss <= rssBefore + 50 * MB, `RSS ${(rss / MB).toFixed(1)} MB <= ${(rssBefore / MB).toFixed(1)} + 50 MB`);
    });
  });
}
