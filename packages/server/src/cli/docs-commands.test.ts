// The commands the docs show, run exactly as written (from the repository root, through
// `npx convkit` and `npm run convkit`), against a test server's database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exec } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { coversStorageAgnosticTests, startTestServer, type TestServer } from '../testing/index.js';
import { databaseEnv } from '../testing/database-env.js';
import { startServerLine } from '../test-support/server-line.js';
import { startTwilioApi } from '../test-support/twilio-api.js';
import { restClient } from '../test-support/clients.js';

const run = promisify(exec);
const INBOUND_SECRET = 'docs-inbound-secret-0123';
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const doc = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** The lines of a document's sh blocks that start with `prefix`, comments dropped. */
function shLines(path: string, prefix: string): string[] {
  const blocks = [...doc(path).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith(prefix)).map((l) => l.replace(/\s+#.*$/, '').trim());
}

// Their subject is the commands as written, not storage: the SQLite suite runs them (testing/databases.ts).
if (coversStorageAgnosticTests()) {
  describe('the commands docs/server.md and README.md show', () => {
    let t: TestServer;
    let env: NodeJS.ProcessEnv;
    before(async () => {
      t = await startTestServer({ seed: 'demo', email: { inboundSecret: INBOUND_SECRET } });
      env = { ...process.env, ...databaseEnv(t.server.config.database) };
    });
    after(async () => t.close());

    it('npx convkit limits: show, set and reset, as written', async () => {
      const lines = shLines('docs/server.md', 'npx convkit limits');
      assert.equal(lines.length, 3);
      const outputs = [];
      for (const line of lines) outputs.push(JSON.parse((await run(line, { cwd: root, env })).stdout));
      assert.equal(outputs[0].override, null);
      assert.deepEqual(outputs[1].limits.socketCommands, { burst: 400, perSecond: 100 });
      assert.equal(outputs[2].override, null);
    });

    it('npm run convkit -- simulate sms and call, as README.md writes them, reach the running server', async () => {
      const lines = shLines('README.md', 'npm run convkit -- simulate');
      assert.equal(lines.length, 2);
      // The server the README means is the one the demo runs: here, the test's, as PUBLIC_URL.
      const outputs = [];
      for (const line of lines) outputs.push((await run(line, { cwd: root, env: { ...env, PUBLIC_URL: t.url } })).stdout);
      assert.match(outputs[0]!, /delivered SM[0-9a-f]{32} from \+15551230000/);
      assert.match(outputs[1]!, /called from \+15551230000 \(CA[0-9a-f]{32}\): voicemail, 20 s/);
    });

    it('npx convkit email-inbound, as written, prints the URL the workspace\'s inbound mail is taken at', async () => {
      const [line] = shLines('docs/server.md', 'npx convkit email-inbound');
      assert.ok(line);
      const url = new URL((await run(line, { cwd: root, env: { ...env, PUBLIC_URL: t.url, CONVKIT_EMAIL_INBOUND_SECRET: INBOUND_SECRET } })).stdout.trim());
      assert.equal(`${url.origin}${url.pathname}`, `${t.url}/webhooks/email/demo`);
      const email = 'From: Robin Hale <robin@example.org>\r\nTo: demo@inbound.example\r\nSubject: Docs check\r\nMessage-ID: <docs-1@example.org>\r\n\r\nPosted to the printed URL.\r\n';
      const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
      const response = await fetch(`${url.origin}${url.pathname}`, { method: 'POST', headers: { 'content-type': 'message/rfc822', authorization }, body: email });
      assert.equal(response.status, 200, await response.text());
      const refused = await run(line, { cwd: root, env: { ...env, CONVKIT_EMAIL_INBOUND_SECRET: '' } }).then(() => null, (error: { stderr: string }) => error.stderr);
      assert.match(refused ?? '', /email-inbound needs CONVKIT_EMAIL_INBOUND_SECRET/);
    });

    it('CONVKIT_LIMITS=... npx convkit start, as written, starts and serves', async () => {
      const [line] = shLines('docs/server.md', 'CONVKIT_LIMITS=');
      assert.ok(line);
      // The documented line on a free port of this machine and this test's database.
      const server = await startServerLine(line, { cwd: root, env: { ...env, PORT: '0', HOST: '127.0.0.1' } });
      try {
        assert.equal((await fetch(`${server.url}/health`)).status, 200);
      } finally {
        await server.stop();
      }
    });

    it('npm run convkit -- help lists every command README.md names', async () => {
      const named = /`npm run convkit -- help` lists\s+every command \(([^)]*)\)/.exec(doc('README.md'))?.[1];
      assert.ok(named, 'README names the commands');
      const { stdout } = await run('npm run convkit -- help', { cwd: root, env });
      for (const command of named.split(',').map((c) => c.trim().replaceAll('`', ''))) assert.match(stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
    });

    it('npx convkit twilio set, show and remove, as written: checked with Twilio, the secret from the environment', async () => {
      const [set] = shLines('docs/server.md', 'TWILIO_AUTH_TOKEN=');
      const others = shLines('docs/server.md', 'npx convkit twilio');
      assert.ok(set);
      assert.equal(others.length, 2);
      const account = /--account-sid (\S+)/.exec(set)![1]!;
      const token = /TWILIO_AUTH_TOKEN=(\S+)/.exec(set)![1]!;
      const api = await startTwilioApi(account, token);
      // The server's own key: what the CLI seals, the running server opens.
      const cli = { ...env, CONVKIT_SECRET_KEY: t.server.config.secretKey.key!, CONVKIT_TWILIO_API_URL: api.url };
      try {
        const saved = JSON.parse((await run(set, { cwd: root, env: cli })).stdout);
        assert.equal(saved.mode, 'live');
        assert.deepEqual(saved.messagingNumbers, ['+15551230000']);
        assert.ok(!JSON.stringify(saved).includes(token));
        assert.equal(api.accountReads.length, 1, 'Twilio was asked before it was saved');
        const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
        assert.equal((await admin('GET', '/v1/workspace/twilio')).body.authToken, 'set');
        const shown = JSON.parse((await run(others[0]!, { cwd: root, env: cli })).stdout);
        assert.equal(shown.authToken, 'set');
        assert.equal(JSON.parse((await run(others[1]!, { cwd: root, env: cli })).stdout).mode, 'sandbox');
        // A refused token: the command fails, says why, and saves nothing.
        const refused = await run(set.replace(token, 'wrong'), { cwd: root, env: cli }).then(() => null, (error: { code: number; stderr: string }) => error);
        assert.equal(refused?.code, 2);
        assert.match(refused!.stderr, /Twilio refused the account SID and auth token \(error 20003\)/);
        assert.equal((await admin('GET', '/v1/workspace/twilio')).body.mode, 'sandbox');
        // Without the server's key it refuses, rather than seal with a key of its own.
        const keyless = await run(set, { cwd: root, env: { ...cli, CONVKIT_SECRET_KEY: '', CONVKIT_DATA_DIR: mkdtempSync(join(tmpdir(), 'convkit-nokey-')) } }).then(() => null, (error: { code: number; stderr: string }) => error);
        assert.equal(keyless?.code, 2);
        assert.match(keyless!.stderr, /No server key: set CONVKIT_SECRET_KEY/);
      } finally {
        await api.close();
      }
    });
  });
}
