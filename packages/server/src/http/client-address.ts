// The address a request really came from, for per-address limits. Behind a reverse proxy every
// request arrives from the proxy: with TRUST_PROXY set, the address is read from
// X-Forwarded-For by the same rule Fastify uses for REST, so sockets and webhooks agree with it.
import type { IncomingMessage } from 'node:http';
import proxyaddr from '@fastify/proxy-addr';
import { normalizeIP } from '@fastify/rate-limit';

/** TRUST_PROXY: unset (trust nobody), `true` (every hop), a number of hops, or addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

export function trustProxyFromEnv(value: string | undefined): TrustProxy {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

export type AddressOf = (remoteAddress: string | undefined, headers: IncomingMessage['headers']) => string;

/** Whether to believe the proxy at `address`, `hop` steps from us: for Fastify and sockets alike. */
export function trustFunction(trust: TrustProxy): (address: string, hop: number) => boolean {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

/** How to find a client's address for one TRUST_PROXY setting; IPv6 grouped by /64 as REST does. */
export function clientAddressResolver(trust: TrustProxy): AddressOf {
  const trusts = trustFunction(trust);
  return (remoteAddress, headers) => {
    const request = { headers, socket: { remoteAddress }, connection: { remoteAddress } } as unknown as IncomingMessage;
    return normalizeIP(proxyaddr(request, trusts) ?? remoteAddress ?? '');
  };
}

/** A Fastify request's address (Fastify has applied TRUST_PROXY to `ip`), grouped as above. */
export const requestAddress = (request: { ip: string }): string => normalizeIP(request.ip);
