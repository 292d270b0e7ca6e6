// Inbound webhook -> SDK event on loopback, SQLite: from the moment the signed Twilio request
// is sent until the SDK's conversation store shows the message. Budget: median <= 10 ms.
import { performance } from 'node:perf_hooks';
import { ConvClient } from '@convkit/sdk';
import { startTestServer } from '@convkit/server/testing';
import { buildSimulatedSms, findWorkspaceBySlug } from '@convkit/server';

const WARMUP = 20;
const RUNS = 300;

const server = await startTestServer({ seed: 'demo', database: process.env.CONVKIT_BENCH_DB ?? 'sqlite' });
const client = new ConvClient({ url: server.url, token: await server.token(), transports: ['websocket'] });
await new Promise((resolve) => {
  const stop = client.session.subscribe((s) => s && (stop(), resolve()));
});
await client.conversations.load();

const ws = await findWorkspaceBySlug(server.server.orm, 'demo');

function waitForPreview(text) {
  return new Promise((resolve) => {
    const stop = client.conversations.store.subscribe((state) => {
      const top = state.byId[state.order[0]];
      if (top?.lastMessage?.preview === text) {
        stop();
        resolve(performance.now());
      }
    });
  });
}

const samples = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const body = `bench ${i}`;
  const request = buildSimulatedSms({ baseUrl: server.url, workspaceSlug: 'demo', accountSid: ws.twilioAccountSid, authToken: ws.twilioAuthToken, from: `+1555300${String(i % 50).padStart(4, '0')}`, to: ws.smsNumber, body });
  const seen = waitForPreview(body);
  const start = performance.now();
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': request.signature },
    body: new URLSearchParams(request.params).toString(),
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  const end = await seen;
  if (i >= WARMUP) samples.push(end - start);
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))].toFixed(2);
console.log(`inbound webhook -> SDK store (${process.env.CONVKIT_BENCH_DB ?? 'sqlite'}, ${RUNS} runs): median ${pct(50)} ms  p95 ${pct(95)} ms  max ${samples.at(-1).toFixed(2)} ms  (budget: median <= 10 ms)`);
client.disconnect();
await server.close();
