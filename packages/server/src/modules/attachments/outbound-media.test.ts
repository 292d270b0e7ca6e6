// Files an agent sends: uploaded first, then named in messages.send. Each channel's limits are
// checked before anything is written (MMS: 10 files, 5 MB in all; WhatsApp: one file); an SMS
// with files goes as MMS, and Twilio gets a signed link to each file that opens nothing else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Attachment } from '@convkit/sdk/protocol';
import type { TestServer } from '../../testing/index.js';
import type { TestSocket } from '../../test-support/clients.js';
import type { TwilioApi } from '../../test-support/twilio-api.js';
import { startLiveWorkspace, type LiveWorkspace } from '../../test-support/twilio-workspace.js';
import type { EntityManager } from '@mikro-orm/sql';
import { sqlAll } from '../../db/sql.js';

const ACCOUNT = `AC${'c'.repeat(32)}`;
const TOKEN = 'abcdef0123456789abcdef0123456789';
const NUMBER = '+15550007777';
const MB = 1024 * 1024;
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);

describe('files sent with a message', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let conversationId: string;
  let token: string;

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER, { mediaFetch: { sweepEveryMs: 0 } });
    ({ t, api, alex, conversationId } = live);
    token = await t.token({ user: 'agent-1', name: 'Alex Rivera' });
  });
  after(async () => live?.close());

  async function upload(bytes: Buffer, type: string, name: string, bearer = token): Promise<{ status: number; body: any }> {
    const response = await fetch(`${t.url}/v1/attachments?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': type }, body: new Uint8Array(bytes) });
    return { status: response.status, body: await response.json() };
  }
  // Answers as the socket gives them, read loosely: each test asserts the fields it needs.
  const send = (params: Record<string, unknown>): Promise<any> => alex.request('messages.send', { conversationId, clientId: randomUUID(), body: '', ...params });
  const threadLength = async () => {
    const page: any = await alex.request('messages.list', { conversationId, limit: 100 });
    return (page.data.items as unknown[]).length;
  };

  it('uploads a file and sends it: an SMS with a picture goes to Twilio as MMS with a signed link to it', async () => {
    const picture = jpeg(40_000);
    const uploaded = await upload(picture, 'image/jpeg', 'kitchen.jpg');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.deepEqual({ ...uploaded.body, id: undefined }, { id: undefined, name: 'kitchen.jpg', contentType: 'image/jpeg', size: picture.length, state: 'ready', error: null });

    const sent = await send({ channel: 'sms', attachmentIds: [uploaded.body.id] });
    assert.ok(sent.ok, JSON.stringify(sent));
    assert.equal(sent.data.channel, 'mms');
    assert.deepEqual((sent.data.attachments as Attachment[]).map((a) => [a.id, a.name, a.state]), [[uploaded.body.id, 'kitchen.jpg', 'ready']]);
    // A picture with no text reads as its name in the list.
    const created = await alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.id === sent.data.id);
    assert.equal(created.type === 'message.created' && created.data.conversation.lastMessage?.preview, '📎 kitchen.jpg');
    await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === sent.data.id && e.data.message.status === 'sent', 10_000);

    const request = api.requests.at(-1)!;
    assert.equal(request['Body'], '');
    const link = request['MediaUrl']!;
    assert.match(link, new RegExp(`^${t.url}/media/${uploaded.body.id}\\?expires=\\d+&signature=`));
    // Twilio fetches it with no credentials: the link is enough, for this file only.
    const fetched = await fetch(link);
    assert.equal(fetched.status, 200);
    assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), picture);
    assert.equal(fetched.headers.get('content-type'), 'image/jpeg');
    const longer = link.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 3600}`);
    assert.equal((await fetch(longer)).status, 403, 'an expiry moved later does not open');
    assert.equal((await fetch(link.replace(/signature=[^&]+/, 'signature=AAAA'))).status, 403);
    const other = await upload(jpeg(100), 'image/jpeg', 'other.jpg');
    assert.equal((await fetch(link.replace(uploaded.body.id, other.body.id))).status, 403, 'the link opens its own file only');
  });

  it('refuses files over the channel’s limits before anything is written, naming the limit', async () => {
    const before = await threadLength();
    const big = await Promise.all([1, 2, 3].map((i) => upload(jpeg(2 * MB), 'image/jpeg', `big-${i}.jpg`)));
    const tooLarge = await send({ channel: 'mms', attachmentIds: big.map((u) => u.body.id) });
    assert.equal(tooLarge.ok, false);
    assert.equal(tooLarge.error.code, 'too_large');
    assert.equal(tooLarge.error.details.limit, 5 * MB);
    assert.match(tooLarge.error.message, /MMS takes at most 5 MB/);

    const two = await send({ channel: 'whatsapp', attachmentIds: big.slice(0, 2).map((u) => u.body.id) });
    assert.equal(two.error.code, 'too_long');
    assert.match(two.error.message, /WhatsApp carries at most 1 file/);

    const page = await upload(Buffer.from('<html><script>1</script></html>'), 'text/html', 'page.html');
    assert.equal(page.body.contentType, 'application/octet-stream');
    const refused = await send({ channel: 'sms', attachmentIds: [page.body.id] });
    assert.equal(refused.error.code, 'unsupported_media_type');
    assert.match(refused.error.message, /MMS does not carry application\/octet-stream files \(page\.html\)/);

    // Over REST too, with the status the code maps to.
    const rest = await fetch(`${t.url}/v1/conversations/${conversationId}/messages`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ clientId: randomUUID(), body: 'three', channel: 'mms', attachmentIds: big.map((u) => u.body.id) }) });
    assert.equal(rest.status, 413);
    assert.equal(await threadLength(), before, 'nothing was written');

    // The refused files are still the agent's to send within the limits.
    const one = await send({ channel: 'mms', attachmentIds: [big[0]!.body.id] });
    assert.ok(one.ok, JSON.stringify(one));
  });

  it('answers a repeated send (same clientId, same files) with the message it stored, and serves any file name', async () => {
    const name = `${'🏠'.repeat(300)}.jpg`;
    const uploaded = await upload(jpeg(500), 'image/jpeg', name);
    assert.equal(uploaded.status, 201);
    const clientId = randomUUID();
    const first = await send({ clientId, channel: 'sms', body: 'The front door', attachmentIds: [uploaded.body.id] });
    const again = await send({ clientId, channel: 'sms', body: 'The front door', attachmentIds: [uploaded.body.id] });
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal(again.data.id, first.data.id);
    const other = await send({ clientId, channel: 'sms', body: 'The front door' });
    assert.equal(other.error.code, 'conflict', 'the same clientId without the files is another message');
    // A name cut to its limit is still whole characters: the file downloads.
    const served = await fetch(`${t.url}/v1/attachments/${uploaded.body.id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(served.status, 200);
    assert.match(served.headers.get('content-disposition')!, /filename\*=UTF-8''(%F0%9F%8F%A0)+/);
  });

  it('removes an upload never sent after a day, and keeps the ones sent', async () => {
    const unsent = await upload(jpeg(300), 'image/jpeg', 'forgotten.jpg');
    const sentFile = await upload(jpeg(300), 'image/jpeg', 'sent.jpg');
    assert.ok((await send({ channel: 'mms', attachmentIds: [sentFile.body.id] })).ok);
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    await sqlAll(em, 'update attachments set created_at = ? where id in (?, ?)', [Date.now() - 25 * 3_600_000, unsent.body.id, sentFile.body.id]);
    t.server.mediaFetcher.kick();
    await t.server.mediaFetcher.idle();
    const status = async (id: string) => (await fetch(`${t.url}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } })).status;
    assert.equal(await status(unsent.body.id), 404);
    assert.equal(await status(sentFile.body.id), 200);
    const [left] = await sqlAll<{ n: number | string }>(em, 'select count(*) as n from attachment_contents where attachment_id = ?', [unsent.body.id]);
    assert.equal(Number(left!.n), 0, 'its bytes are gone too');
  });

  it('refuses a file of another workspace, one already sent, an empty message, and an upload with no bytes', async () => {
    await t.createWorkspace('neighbours');
    const theirs = await upload(jpeg(100), 'image/jpeg', 'theirs.jpg', await t.token({ workspace: 'neighbours', user: 'agent-5' }));
    assert.equal(theirs.status, 201);
    assert.equal((await send({ channel: 'mms', attachmentIds: [theirs.body.id] })).error.code, 'not_found');

    const mine = await upload(jpeg(100), 'image/jpeg', 'mine.jpg');
    assert.ok((await send({ channel: 'mms', attachmentIds: [mine.body.id] })).ok);
    const again = await send({ channel: 'mms', attachmentIds: [mine.body.id] });
    assert.equal(again.error.code, 'conflict');
    assert.match(again.error.message, /already sent with another message/);

    const empty = await send({ channel: 'sms' });
    assert.equal(empty.error.code, 'invalid_params');
    assert.equal((await upload(Buffer.alloc(0), 'image/jpeg', 'nothing.jpg')).body.error.code, 'invalid_params');
    // Over the upload limit: refused with that route's limit named (not the 1 MB of JSON bodies).
    const huge = await upload(Buffer.alloc(25 * MB + 1), 'application/pdf', 'huge.pdf');
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.details.limit, 25 * MB);
    const anonymous = await fetch(`${t.url}/v1/attachments`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg(100)) });
    assert.equal(anonymous.status, 401);
  });
});
