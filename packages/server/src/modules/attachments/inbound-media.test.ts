// MMS media from Twilio: the message is stored at once with its files pending, each file is then
// fetched (with the account's credentials, through Twilio's redirect), checked and kept, and
// served to the workspace's users only, never as a page. A media URL that is not Twilio's, a
// Twilio name that resolves inside our network, or a file over the cap is never fetched whole:
// the file is marked failed with the reason, and the message keeps everything else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Attachment, Message, ServerEvent } from '@convkit/sdk/protocol';
import type { TestServer } from '../../testing/index.js';
import type { TestSocket } from '../../test-support/clients.js';
import type { TwilioApi } from '../../test-support/twilio-api.js';
import { postSignedForm, startLiveWorkspace, type LiveWorkspace } from '../../test-support/twilio-workspace.js';

const ACCOUNT = `AC${'d'.repeat(32)}`;
const TOKEN = 'fedcba9876543210fedcba9876543210';
const NUMBER = '+15550006666';
const MAX_BYTES = 64 * 1024;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(500)]);

describe('MMS media from Twilio', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let token: string;
  /** A server no media URL may reach: it counts what it is asked. */
  let inside: Server;
  let insideUrl: string;
  let insideHits = 0;
  /** Names resolved by the fetcher, and what they resolve to here. */
  const resolved: string[] = [];

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER, {
      mediaFetch: { maxBytes: MAX_BYTES, retryMs: 50, resolve: async (host) => (resolved.push(host), host === 'mms.twiliocdn.com' ? ['10.0.0.7'] : ['127.0.0.1']) },
    });
    ({ t, api, alex } = live);
    token = await t.token({ user: 'agent-1', name: 'Alex Rivera' });
    inside = createServer((_request, response) => {
      insideHits++;
      response.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    });
    await new Promise<void>((resolve) => inside.listen(0, '127.0.0.1', resolve));
    insideUrl = `http://127.0.0.1:${(inside.address() as { port: number }).port}`;
  });
  after(async () => {
    await live?.close();
    await new Promise((resolve) => inside?.close(resolve));
  });

  let sids = 0;
  /** Posts an inbound MMS as Twilio does, signed; answers the message as created. */
  async function receive(from: string, media: { url: string; type: string }[], body = 'Photos of the leak'): Promise<Message> {
    const sid = `MM${String(++sids).padStart(32, '0')}`;
    const created = alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.body === body && e.data.conversation.contact.phone === from, 10_000);
    const params: Record<string, string> = { MessageSid: sid, SmsMessageSid: sid, AccountSid: ACCOUNT, From: from, To: NUMBER, Body: body, NumMedia: String(media.length), ApiVersion: '2010-04-01' };
    media.forEach((m, i) => Object.assign(params, { [`MediaUrl${i}`]: m.url, [`MediaContentType${i}`]: m.type }));
    assert.equal(await postSignedForm(`${t.url}/webhooks/twilio/demo/sms`, TOKEN, params), 200);
    return ((await created) as Extract<ServerEvent, { type: 'message.created' }>).data.message;
  }

  /** The message's files once none is pending: its first message.updated that says so. */
  async function settled(message: Message): Promise<Attachment[]> {
    if (message.attachments.every((f) => f.state !== 'pending')) return message.attachments;
    const done = (e: ServerEvent) => e.type === 'message.updated' && e.data.message.id === message.id && e.data.message.attachments.every((f) => f.state !== 'pending');
    const event = (await alex.waitForEvent(done, 20_000)) as Extract<ServerEvent, { type: 'message.updated' }>;
    return event.data.message.attachments;
  }

  const download = (id: string, bearer = token) => fetch(`${t.url}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${bearer}` } });

  it('stores the message at once with its files pending, then fetches each through Twilio with the account’s credentials', async () => {
    const message = await receive('+15550301001', [{ url: api.addMedia(JPEG, 'image/jpeg'), type: 'image/jpeg' }, { url: api.addMedia(PDF, 'application/pdf'), type: 'application/pdf' }]);
    assert.equal(message.channel, 'mms');
    assert.deepEqual(message.attachments.map((a) => [a.name, a.contentType, a.state]), [['photo-1.jpg', 'image/jpeg', 'pending'], ['file-2.pdf', 'application/pdf', 'pending']]);
    const files = await settled(message);
    assert.deepEqual(files.map((f) => [f.state, f.size]), [['ready', JPEG.length], ['ready', PDF.length]]);
    // Twilio's URL asked with the account's credentials; it redirected to its CDN.
    const reads = api.mediaReads.filter((r) => r.path.includes('/Media/') );
    assert.ok(reads.length >= 2 && reads.every((r) => r.user === ACCOUNT), JSON.stringify(api.mediaReads));

    const picture = await download(files[0]!.id);
    assert.equal(picture.status, 200);
    assert.deepEqual(Buffer.from(await picture.arrayBuffer()), JPEG);
    assert.equal(picture.headers.get('content-type'), 'image/jpeg');
    assert.match(picture.headers.get('content-disposition')!, /^inline; filename="photo-1\.jpg"/);
    assert.equal(picture.headers.get('x-content-type-options'), 'nosniff');
    assert.match(picture.headers.get('content-security-policy')!, /sandbox/);
    // A document is a download, never drawn by the browser from our origin.
    const document = await download(files[1]!.id);
    assert.deepEqual(Buffer.from(await document.arrayBuffer()), PDF);
    assert.equal(document.headers.get('content-type'), 'application/octet-stream');
    assert.match(document.headers.get('content-disposition')!, /^attachment; filename="file-2\.pdf"/);
  });

  it('serves a file to its workspace’s users only: no token is unauthenticated, another workspace’s user finds nothing', async () => {
    const [file] = await settled(await receive('+15550301002', [{ url: api.addMedia(JPEG, 'image/jpeg'), type: 'image/jpeg' }]));
    const anonymous = await fetch(`${t.url}/v1/attachments/${file!.id}`);
    assert.equal(anonymous.status, 401);
    await t.createWorkspace('elsewhere');
    const stranger = await download(file!.id, await t.token({ workspace: 'elsewhere', user: 'agent-9' }));
    assert.equal(stranger.status, 404);
    assert.equal(((await stranger.json()) as { error: { code: string } }).error.code, 'not_found');
  });

  it('keeps a “picture” whose bytes are a page as a download, never as an image', async () => {
    const page = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const [file] = await settled(await receive('+15550301003', [{ url: api.addMedia(page, 'image/jpeg'), type: 'image/jpeg' }]));
    assert.equal(file!.state, 'ready');
    assert.equal(file!.contentType, 'application/octet-stream');
    const served = await download(file!.id);
    assert.equal(served.headers.get('content-type'), 'application/octet-stream');
    assert.match(served.headers.get('content-disposition')!, /^attachment;/);
  });

  it('never fetches from a host that is not Twilio’s, nor from a Twilio name that resolves to a private address', async () => {
    const hitsBefore = insideHits;
    const message = await receive('+15550301004', [
      { url: `${insideUrl}/latest/meta-data/`, type: 'image/jpeg' },
      { url: 'http://169.254.169.254/latest/meta-data/iam', type: 'image/jpeg' },
      { url: `https://mms.twiliocdn.com/${ACCOUNT}/photo.jpg`, type: 'image/jpeg' },
    ], 'Three links');
    const files = await settled(message);
    assert.deepEqual(files.map((f) => f.state), ['failed', 'failed', 'failed']);
    assert.match(files[0]!.error!, /https only/);
    assert.match(files[1]!.error!, /https only/);
    assert.match(files[2]!.error!, /mms\.twiliocdn\.com resolves to a private address/);
    assert.equal(insideHits, hitsBefore, 'nothing inside was asked');
    assert.ok(resolved.includes('mms.twiliocdn.com'));
    assert.equal((await download(files[0]!.id)).status, 404);
    // The message itself is whole.
    assert.equal(message.body, 'Three links');
  });

  it('stops reading a file over the cap and marks it failed with the limit', async () => {
    const [file] = await settled(await receive('+15550301005', [{ url: api.addMedia(Buffer.concat([JPEG, randomBytes(MAX_BYTES)]), 'image/jpeg'), type: 'image/jpeg' }]));
    assert.equal(file!.state, 'failed');
    assert.match(file!.error!, /larger than/);
  });

  it('tries a host that fails for now again, and keeps the file once it answers', async () => {
    const [file] = await settled(await receive('+15550301006', [{ url: api.addMedia(JPEG, 'image/jpeg', { failures: 2 }), type: 'image/jpeg' }]));
    assert.equal(file!.state, 'ready');
    assert.deepEqual(Buffer.from(await (await download(file!.id)).arrayBuffer()), JPEG);
  });

  it('deletes a conversation’s files with it', async () => {
    const message = await receive('+15550301008', [{ url: api.addMedia(JPEG, 'image/jpeg'), type: 'image/jpeg' }]);
    const [file] = await settled(message);
    assert.equal((await download(file!.id)).status, 200);
    const admin = await t.token({ user: 'admin-1', role: 'admin' });
    const deleted = await fetch(`${t.url}/v1/conversations/${message.conversationId}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    assert.equal(deleted.status, 200);
    assert.equal((await download(file!.id)).status, 404);
  });

  it('stores one set of files for a webhook delivered twice', async () => {
    const url = api.addMedia(JPEG, 'image/jpeg');
    const sid = `MM${'7'.repeat(32)}`;
    const params = { MessageSid: sid, AccountSid: ACCOUNT, From: '+15550301007', To: NUMBER, Body: 'twice', NumMedia: '1', MediaUrl0: url, MediaContentType0: 'image/jpeg' };
    assert.equal(await postSignedForm(`${t.url}/webhooks/twilio/demo/sms`, TOKEN, params), 200);
    assert.equal(await postSignedForm(`${t.url}/webhooks/twilio/demo/sms`, TOKEN, params), 200);
    await t.server.mediaFetcher.idle();
    const list = await fetch(`${t.url}/v1/conversations?limit=100`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<{ items: { conversation: { id: string; contact: { phone: string } } }[] }>);
    const conversation = list.items.find((i) => i.conversation.contact.phone === '+15550301007')!.conversation;
    const thread = await fetch(`${t.url}/v1/conversations/${conversation.id}/messages?limit=10`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<{ items: Message[] }>);
    assert.equal(thread.items.length, 1);
    assert.equal(thread.items[0]!.attachments.length, 1);
  });
});
