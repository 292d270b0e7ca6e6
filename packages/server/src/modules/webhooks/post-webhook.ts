// One POST of a delivery to the host. The host name is resolved here and each address checked
// before it is connected to (the check and the connection use the same answer, so a name that
// turns private between the two cannot slip through). No redirect is followed: a 3xx is a failure
// the delivery log shows.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../attachments/provider-media-fetch.js';

/** How long a host has to answer a delivery. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of an answer is kept in the delivery log. */
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
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: publicLookup(allowPrivate), timeout: DELIVERY_TIMEOUT_MS },
      (response) => {
        const status = response.statusCode ?? 0;
        let kept = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (kept.length < ANSWER_KEPT) kept += chunk;
        });
        response.on('end', () => {
          const ok = status >= 200 && status < 300;
          resolve({ status, error: ok ? null : `The endpoint answered ${status}${kept.trim() ? `: ${kept.trim().slice(0, ANSWER_KEPT)}` : ''}` });
        });
        response.on('error', (error) => resolve({ status, error: `The answer broke off: ${error.message}` }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, error: `Could not deliver: ${error.message}` }));
    request.end(body);
  });
}
