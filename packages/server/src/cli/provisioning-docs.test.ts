// docs/server.md's "Provisioning", run as written: the admin commands against a running server
// with an admin key, then the host backend's code block, as its own file, with the secret and the
// key those commands printed. What it syncs and posts is read back, and the token it mints opens
// the inbox; the rotation's old secret keeps working through its grace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exec } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { coversStorageAgnosticTests, startTestServer, type TestServer } from '../testing/index.js';
import { databaseEnv } from '../testing/database-env.js';
import { mintToken } from '../auth/tokens.js';
import { restClient } from '../test-support/clients.js';
import { adminCommand } from './admin-command.js';
import { startWebhookReceiver } from '../test-support/webhook-receiver.js';

const run = promisify(exec);
const ADMIN_KEY = 'provisioning-docs-admin-key-0123456789';
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const section = (() => {
  const text = readFileSync(`${root}docs/server.md`, 'utf8');
  return text.slice(text.indexOf('## Provisioning'), text.indexOf('\n## Limits'));
})();
const shLines = (prefix: string) =>
  [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n')).filter((l) => l.startsWith(prefix));

if (coversStorageAgnosticTests()) {
  describe("docs/server.md's provisioning walk-through, as written", () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ seed: 'empty', adminKey: ADMIN_KEY });
    });
    after(async () => t?.close());

    it('creates a workspace and a key, and the backend code mints a working token and syncs a contact with an activity', async () => {
      const env = { ...process.env, ...databaseEnv(t.server.config.database), CONVKIT_ADMIN_KEY: ADMIN_KEY, PUBLIC_URL: t.url };
      const [create, issue, ...rest] = shLines('npx convkit admin');
      assert.ok(create && issue, 'the section shows the admin commands');
      assert.equal(rest.length, 1, 'and the rotation');
      const created = JSON.parse((await run(create, { cwd: root, env })).stdout);
      const key = JSON.parse((await run(issue, { cwd: root, env })).stdout);
      assert.match(key.key, /^ck_/);
      const slug = created.workspace.slug as string;

      const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
      const file = join(mkdtempSync(join(tmpdir(), 'convkit-host-')), 'host-backend.mjs');
      writeFileSync(file, code);
      const backendEnv = { ...process.env, CONVKIT_URL: t.url, CONVKIT_WORKSPACE: slug, CONVKIT_SIGNING_SECRET: created.signingSecret, CONVKIT_API_KEY: key.key };
      const { stdout } = await run(`node ${file}`, { env: backendEnv });
      const token = stdout.trim();

      const agent = restClient(t.url, token);
      const found = await agent('GET', '/v1/contacts/lookup?externalId=client-42');
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.equal(found.body.contact.phone, '+15555550142');
      const thread = await agent('GET', `/v1/conversations/${found.body.conversationId}/messages`);
      const card = thread.body.items.find((m: { kind: string }) => m.kind === 'activity');
      assert.deepEqual([card.body, card.meta.activity.status, card.meta.link, card.meta.source, card.author.name], ['Inspection booked', 'Scheduled', '/inspections/1042', 'api', 'CRM sync']);
      const users = await agent('GET', '/v1/users');
      assert.deepEqual(users.body.map((u: { name: string }) => u.name), ['Ivy Chen'], 'the agent signed in; the key is no agent');
      // Run again, the backend changes nothing twice (the upsert and the card's clientId).
      await run(`node ${file}`, { env: backendEnv });
      assert.equal((await agent('GET', `/v1/conversations/${found.body.conversationId}/messages`)).body.items.filter((m: { kind: string }) => m.kind === 'activity').length, 1);

      // The rotation as written: the old secret's token works through the grace, the new secret too.
      const rotated = JSON.parse((await run(rest[0]!, { cwd: root, env })).stdout);
      assert.notEqual(rotated.signingSecret, created.signingSecret);
      assert.ok(Date.parse(rotated.previousValidUntil) > Date.now() + 86_000_000);
      assert.equal((await agent('GET', '/v1/users')).status, 200);
      const fresh = (await run(`node ${file}`, { env: { ...backendEnv, CONVKIT_SIGNING_SECRET: rotated.signingSecret } })).stdout.trim();
      assert.equal((await restClient(t.url, fresh)('GET', '/v1/users')).status, 200);
    });

    it('lets the backend sync 1,000 contacts with its key, and hear the reply to its activity by webhook', async () => {
      // The same steps through the admin API itself (the CLI's calls), with the key's scopes as the docs give them.
      const operator = restClient(t.url, ADMIN_KEY);
      const slug = 'sync-1000';
      const { signingSecret: secret } = (await operator('POST', '/v1/admin/workspaces', { slug, name: 'Sync 1000' })).body;
      const [, issue] = shLines('npx convkit admin');
      const scopes = [...issue!.matchAll(/--scope (\S+)/g)].map((m) => m[1]);
      const key = (await operator('POST', `/v1/admin/workspaces/${slug}/api-keys`, { name: 'CRM sync', scopes })).body.key as string;
      const host = restClient(t.url, key);
      const receiver = await startWebhookReceiver();
      try {
        const endpoint = await host('POST', '/v1/webhooks', { url: receiver.url, events: ['message.created'] });
        assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
        receiver.setSecret(endpoint.body.secret);
        // 1,000 clients, ten requests at a time, as a nightly sync would.
        const clients = Array.from({ length: 1000 }, (_, i) => ({ externalId: `client-${i}`, phone: `+1555700${String(i).padStart(4, '0')}`, firstName: `Client ${i}` }));
        for (let i = 0; i < clients.length; i += 10) {
          const answers = await Promise.all(clients.slice(i, i + 10).map((client) => host('POST', '/v1/contacts', client)));
          for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
        }
        const { contact } = (await host('POST', '/v1/contacts', { externalId: 'client-999', firstName: 'Dana' })).body;
        assert.equal(contact.phone, '+15557000999', 'the sync made one contact per client and finds it again');
        const { item } = (await host('POST', `/v1/contacts/${contact.id}/conversation`)).body;
        await host('POST', `/v1/conversations/${item.conversation.id}/activities`, { clientId: 'inspection-7-booked', title: 'Inspection booked' });
        const agent = restClient(t.url, await mintToken(secret, { wsp: slug, sub: 'inspector-1', name: 'Ivy' }));
        const reply = await agent('POST', `/v1/conversations/${item.conversation.id}/messages`, { clientId: 'reply-000001', body: 'See you Friday at 9.' });
        const heard = await receiver.waitFor((d) => d.body.data.message.id === reply.body.id);
        assert.equal(heard.verified, true);
        assert.deepEqual([heard.body.workspace, heard.body.data.message.author.name, heard.body.data.conversation.contact.id], [slug, 'Ivy', contact.id]);
      } finally {
        await receiver.close();
      }
    });

    it('fails with the reason when the admin key is wrong or the server cannot be reached', async () => {
      // What the CLI prints before exiting 2 (main.ts), called in this process.
      const options = { slug: 'acme-inspections', name: 'Acme Inspections' };
      await assert.rejects(adminCommand(t.url, 'workspaces', 'create', options, { CONVKIT_ADMIN_KEY: 'not-the-key-not-the-key-not-the-key' }), /the server refused \(401\) unauthenticated/);
      await assert.rejects(adminCommand('http://127.0.0.1:9', 'workspaces', 'create', options, { CONVKIT_ADMIN_KEY: ADMIN_KEY }), /cannot reach the server at http:\/\/127\.0\.0\.1:9/);
      await assert.rejects(adminCommand(t.url, 'workspaces', 'create', options, {}), /needs CONVKIT_ADMIN_KEY/);
      await assert.rejects(adminCommand(t.url, 'secret', 'rotate', { workspace: 'acme-inspections', grace: ' ' }, { CONVKIT_ADMIN_KEY: ADMIN_KEY }), /--grace is a whole number of seconds/);
      await assert.rejects(adminCommand(t.url, 'agents', 'deactivate', {}, { CONVKIT_ADMIN_KEY: ADMIN_KEY }), /needs --workspace/);
    });
  });
}
