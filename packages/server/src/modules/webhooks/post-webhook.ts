// One POST of a delivery to the host, done within DELIVERY_TIMEOUT_MS from start to end whatever
// the host does (a trickled answer included). The host is checked before it is connected to: an
// IP literal here, a name by resolving it here (the check and the connection use the same answer,
// so a name that turns private between the two cannot slip through). No redirect is followed: a
// 3xx is a failure the delivery log shows. Of the answer, only its start is read.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from '../attachments/provider-media-fetch.js';

/** How long a delivery may take, connecting and answering included. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of an answer is read and kept in the delivery log. */
const ANSWER_KEPT = 500;

export interface PostOutcome {
  /** The host's HTTP status; null when none came (refused, timed out, unreachable). */
  status: number | null;
  /** What went wrong, for the log; null on a 2xx. */
  error: string | null;
}

function publicLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as { address: string; family: number }[];
      if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) {
        return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }), '', 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export function postWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<PostOutcome> {
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  // Node connects to an IP literal without asking the lookup: checked here, on every post (an
  // endpoint saved while private addresses were allowed stops when they no longer are).
  if (!allowPrivate && isIP(literal) && isPrivateAddress(literal)) return Promise.resolve({ status: null, error: `Could not deliver: ${literal} is a private address` });
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      resolve(outcome);
    };
    const request = client.request(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: publicLookup(allowPrivate) }, (response) => {
      const status = response.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      let kept = '';
      const done = () => finish({ status, error: ok ? null : `The endpoint answered ${status}${kept.trim() ? `: ${kept.trim().slice(0, ANSWER_KEPT)}` : ''}` });
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        kept += chunk;
        // Enough to show in the log: the rest of a long answer is not waited for.
        if (kept.length >= ANSWER_KEPT) done();
      });
      response.on('end', done);
      response.on('error', () => done());
    });
    const deadline = setTimeout(() => finish({ status: null, error: `Could not deliver: no complete answer within ${DELIVERY_TIMEOUT_MS / 1000} s` }), DELIVERY_TIMEOUT_MS);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, error: `Could not deliver: ${error.message}` }));
    request.end(body);
  });
}
