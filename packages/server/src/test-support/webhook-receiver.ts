// A host's webhook receiver, written from docs/server.md ("Webhooks to the host") alone: it
// checks Convkit-Signature (HMAC-SHA256 of "<t>.<raw body>" under the endpoint's secret, in
// constant time, t within five minutes), dedupes by the event id, and answers as scripted
// (failures first, to exercise retries).
import { createServer, type Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  eventId: string;
  deliveryId: string;
  type: string;
  body: { id: string; type: string; workspace: string; seq: number; createdAt: string; data: any };
  /** Whether the signature verified (a receiver refuses the rest with 400). */
  verified: boolean;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  /** Every request that reached it, verified or not, in arrival order. */
  requests: ReceivedDelivery[];
  /** Each event once (the deliveries a host acts on). */
  events(): ReceivedDelivery[];
  /** The next `count` requests are answered with `status`. */
  failNext(count: number, status?: number): void;
  /** Answer every request with `status` until `failNext(0)`. */
  failAlways(status: number): void;
  setSecret(secret: string): void;
  waitFor(predicate: (delivery: ReceivedDelivery) => boolean, timeoutMs?: number): Promise<ReceivedDelivery>;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 300;

export function verifySignature(secret: string, header: string, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > TOLERANCE_SECONDS || !parts.v1) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  let secret = '';
  let failing = 0;
  let failStatus = 500;
  let always: number | null = null;
  const requests: ReceivedDelivery[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      const verified = verifySignature(secret, String(request.headers['convkit-signature'] ?? ''), raw);
      let body: ReceivedDelivery['body'];
      try {
        body = JSON.parse(raw);
      } catch {
        response.writeHead(400).end('not JSON');
        return;
      }
      requests.push({ eventId: String(request.headers['convkit-event-id']), deliveryId: String(request.headers['convkit-delivery-id']), type: String(request.headers['convkit-event-type']), body, verified });
      for (const wake of [...waiters]) wake();
      if (!verified) return void response.writeHead(400).end('bad signature');
      if (always !== null) return void response.writeHead(always).end('down for maintenance');
      if (failing > 0) {
        failing--;
        return void response.writeHead(failStatus).end('try later');
      }
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/convkit/events`,
    port: bound,
    requests,
    events: () => {
      const seen = new Set<string>();
      return requests.filter((r) => r.verified && !seen.has(r.eventId) && seen.add(r.eventId));
    },
    failNext(count, status = 500) {
      failing = count;
      failStatus = status;
      always = null;
    },
    failAlways(status) {
      always = status;
    },
    setSecret(value) {
      secret = value;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching delivery within ${timeoutMs} ms; got ${requests.map((r) => `${r.type}${r.verified ? '' : ' (unverified)'}`).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
