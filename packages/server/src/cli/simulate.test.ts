// `convkit simulate whatsapp|rcs|mms|call|status`, run as an operator runs it (npx, from the repository
// root) against a running server whose workspace sends through its own Twilio account (a
// loopback stands in for Twilio): each posts a signed webhook through the real inbound path.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exec } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ServerEvent } from '@convkit/sdk/protocol';
import { databaseEnv } from '../testing/database-env.js';
import { startLiveWorkspace, type LiveWorkspace } from '../test-support/twilio-workspace.js';
import { restClient } from '../test-support/clients.js';
import { coversStorageAgnosticTests } from '../testing/index.js';

const run = promisify(exec);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const ACCOUNT = `AC${'b'.repeat(32)}`;
const TOKEN = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';
const NUMBER = '+15550008888';

// Its subject is not storage: it runs in the SQLite suite alone (testing/databases.ts).
if (coversStorageAgnosticTests()) {
  describe('convkit simulate', () => {
    let live: LiveWorkspace;
    let env: NodeJS.ProcessEnv;
    const cli = (args: string) => run(`npx convkit simulate ${args} --url ${live.t.url}`, { cwd: root, env });
    const failure = (args: string) => cli(args).then(() => null, (error: { code: number; stderr: string }) => error);

    before(async () => {
      live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER);
      env = { ...process.env, ...databaseEnv(live.t.server.config.database), CONVKIT_SECRET_KEY: live.t.server.config.secretKey.key! };
    });
    after(async () => live?.close());

    const created = (from: string) => live.alex.waitForEvent((e) => e.type === 'message.created' && e.data.conversation.contact.phone === from, 15_000) as Promise<Extract<ServerEvent, { type: 'message.created' }>>;

    it('whatsapp: a WhatsApp message from the number', async () => {
      const arrived = created('+15550301101');
      const { stdout } = await cli('whatsapp --from +15550301101 --body "Hola, ¿sigue disponible?"');
      assert.match(stdout, /^delivered SM[0-9a-f]{32} from \+15550301101/);
      const { message } = (await arrived).data;
      assert.equal(message.channel, 'whatsapp');
      assert.equal(message.body, 'Hola, ¿sigue disponible?');
    });

    it('whatsapp by user id: a user who hides their number, then a message naming both (docs/server.md)', async () => {
      const userId = 'US.13491208655302741918';
      const byId = live.alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.body === 'Is the loft still free?', 15_000) as Promise<Extract<ServerEvent, { type: 'message.created' }>>;
      await cli(`whatsapp --from ${userId} --name "Ana Souza" --body "Is the loft still free?"`);
      const first = (await byId).data.conversation;
      assert.deepEqual([first.contact.name, first.contact.phone], ['Ana Souza', null]);
      const both = created('+15550301107');
      await cli(`whatsapp --from +15550301107 --user-id ${userId} --body "My number, for the viewing"`);
      const merged = (await both).data.conversation;
      assert.equal(merged.contact.id, first.contact.id, 'the id\'s contact learned the number');
      assert.equal(merged.id, first.id);
    });

    it('rcs: a message over RCS, from the same contact as their texts, on SMS', async () => {
      const arrived = created('+15550301106');
      const { stdout } = await cli('rcs --from +15550301106 --body "Sent from Google Messages"');
      assert.match(stdout, /^delivered SM[0-9a-f]{32} from \+15550301106/);
      const { message } = (await arrived).data;
      assert.deepEqual([message.channel, message.meta.via, message.body], ['sms', 'rcs', 'Sent from Google Messages']);
    });

    it('mms: a picture, fetched from Twilio as a real MMS’s is', async () => {
      const picture = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1000)]);
      const arrived = created('+15550301102');
      await cli(`mms --from +15550301102 --media-url ${live.api.addMedia(picture, 'image/jpeg')}`);
      const { message } = (await arrived).data;
      assert.equal(message.channel, 'mms');
      const kept = await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === message.id && e.data.message.attachments[0]?.state === 'ready', 15_000);
      assert.equal(kept.type === 'message.updated' && kept.data.message.attachments[0]!.size, picture.length);
    });

    it('status: Twilio’s report on a message it sent, by our message id', async () => {
      const sent = await live.alex.request('messages.send', { conversationId: live.conversationId, clientId: randomUUID(), body: 'Your inspection is at 9', channel: 'sms' });
      assert.ok(sent.ok);
      await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status === 'sent', 15_000);
      const { stdout } = await cli(`status --message ${sent.data.id} --status undelivered --error-code 30005`);
      assert.match(stdout, /^reported undelivered/);
      const report = await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status === 'undelivered', 15_000);
      assert.equal(report.type === 'message.updated' && report.data.message.error?.code, '30005');
    });

    it('call: a call rung and answered, then one left as a voicemail with its recording', async () => {
      const admin = restClient(live.t.url, await live.t.token({ user: 'admin-1', role: 'admin' }));
      assert.equal((await admin('PATCH', '/v1/workspace', { voice: { forwardTo: '+15550109999' } })).status, 200);
      const answered = created('+15550301104');
      const { stdout } = await cli('call --from +15550301104 --duration 75');
      assert.match(stdout, /^called from \+15550301104 \(CA[0-9a-f]{32}\): answered, 75 s/);
      const entry = (await answered).data.message;
      assert.equal(entry.kind, 'call');
      await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === entry.id && e.data.message.meta.outcome === 'answered' && e.data.message.meta.durationSeconds === 75, 15_000);

      const recording = Buffer.concat([Buffer.from('ID3'), randomBytes(800)]);
      const left = created('+15550301105');
      await cli(`call --from +15550301105 --outcome voicemail --duration 9 --recording-url ${live.api.addRecording(recording)}`);
      const voicemail = (await left).data.message;
      const kept = await live.alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === voicemail.id && e.data.message.meta.outcome === 'voicemail' && e.data.message.attachments[0]?.state === 'ready', 15_000);
      assert.equal(kept.type === 'message.updated' && kept.data.message.attachments[0]!.size, recording.length);
    });

    it('says what it needs, and what cannot be simulated', async () => {
      const unknown = await failure('fax --from +15550301103');
      assert.equal(unknown?.code, 2);
      assert.match(unknown!.stderr, /simulate supports: sms, whatsapp, rcs, mms, call, status/);
      assert.match((await failure('mms --from +15550301103'))!.stderr, /simulate mms needs --media-url/);
      assert.match((await failure('call --from +15550301103 --outcome hangup'))!.stderr, /--outcome: one of answered, missed, voicemail/);
      const note = await live.alex.request('messages.send', { conversationId: live.conversationId, clientId: randomUUID(), body: 'internal', kind: 'note' });
      assert.ok(note.ok);
      assert.match((await failure(`status --message ${note.data.id} --status delivered`))!.stderr, /did not go through Twilio/);
    });
  });
}
