// A loopback server that speaks the part of Twilio's REST API Convkit calls, so tests drive the
// real `twilio` SDK: it checks the account's Basic auth, answers from a script of responses
// (Twilio's error bodies included), and records every request and every message it accepted.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export interface ScriptedAnswer {
  /** An HTTP status; 0 hangs up after reading the request, as a connection lost mid-send. */
  status: number;
  /** Twilio's error code, for an error answer. */
  code?: number;
  message?: string;
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
  /** The SDK's HTTP client, sending what it would send to api.twilio.com here instead. */
  httpClient(): twilio.RequestClient;
  close(): Promise<void>;
}

async function formOf(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

export async function startTwilioApi(accountSid: string, secret: string): Promise<TwilioApi> {
  const requests: Record<string, string>[] = [];
  const times: number[] = [];
  const accepted: TwilioApi['accepted'] = [];
  const answers: ScriptedAnswer[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${secret}`).toString('base64')}`;
  const server: Server = createServer(async (request, response) => {
    const reply = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.headers.authorization !== expectedAuth) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) return reply(404, { code: 20404, message: 'Not found', status: 404 });
    const form = await formOf(request);
    requests.push(form);
    times.push(Date.now());
    const answer = answers.shift();
    if (answer?.status === 0) return void request.socket.destroy();
    if (answer && answer.status >= 400) return reply(answer.status, { code: answer.code ?? answer.status, message: answer.message ?? 'Refused', more_info: `https://www.twilio.com/docs/errors/${answer.code ?? answer.status}`, status: answer.status });
    const sid = `SM${randomBytes(16).toString('hex')}`;
    accepted.push({ ...form, sid });
    reply(201, { sid, account_sid: accountSid, to: form['To'], from: form['From'] ?? null, messaging_service_sid: form['MessagingServiceSid'] ?? null, body: form['Body'], status: 'queued', num_segments: '1', direction: 'outbound-api', date_created: new Date().toUTCString(), error_code: null, error_message: null, uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  class LoopbackClient extends twilio.RequestClient {
    override request: twilio.RequestClient['request'] = (opts) => super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/[a-z.]*twilio\.com/, url) });
  }
  return {
    url,
    requests,
    times,
    accepted,
    script: (...more) => void answers.push(...more),
    httpClient: () => new LoopbackClient(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
