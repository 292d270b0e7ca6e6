// A contact's call to the workspace's voice number, with the real `twilio` SDK's TwiML and the
// loopback standing in for Twilio's API: the call is in the thread at once, rings the assignee's
// phone or the forwarding number (after the disclosure when recorded), and its entry follows the
// call to its end: answered with its talk time and recording, voicemail with the message, or
// missed. Redeliveries and late reports change nothing; a report signed for another workspace
// changes nothing here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Attachment, Message, ServerEvent } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { TestServer } from '../../testing/index.js';
import { restClient, type TestSocket } from '../../test-support/clients.js';
import type { TwilioApi } from '../../test-support/twilio-api.js';
import { postTwilio, startLiveWorkspace, twimlUrls, type LiveWorkspace } from '../../test-support/twilio-workspace.js';
import { sqlAll } from '../../db/sql.js';

const ACCOUNT = `AC${'e'.repeat(32)}`;
const TOKEN = '0123456789abcdef0123456789abcdef';
const NUMBER = '+15550007777';
const FORWARD = '+15550009999';
/** An MP3 frame header, then noise: what Twilio serves a recording as. */
const MP3 = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), randomBytes(4000)]);

type Updated = Extract<ServerEvent, { type: 'message.updated' }>;

describe('calls from contacts (Twilio Voice)', () => {
  let live: LiveWorkspace;
  let t: TestServer;
  let api: TwilioApi;
  let alex: TestSocket;
  let admin: ReturnType<typeof restClient>;
  let token: string;

  before(async () => {
    live = await startLiveWorkspace(ACCOUNT, TOKEN, NUMBER, { mediaFetch: { retryMs: 50 } });
    ({ t, api, alex } = live);
    token = await t.token({ user: 'agent-1', name: 'Alex Rivera' });
    admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
    const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid: ACCOUNT, messagingNumbers: [NUMBER], voiceNumber: NUMBER });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.webhooks.voice, `${t.url}/webhooks/twilio/demo/voice`);
  });
  after(async () => {
    await live?.close();
  });

  let sids = 0;
  const callSid = () => `CA${String(++sids).padStart(32, '0')}`;
  const voiceUrl = () => `${t.url}/webhooks/twilio/demo/voice`;

  /** A contact calls; answers the TwiML, its URLs and the entry as created. */
  async function call(from: string, sid = callSid(), contactKey: string | RegExp = from): Promise<{ twiml: string; urls: Record<string, string>; entry: Message; sid: string }> {
    const keyed = (phone: string | null) => (typeof contactKey === 'string' ? phone === contactKey : contactKey.test(phone ?? ''));
    const isCall = (e: ServerEvent) => e.type === 'message.created' && e.data.message.kind === 'call' && keyed(e.data.conversation.contact.phone);
    const earlier = new Set(alex.events.filter(isCall).map((e) => (e as Extract<ServerEvent, { type: 'message.created' }>).data.message.id));
    const created = alex.waitForEvent((e) => isCall(e) && !earlier.has((e as Extract<ServerEvent, { type: 'message.created' }>).data.message.id), 10_000);
    const answer = await postTwilio(voiceUrl(), TOKEN, { AccountSid: ACCOUNT, CallSid: sid, From: from, To: NUMBER, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01' });
    assert.equal(answer.status, 200, answer.body);
    const entry = ((await created) as Extract<ServerEvent, { type: 'message.created' }>).data.message;
    return { twiml: answer.body, urls: twimlUrls(answer.body), entry, sid };
  }

  /** The entry's next update that `done` accepts. */
  const updated = async (id: string, done: (m: Message) => boolean) => ((await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && done(e.data.message), 20_000)) as Updated).data.message;

  const setVoice = async (voice: Record<string, unknown>) => {
    const answer = await admin('PATCH', '/v1/workspace', { voice });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.voice;
  };

  it('logs the call at once, says the disclosure and rings the forwarding number; answered, the entry has its talk time and its recording', async () => {
    assert.deepEqual(await setVoice({ recordInbound: true, forwardTo: '(555) 000-9999' }), { recordInbound: true, recordOutbound: false, disclosure: null, forwardTo: FORWARD, voicemailGreeting: null });
    const { twiml, urls, entry, sid } = await call('+15550401001');
    assert.equal(entry.direction, 'inbound');
    assert.equal(entry.channel, 'call');
    assert.equal(entry.body, 'Incoming call');
    assert.equal(entry.meta.outcome, 'ringing');
    assert.match(twiml, /<Say>This call may be recorded\.<\/Say><Dial [^>]*record="record-from-answer-dual"[^>]*><Number [^>]*statusCallbackEvent="answered"[^>]*>\+15550009999<\/Number><\/Dial>/);
    assert.equal(urls.action, `${t.url}/webhooks/twilio/demo/voice/dialed?message=${entry.id}`);

    // The rung phone answers: its own leg reports it, naming the call it was dialled from.
    assert.equal(urls.statusCallback, `${t.url}/webhooks/twilio/demo/voice/status?message=${entry.id}&leg=dialed`);
    await postTwilio(urls.statusCallback!, TOKEN, { AccountSid: ACCOUNT, CallSid: `CA${'c'.repeat(32)}`, ParentCallSid: sid, CallStatus: 'in-progress' });
    await updated(entry.id, (m) => m.meta.outcome === 'in-progress');

    const hungUp = await postTwilio(urls.action!, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, DialCallStatus: 'completed', DialCallDuration: '185' });
    assert.match(hungUp.body, /<Hangup\/>/);
    const answered = await updated(entry.id, (m) => m.meta.outcome === 'answered');
    assert.equal(answered.meta.durationSeconds, 185);

    const recordingUrl = api.addRecording(MP3);
    const report = { AccountSid: ACCOUNT, CallSid: sid, RecordingSid: `RE${'1'.repeat(32)}`, RecordingUrl: recordingUrl, RecordingStatus: 'completed', RecordingDuration: '184' };
    for (let i = 0; i < 2; i++) assert.equal((await postTwilio(urls.recordingStatusCallback!, TOKEN, report)).status, 200);
    const ready = await updated(entry.id, (m) => m.attachments.some((a) => a.state === 'ready'));
    assert.deepEqual(ready.attachments.map((a: Attachment) => [a.name, a.contentType, a.size]), [['call-recording.mp3', 'audio/mpeg', MP3.length]]);
    assert.equal(ready.meta.outcome, 'answered');
    assert.ok(api.mediaReads.some((r) => r.path.endsWith('.mp3') && r.user === ACCOUNT), 'fetched from Twilio with the account');

    // Played through the server: the bearer token, or a short link for a player; a part for seeking.
    const fileId = ready.attachments[0]!.id;
    const whole = await fetch(`${t.url}/v1/attachments/${fileId}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(whole.headers.get('content-type'), 'audio/mpeg');
    assert.ok(Buffer.from(await whole.arrayBuffer()).equals(MP3));
    const link = await alex.request('attachments.link', { id: fileId });
    assert.ok(link.ok);
    const part = await fetch(link.data.url, { headers: { range: 'bytes=0-9' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 0-9/${MP3.length}`);
    assert.ok(Buffer.from(await part.arrayBuffer()).equals(MP3.subarray(0, 10)));
    // Any part, read from the database as that part alone: the middle, and the last bytes.
    const middle = await fetch(`${t.url}/v1/attachments/${fileId}`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=5-14' } });
    assert.equal(middle.headers.get('content-range'), `bytes 5-14/${MP3.length}`);
    assert.ok(Buffer.from(await middle.arrayBuffer()).equals(MP3.subarray(5, 15)));
    const last = await fetch(link.data.url, { headers: { range: 'bytes=-4' } });
    assert.ok(Buffer.from(await last.arrayBuffer()).equals(MP3.subarray(MP3.length - 4)));
    assert.equal((await fetch(link.data.url, { headers: { range: `bytes=${MP3.length}-` } })).status, 416);
    // A range that is no range is ignored: the whole file.
    const backwards = await fetch(link.data.url, { headers: { range: 'bytes=5-2' } });
    assert.equal(backwards.status, 200);
    assert.equal((await backwards.arrayBuffer()).byteLength, MP3.length);
    assert.equal((await fetch(link.data.url.replace(/signature=[^&]+/, 'signature=x'))).status, 403);

    // Late and repeated reports: the call stays answered, with one recording.
    await postTwilio(`${t.url}/webhooks/twilio/demo/voice/status`, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, CallStatus: 'completed', CallDuration: '200' });
    const list = await alex.request('messages.list', { conversationId: entry.conversationId });
    assert.ok(list.ok);
    const stored = (list.data.items as Message[]).find((m) => m.id === entry.id)!;
    assert.equal(stored.meta.outcome, 'answered');
    assert.equal(stored.attachments.length, 1);
  });

  it('rings the assigned agent’s own phone once they saved one (by placing a call)', async () => {
    await setVoice({ recordInbound: false });
    const first = await call('+15550401002');
    assert.match(first.twiml, /<Number [^>]*>\+15550009999<\/Number>/);
    assert.doesNotMatch(first.twiml, /<Say>/, 'no disclosure when inbound calls are not recorded');
    const users = await alex.request('users.list', {});
    assert.ok(users.ok);
    const alexId = (users.data as { id: string; name: string }[]).find((u) => u.name === 'Alex Rivera')!.id;
    assert.ok((await alex.request('conversations.update', { id: first.entry.conversationId, assigneeId: alexId })).ok);
    assert.ok((await alex.request('calls.start', { conversationId: first.entry.conversationId, agentPhone: '+15550102020' })).ok);
    const second = await call('+15550401002');
    assert.equal(second.entry.conversationId, first.entry.conversationId);
    assert.match(second.twiml, /<Number [^>]*>\+15550102020<\/Number>/);
  });

  it('goes to voicemail when nobody is rung or nobody answers; the entry says voicemail and keeps the message', async () => {
    await setVoice({ forwardTo: null, voicemailGreeting: 'Thanks for calling Ridge Inspections, leave a message.' });
    const { twiml, urls, entry, sid } = await call('+15550401003');
    assert.match(twiml, /^<\?xml[^>]*\?><Response><Say>Thanks for calling Ridge Inspections, leave a message\.<\/Say><Record [^>]*\/><\/Response>$/);
    assert.equal(urls.action, `${t.url}/webhooks/twilio/demo/voice/voicemail?message=${entry.id}`);
    const goodbye = await postTwilio(urls.action!, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, RecordingUrl: 'https://api.twilio.com/x', RecordingDuration: '12' });
    assert.match(goodbye.body, /<Hangup\/>/);
    const voicemail = await updated(entry.id, (m) => m.meta.outcome === 'voicemail');
    assert.equal(voicemail.meta.durationSeconds, 12);
    await postTwilio(urls.recordingStatusCallback!, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, RecordingUrl: api.addRecording(MP3), RecordingStatus: 'completed', RecordingDuration: '12' });
    const kept = await updated(entry.id, (m) => m.attachments[0]?.state === 'ready');
    assert.equal(kept.attachments[0]!.name, 'voicemail.mp3');

    // Rung and unanswered: missed at once, then the voicemail says more.
    await setVoice({ forwardTo: FORWARD });
    const rung = await call('+15550401004');
    const after = await postTwilio(rung.urls.action!, TOKEN, { AccountSid: ACCOUNT, CallSid: rung.sid, DialCallStatus: 'no-answer', DialCallDuration: '0' });
    assert.match(after.body, /<Record /);
    assert.equal((await updated(rung.entry.id, (m) => m.meta.outcome === 'missed')).meta.missed, true);
    const missedRow = (alex.events.filter((e) => e.type === 'message.updated' && e.data.message.id === rung.entry.id).at(-1) as Updated).data.conversation;
    assert.equal(missedRow.lastMessage?.preview, 'Missed call', 'the list row says the call was missed');
    await postTwilio(twimlUrls(after.body).action!, TOKEN, { AccountSid: ACCOUNT, CallSid: rung.sid, RecordingDuration: '7' });
    assert.equal((await updated(rung.entry.id, (m) => m.meta.outcome === 'voicemail')).meta.missed, false);
    const voicemailRow = (alex.events.filter((e) => e.type === 'message.updated' && e.data.message.id === rung.entry.id).at(-1) as Updated).data.conversation;
    assert.equal(voicemailRow.lastMessage?.preview, 'Voicemail, 0:07');
  });

  it('makes one entry of a call delivered five times at once, and marks it missed when it ends unanswered', async () => {
    const sid = callSid();
    const params = { AccountSid: ACCOUNT, CallSid: sid, From: '+15550401005', To: NUMBER, CallStatus: 'ringing', Direction: 'inbound' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postTwilio(voiceUrl(), TOKEN, params)));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const rows = await sqlAll<{ id: string }>(em, "select id from messages where provider = 'twilio' and provider_id = ?", [sid]);
    assert.equal(rows.length, 1);
    // The voice number's own status callback names no entry: it is found by CallSid.
    assert.equal((await postTwilio(`${t.url}/webhooks/twilio/demo/voice/status`, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, CallStatus: 'no-answer', CallDuration: '0' })).status, 200);
    await updated(rows[0]!.id, (m) => m.meta.outcome === 'missed');
  });

  it('ends answered whichever report of the end comes first, and a text after the call goes by SMS', async () => {
    await setVoice({ forwardTo: FORWARD });
    const { urls, entry, sid } = await call('+15550401008');
    // The voice number's status callback beats the Dial's action: "completed" with no answer heard of yet.
    await postTwilio(`${t.url}/webhooks/twilio/demo/voice/status`, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, CallStatus: 'completed', CallDuration: '70' });
    await updated(entry.id, (m) => m.meta.outcome === 'missed');
    await postTwilio(urls.action!, TOKEN, { AccountSid: ACCOUNT, CallSid: sid, DialCallStatus: 'completed', DialCallDuration: '61' });
    const answered = await updated(entry.id, (m) => m.meta.outcome === 'answered');
    assert.deepEqual([answered.meta.durationSeconds, answered.meta.missed], [61, false]);

    const reply = await alex.request('messages.send', { conversationId: entry.conversationId, clientId: `after-call-${sid}`, body: 'Thanks for calling, here is the address.' });
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(reply.data.channel, 'sms');
  });

  it('gives each withheld caller a contact of their own, which has no number to call back', async () => {
    const first = await call('Anonymous', callSid(), /^Withheld caller /);
    const second = await call('+266696687', callSid(), /^Withheld caller /);
    assert.notEqual(first.entry.conversationId, second.entry.conversationId);
    const got = await alex.request('conversations.get', { id: first.entry.conversationId });
    assert.ok(got.ok);
    assert.match(got.data.conversation.contact.phone, /^Withheld caller /);
    const back = await alex.request('calls.start', { conversationId: first.entry.conversationId, agentPhone: '+15550102020' });
    assert.ok(!back.ok);
    assert.equal(back.error.details?.reason, 'no_address');
  });

  it("refuses to forward calls to one of the workspace's own numbers", async () => {
    const answer = await admin('PATCH', '/v1/workspace', { voice: { forwardTo: NUMBER } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.details.path, 'voice.forwardTo');
  });

  it('refuses an unsigned or forged call and writes nothing; a step signed for another workspace changes nothing here', async () => {
    const em = t.server.orm.em.fork() as unknown as EntityManager;
    const count = async () => Number((await sqlAll<{ n: number }>(em, "select count(*) as n from messages where kind = 'call'"))[0]!.n);
    const before = await count();
    const params = { AccountSid: ACCOUNT, CallSid: callSid(), From: '+15550401006', To: NUMBER, CallStatus: 'ringing' };
    const unsigned = await fetch(voiceUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
    assert.equal(unsigned.status, 403);
    assert.equal((await postTwilio(voiceUrl(), 'f'.repeat(32), params)).status, 403);
    assert.equal(await count(), before);

    const { entry, sid } = await call('+15550401007');
    await t.createWorkspace('elsewhere');
    const [other] = await sqlAll<{ twilio_auth_token: string }>(em, "select twilio_auth_token from workspaces where slug = 'elsewhere'");
    const forged = await postTwilio(`${t.url}/webhooks/twilio/elsewhere/voice/dialed?message=${entry.id}`, other!.twilio_auth_token, { CallSid: sid, DialCallStatus: 'completed', DialCallDuration: '60' });
    assert.equal(forged.status, 200);
    const [row] = await sqlAll<{ meta: unknown }>(em, 'select meta from messages where id = ?', [entry.id]);
    const meta = (typeof row!.meta === 'string' ? JSON.parse(row!.meta) : row!.meta) as Record<string, unknown>;
    assert.equal(meta.outcome, 'ringing');
  });
});
