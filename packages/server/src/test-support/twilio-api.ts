// A loopback server that speaks the part of Twilio's REST API Convkit calls, so tests drive the
// real `twilio` SDK: it checks the account's Basic auth, answers from a script of responses
// (Twilio's error bodies included), and records every request and every message it accepted.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { contentPage, type ContentResource } from './twilio-content.js';

export interface ScriptedAnswer {
  /** An HTTP status; 0 hangs up after reading the request, as a connection lost mid-send. */
  status: number;
  /** Twilio's error code, for an error answer. */
  code?: number;
  message?: string;
  /** For an accepted message: waits this long (ms) before answering; Twilio has it, its answer is on the way. */
  delayMs?: number;
  /** For an accepted message: hangs up instead of answering, as a connection lost after Twilio took it. */
  hangUp?: boolean;
  /** Neither takes the message nor answers: the request waits until its connection is gone. */
  hold?: boolean;
}

export interface TwilioApi {
  url: string;
  /** Every Messages.json request, in order, with its form fields. */
  requests: Record<string, string>[];
  /** When each of `requests` arrived (ms since the epoch). */
  times: number[];
  /** The messages it accepted (201), with the sid it gave each. */
  accepted: (Record<string, string> & { sid: string })[];
  /** Answers for the next requests, in order; once used up, every request is accepted. */
  script(...answers: ScriptedAnswer[]): void;
  /** What reading the account answers: its status (Twilio's active, suspended or closed). */
  account: { status: string; friendlyName: string };
  /** Every listing of messages, with its query (reconciliation asks before sending again). */
  lists: Record<string, string>[];
  /** Every read of the account, by the user (account or API key SID) it authenticated as. */
  accountReads: string[];
  /** Lets an API key in, as well as the account's auth token. */
  addApiKey(sid: string, secret: string): void;
  /** Told of each message as it is accepted, before the answer goes out (a status callback can beat it). */
  onAccepted(listener: (message: Record<string, string> & { sid: string }) => void): void;
  /**
   * Media of an inbound message, at Twilio's URL for it (auth required), which redirects to a
   * CDN path as Twilio's does. `failures`: how many fetches answer 500 first.
   */
  addMedia(body: Buffer, contentType: string, options?: { failures?: number }): string;
  /** A call's recording at Twilio (auth required); answers its RecordingUrl, which is served with ".mp3" after it. */
  addRecording(body: Buffer): string;
  /** Every Calls.json request (click to call), in order, with its form fields; `Sid`: the sid the call was given (none when refused). */
  calls: Record<string, string>[];
  /** Answers for the next Calls.json requests; once used up, every call is taken. */
  scriptCalls(...answers: ScriptedAnswer[]): void;
  /**
   * How a call is, as reading its Calls resource answers (Twilio's status and its length in
   * seconds); a call never set here is not found (404), as Twilio answers for a sid it has not.
   */
  setCall(sid: string, status: string, durationSeconds?: number): void;
  /** Every read of a call's resource, by sid. */
  callReads: string[];
  /** Every fetch of media: the path, and the user its Basic auth named ('' for none). */
  mediaReads: { path: string; user: string }[];
  /** The account's templates (Content API), as ContentAndApprovals lists them; `contentReads` counts its listings. */
  contents: ContentResource[];
  contentReads: number;
  /** When set, listing the templates is refused with this status and Twilio code. */
  contentRefusal: { status: number; code: number; message: string } | null;
  close(): Promise<void>;
}

async function formOf(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const fields = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  // A field given more than once (an MMS's MediaUrl) keeps every value, one per line.
  return Object.fromEntries([...new Set(fields.keys())].map((key) => [key, fields.getAll(key).join('\n')]));
}

