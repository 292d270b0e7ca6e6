// A workspace's Twilio account over REST, checked with Twilio (a loopback server that speaks its
// API, driven by the real SDK) before anything is saved, and never shown back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityManager } from '@mikro-orm/sql';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { restClient } from '../../test-support/clients.js';
import { startTwilioApi, type TwilioApi } from '../../test-support/twilio-api.js';
import { sqlAll } from '../../db/sql.js';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const TOKEN = 'f3b1c0ffee0123456789abcdef012345';
const API_KEY = `SK${'b'.repeat(32)}`;
const API_SECRET = 'api-key-secret-9f8e7d6c5b4a';
const OTHER_ACCOUNT = `AC${'c'.repeat(32)}`;

describe("a workspace's Twilio settings", () => {
  let t: TestServer;
  let api: TwilioApi;
  let admin: ReturnType<typeof restClient>;

  before(async () => {
    api = await startTwilioApi(ACCOUNT, TOKEN);
    api.addApiKey(API_KEY, API_SECRET);
    t = await startTestServer({ seed: 'demo', twilioApiUrl: api.url });
    admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
  });
  after(async () => {
    await t?.close();
    await api?.close();
  });

  const valid = { accountSid: ACCOUNT, authToken: TOKEN, messagingNumbers: ['(555) 000-1111'], whatsappNumber: '+15550002222', voiceNumber: '+15550003333' };

  async function everyStoredText(): Promise<string> {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    return JSON.stringify(await sqlAll(em, 'select * from twilio_accounts'));
  }

  it('starts in sandbox mode, naming the URLs to give Twilio', async () => {
    const { status, body } = await admin('GET', '/v1/workspace/twilio');
    assert.equal(status, 200);
    assert.equal(body.mode, 'sandbox');
    assert.equal(body.authToken, 'not set');
    assert.deepEqual(body.webhooks, { messages: `${t.url}/webhooks/twilio/demo/sms`, status: `${t.url}/webhooks/twilio/demo/status`, voice: `${t.url}/webhooks/twilio/demo/voice`, voiceStatus: `${t.url}/webhooks/twilio/demo/voice/status` });
  });

  it('is for admins only', async () => {
    const agent = restClient(t.url, await t.token({ user: 'agent-1' }));
    for (const [method, body] of [['GET'], ['PUT', valid], ['DELETE']] as const) {
      const answer = await agent(method, '/v1/workspace/twilio', body);
      assert.equal(answer.status, 403, method);
      assert.equal(answer.body.error.code, 'forbidden');
    }
    assert.equal(api.accountReads.length, 0, 'Twilio was not asked on behalf of an agent');
  });

  it('refuses credentials Twilio refuses, saying which, and saves nothing', async () => {
    const { status, body } = await admin('PUT', '/v1/workspace/twilio', { ...valid, authToken: 'wrong-token' });
    assert.equal(status, 422);
    assert.equal(body.error.code, 'provider_rejected');
    assert.equal(body.error.details.path, 'authToken');
    assert.equal(body.error.details.providerCode, 20003);
    assert.match(body.error.message, /Twilio refused the account SID and auth token \(error 20003\).*Nothing was saved/);
    assert.equal((await admin('GET', '/v1/workspace/twilio')).body.mode, 'sandbox');
  });

  it('refuses a suspended account', async () => {
    api.account.status = 'suspended';
    try {
      const { status, body } = await admin('PUT', '/v1/workspace/twilio', valid);
      assert.equal(status, 422);
      assert.match(body.error.message, /account is suspended/);
    } finally {
      api.account.status = 'active';
    }
  });

  it('names the field that cannot work, before asking Twilio', async () => {
    const reads = api.accountReads.length;
    const cases: [object, number, string][] = [
      [{ ...valid, messagingNumbers: ['call me'] }, 400, 'messagingNumbers[0]'],
      [{ ...valid, accountSid: 'AC123' }, 400, 'accountSid'],
      [{ accountSid: ACCOUNT, authToken: TOKEN }, 400, 'messagingNumbers'],
      [{ ...valid, publicUrl: 'ftp://example.com' }, 400, 'publicUrl'],
      [{ ...valid, apiKeySecret: API_SECRET }, 400, 'apiKeySid'],
      [{ ...valid, authToken: 'a\u0000b' }, 400, ''],
    ];
    for (const [input, status, path] of cases) {
      const answer = await admin('PUT', '/v1/workspace/twilio', input);
      assert.equal(answer.status, status, JSON.stringify(input));
      assert.equal(answer.body.error.code, 'invalid_params');
      if (path) assert.equal(answer.body.error.details.path, path);
    }
    assert.equal(api.accountReads.length, reads);
  });

  it('saves working credentials sealed, and never shows a secret back', async () => {
    const { status, body } = await admin('PUT', '/v1/workspace/twilio', valid);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.mode, 'live');
    assert.equal(body.accountName, 'Loopback account');
    assert.equal(body.authToken, 'set');
    assert.deepEqual(body.messagingNumbers, ['+15550001111']);
    assert.deepEqual(body.warnings, []);
    assert.ok(!JSON.stringify(body).includes(TOKEN));
    assert.ok(!JSON.stringify((await admin('GET', '/v1/workspace/twilio')).body).includes(TOKEN));
    const stored = await everyStoredText();
    assert.ok(stored.includes(ACCOUNT));
    assert.ok(!stored.includes(TOKEN), 'the auth token is not stored as it was given');
    assert.ok(!stored.includes(Buffer.from(TOKEN).toString('base64')), 'nor merely encoded');
  });

  it('keeps a secret left out when the account stays the same, and wants one for another account', async () => {
    const kept = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: ['+15550003333'] });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.equal(kept.body.authToken, 'set');
    const other = await admin('PUT', '/v1/workspace/twilio', { accountSid: OTHER_ACCOUNT, messagingNumbers: ['+15550003333'] });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.details.path, 'authToken');
  });

  it('takes an API key for REST calls, and warns that webhooks need the auth token', async () => {
    await admin('DELETE', '/v1/workspace/twilio');
    const before = api.accountReads.length;
    const { status, body } = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, apiKeySid: API_KEY, apiKeySecret: API_SECRET, messagingServiceSid: `MG${'d'.repeat(32)}` });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(api.accountReads.slice(before), [API_KEY]);
    assert.equal(body.apiKeySecret, 'set');
    assert.equal(body.authToken, 'not set');
    assert.match(body.warnings[0], /auth token/);
    assert.ok(!(await everyStoredText()).includes(API_SECRET));
    const wrong = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, apiKeySid: API_KEY, apiKeySecret: 'nope', messagingServiceSid: `MG${'d'.repeat(32)}` });
    assert.equal(wrong.body.error.details.path, 'apiKeySecret');
  });

  it('is each workspace’s own', async () => {
    await t.createWorkspace('acme');
    const acme = restClient(t.url, await t.token({ workspace: 'acme', user: 'boss', role: 'admin' }));
    assert.equal((await acme('GET', '/v1/workspace/twilio')).body.mode, 'sandbox');
    assert.equal((await admin('GET', '/v1/workspace/twilio')).body.mode, 'live');
  });

  it('goes back to sandbox mode when removed', async () => {
    const { status, body } = await admin('DELETE', '/v1/workspace/twilio');
    assert.equal(status, 200);
    assert.equal(body.mode, 'sandbox');
    assert.equal(await everyStoredText(), '[]');
  });

  it('says when Twilio cannot be reached, and saves nothing', async () => {
    const closed = await startTwilioApi(ACCOUNT, TOKEN);
    await closed.close();
    const offline = await startTestServer({ seed: 'demo', twilioApiUrl: closed.url });
    try {
      const boss = restClient(offline.url, await offline.token({ user: 'admin-1', role: 'admin' }));
      const { status, body } = await boss('PUT', '/v1/workspace/twilio', valid);
      assert.equal(status, 502);
      assert.equal(body.error.code, 'provider_unavailable');
      assert.match(body.error.message, /could not be reached\). Nothing was saved/);
      assert.equal((await boss('GET', '/v1/workspace/twilio')).body.mode, 'sandbox');
    } finally {
      await offline.close();
    }
  });
});
