// The server process is killed (SIGKILL) in the middle of a send through Twilio, and another one
// starts on the same database: the message goes out exactly once, whether Twilio had taken it
// before the crash or not.
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { startServerProcess, type ServerProcess } from '../testing/index.js';
import { restClient } from '../test-support/clients.js';
import { poll } from '../test-support/poll.js';
import { startTwilioApi, type ScriptedAnswer, type TwilioApi } from '../test-support/twilio-api.js';

const ACCOUNT = `AC${'9'.repeat(32)}`;
const TOKEN = '99999999999999999999999999999999';

describe('a server killed in the middle of a send', () => {
  let api: TwilioApi;
  before(async () => {
    api = await startTwilioApi(ACCOUNT, TOKEN);
  });
  after(async () => api?.close());

  const cases: [string, ScriptedAnswer, number][] = [
    // Twilio never took it: the next server sends it, once.
    ['before Twilio took the message', { status: 201, hold: true }, 2],
    // Twilio took it, and its answer died with the server: the next server finds it at Twilio.
    ['after Twilio took the message, before its answer came back', { status: 201, delayMs: 600_000 }, 1],
  ];
  for (const [moment, answer, creates] of cases) {
    it(`${moment}: it goes out exactly once`, async () => {
      api.requests.length = 0;
      api.accepted.length = 0;
      const env = { CONVKIT_TWILIO_API_URL: api.url, CONVKIT_OUTBOX_LEASE_MS: '1000' };
      let first: ServerProcess | undefined;
      let second: ServerProcess | undefined;
      try {
        first = await startServerProcess({ env });
        const admin = restClient(first.url, await first.token('admin-1', 'admin'));
        assert.equal((await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, authToken: TOKEN, messagingNumbers: ['+15550009999'] })).status, 200);
        const list = await admin('GET', '/v1/conversations?limit=20');
        const conversation = (list.body.items as { conversation: { id: string; contact: { phone: string | null } } }[]).find((i) => i.conversation.contact.phone)!.conversation;
        api.script(answer);
        const body = `Crash test: ${moment}`;
        const sent = await admin('POST', `/v1/conversations/${conversation.id}/messages`, { clientId: randomUUID(), body, channel: 'sms' });
        assert.equal(sent.status, 201, JSON.stringify(sent.body));
        await poll('the send to reach Twilio', async () => (api.requests.some((r) => r['Body'] === body) ? true : undefined));
        await first.kill();

        second = await startServerProcess({ joining: first, env });
        const rest = restClient(second.url, await second.token('admin-1', 'admin'));
        const final = await poll('the message to be sent', async () => {
          const page = await rest('GET', `/v1/conversations/${conversation.id}/messages?limit=100`);
          const message = (page.body.items as { id: string; status: string }[]).find((m) => m.id === sent.body.id);
          return message && message.status !== 'queued' && message.status !== 'sending' ? message : undefined;
        }, 30_000);
        assert.equal(final.status, 'sent');
        assert.equal(api.accepted.filter((m) => m['Body'] === body).length, 1, 'one message at Twilio');
        assert.equal(api.requests.filter((r) => r['Body'] === body).length, creates);
      } finally {
        await second?.close();
        await first?.close();
      }
    });
  }
});