export async function startTwilioApi(accountSid: string, secret: string): Promise<TwilioApi> {
  const requests: Record<string, string>[] = [];
  const times: number[] = [];
  const accepted: TwilioApi['accepted'] = [];
  const answers: ScriptedAnswer[] = [];
  let onAccepted: ((message: Record<string, string> & { sid: string }) => void) | undefined;
  const accountReads: string[] = [];
  const lists: Record<string, string>[] = [];
  const json = (message: Record<string, string> & { sid: string }, created: Date) => ({ sid: message.sid, account_sid: accountSid, to: message['To'], from: message['From'] ?? null, messaging_service_sid: message['MessagingServiceSid'] ?? null, body: message['Body'], status: 'queued', num_segments: '1', direction: 'outbound-api', date_created: created.toUTCString(), date_sent: null, date_updated: created.toUTCString(), error_code: null, error_message: null, uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json` });
  const created = new Map<string, Date>();
  const account = { status: 'active', friendlyName: 'Loopback account' };
  // The account's auth token, and any API key (user:secret) added to `keys`.
  const keys = new Set([`${accountSid}:${secret}`]);
  const media = new Map<string, { body: Buffer; contentType: string; failures: number }>();
  const mediaReads: TwilioApi['mediaReads'] = [];
  const recordings = new Map<string, Buffer>();
  const calls: Record<string, string>[] = [];
  const callAnswers: ScriptedAnswer[] = [];
  const callStates = new Map<string, { status: string; duration: number | null }>();
  const callReads: string[] = [];
  const contents: ContentResource[] = [];
  const server: Server = createServer(async (request, response) => {
    const reply = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const user = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    // The CDN a media URL redirects to: no auth, as Twilio's signed CDN links.
    const cdn = /^\/cdn\/(ME[0-9a-f]{32})$/.exec(request.url ?? '');
    if (cdn && media.has(cdn[1]!)) {
      mediaReads.push({ path: request.url!, user: user.split(':')[0]! });
      const file = media.get(cdn[1]!)!;
      if (file.failures > 0) {
        file.failures--;
        return reply(500, { message: 'try again' });
      }
      return void response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length }).end(file.body);
    }
    if (!keys.has(user)) return reply(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    if (request.method === 'GET' && request.url === `/2010-04-01/Accounts/${accountSid}.json`) {
      accountReads.push(user.split(':')[0]!);
      return reply(200, { sid: accountSid, friendly_name: account.friendlyName, status: account.status, type: 'Full', owner_account_sid: accountSid, date_created: new Date().toUTCString(), uri: `/2010-04-01/Accounts/${accountSid}.json` });
    }
    if (request.method === 'GET' && request.url?.startsWith('/v1/ContentAndApprovals')) {
      api.contentReads++;
      const refusal = api.contentRefusal;
      if (refusal) return reply(refusal.status, { ...refusal, more_info: `https://www.twilio.com/docs/errors/${refusal.code}` });
      return reply(200, contentPage(request.url, contents));
    }
    const mediaPath = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\/MM[0-9a-f]{32}\/Media\/(ME[0-9a-f]{32})$/.exec(request.url ?? '');
    if (request.method === 'GET' && mediaPath && media.has(mediaPath[1]!)) {
      mediaReads.push({ path: request.url!, user: user.split(':')[0]! });
      return void response.writeHead(302, { location: `/cdn/${mediaPath[1]}` }).end();
    }
    const recordingPath = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Recordings\/(RE[0-9a-f]{32})\.mp3$/.exec(request.url ?? '');
    if (request.method === 'GET' && recordingPath && recordings.has(recordingPath[1]!)) {
      mediaReads.push({ path: request.url!, user: user.split(':')[0]! });
      const body = recordings.get(recordingPath[1]!)!;
      return void response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': body.length }).end(body);
    }
    const callPath = new RegExp(`^/2010-04-01/Accounts/${accountSid}/Calls/(CA[0-9a-f]{32})\\.json$`).exec(request.url ?? '');
    if (request.method === 'GET' && callPath) {
      const sid = callPath[1]!;
      callReads.push(sid);
      const state = callStates.get(sid);
      if (!state) return reply(404, { code: 20404, message: `The requested resource /2010-04-01/Accounts/${accountSid}/Calls/${sid}.json was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 });
      return reply(200, { sid, account_sid: accountSid, status: state.status, duration: state.duration === null ? null : String(state.duration), direction: 'inbound', uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json` });
    }
    if (request.method === 'POST' && request.url === `/2010-04-01/Accounts/${accountSid}/Calls.json`) {
      const form = await formOf(request);
      calls.push(form);
      const answer = callAnswers.shift();
      if (answer && answer.status >= 400) return reply(answer.status, { code: answer.code ?? answer.status, message: answer.message ?? 'Refused', more_info: `https://www.twilio.com/docs/errors/${answer.code ?? answer.status}`, status: answer.status });
      const sid = `CA${randomBytes(16).toString('hex')}`;
      form['Sid'] = sid;
      if (answer?.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs).unref());
      return reply(201, { sid, account_sid: accountSid, to: form['To'], from: form['From'], status: 'queued', direction: 'outbound-api', date_created: new Date().toUTCString(), uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json` });
    }
    const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    if (request.method === 'GET' && request.url?.startsWith(`${messagesPath}?`)) {
      // Newest first, as Twilio lists them, filtered by To and From.
      const query = Object.fromEntries(new URL(request.url, 'http://loopback').searchParams);
      lists.push(query);
      const found = accepted.filter((m) => m['To'] === query.To && (!query.From || m['From'] === query.From)).reverse().slice(0, Number(query.PageSize ?? 50));
      return reply(200, { messages: found.map((m) => json(m, created.get(m.sid)!)), page: 0, page_size: found.length, start: 0, end: found.length, first_page_uri: request.url, next_page_uri: null, previous_page_uri: null, uri: request.url });
    }
    if (request.method !== 'POST' || request.url !== messagesPath) return reply(404, { code: 20404, message: 'Not found', status: 404 });
    const form = await formOf(request);
    requests.push(form);
    times.push(Date.now());
    const answer = answers.shift();
    if (answer?.status === 0) return void request.socket.destroy();
    if (answer?.hold) return;
    if (answer && answer.status >= 400) return reply(answer.status, { code: answer.code ?? answer.status, message: answer.message ?? 'Refused', more_info: `https://www.twilio.com/docs/errors/${answer.code ?? answer.status}`, status: answer.status });
    const sid = `SM${randomBytes(16).toString('hex')}`;
    accepted.push({ ...form, sid });
    created.set(sid, new Date());
    onAccepted?.({ ...form, sid });
    if (answer?.hangUp) return void request.socket.destroy();
    // Unref'd: an answer held for long must not keep the test process alive.
    if (answer?.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs).unref());
    if (response.destroyed) return;
    reply(201, json({ ...form, sid }, created.get(sid)!));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const api: TwilioApi = {
    url,
    contents,
    contentReads: 0,
    contentRefusal: null,
    requests,
    times,
    accepted,
    script: (...more) => void answers.push(...more),
    account,
    accountReads,
    lists,
    addApiKey: (sid, keySecret) => void keys.add(`${sid}:${keySecret}`),
    addMedia(body, contentType, options = {}) {
      const sid = `ME${randomBytes(16).toString('hex')}`;
      media.set(sid, { body, contentType, failures: options.failures ?? 0 });
      return `${url}/2010-04-01/Accounts/${accountSid}/Messages/MM${randomBytes(16).toString('hex')}/Media/${sid}`;
    },
    addRecording(body) {
      const sid = `RE${randomBytes(16).toString('hex')}`;
      recordings.set(sid, body);
      return `${url}/2010-04-01/Accounts/${accountSid}/Recordings/${sid}`;
    },
    calls,
    scriptCalls: (...more) => void callAnswers.push(...more),
    setCall: (sid, status, durationSeconds) => void callStates.set(sid, { status, duration: durationSeconds ?? null }),
    callReads,
    mediaReads,
    onAccepted: (listener) => void (onAccepted = listener),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Requests held on purpose (hold, delayMs) end here rather than keep the server open.
        server.closeAllConnections();
      }),
  };
  return api;
}
