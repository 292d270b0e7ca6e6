// Fetches a provider's media (Twilio's MediaUrl) without becoming a way into our network: only
// from the provider's own hosts, over https, from public addresses (the name is resolved once
// and the connection goes to the address checked, so a DNS answer cannot change in between),
// through at most a few redirects each checked the same way, with a cap on the bytes read.
// The account's credentials go to the provider's API host only, never to the CDN it redirects to.
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';

/** Where a media URL may point: Twilio's API (which redirects) and the hosts its media is kept on. */
export function isTwilioMediaUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'api.twilio.com' || host.endsWith('.twiliocdn.com')) return true;
  return /^s3(-external-1)?\.amazonaws\.com$/.test(host) && url.pathname.startsWith('/media.twiliocdn.com/');
}

/** Addresses a fetch never goes to: loopback, private, link-local (cloud metadata), shared, multicast, reserved. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
// IPv6 forms that carry an IPv4 address inside (NAT64, 6to4, Teredo) are refused whole: what they
// lead to cannot be told from here.
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2002::', 16], ['2001::', 32]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return family === 6 ? PRIVATE.check(address, 'ipv6') : true;
}

/** A media fetch that will not succeed by trying again (refused, too large, gone). */
export class MediaRefusedError extends Error {
  override name = 'MediaRefusedError';
}

export interface MediaFetchOptions {
  /** Basic credentials for the provider's API host (account or API key SID, and its secret). */
  credentials: { username: string; password: string } | null;
  maxBytes: number;
  /** The whole fetch, every hop and byte, ends by then (a host that drips bytes included). */
  deadlineMs?: number;
  /** The origin of a stand-in for the provider's API (CONVKIT_TWILIO_API_URL): trusted as the provider, wherever it listens. */
  standInOrigin?: string | null;
  /** Name resolution (tests point a provider host name at an address of their choosing). */
  resolve?: (host: string) => Promise<string[]>;
}

const MAX_REDIRECTS = 3;
const defaultResolve = async (host: string) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export async function fetchProviderMedia(source: string, options: MediaFetchOptions): Promise<{ bytes: Buffer; contentType: string | null }> {
  const deadline = AbortSignal.timeout(options.deadlineMs ?? 30_000);
  let url = parseUrl(source);
  for (let hop = 0; ; hop++) {
    const standIn = options.standInOrigin !== undefined && options.standInOrigin !== null && url.origin === options.standInOrigin;
    if (!standIn) {
      if (url.protocol !== 'https:') throw new MediaRefusedError(`Media is fetched over https only, not from ${url.protocol}//${url.host}.`);
      if (!isTwilioMediaUrl(url)) throw new MediaRefusedError(`${url.hostname} is not one of Twilio's media hosts.`);
    }
    const address = standIn ? url.hostname.replace(/^\[|\]$/g, '') : await publicAddressOf(url.hostname, options.resolve ?? defaultResolve);
    const sendCredentials = standIn || url.hostname.toLowerCase() === 'api.twilio.com';
    const answer = await get(url, address, sendCredentials ? options.credentials : null, options, deadline);
    if (answer.redirect) {
      if (hop >= MAX_REDIRECTS) throw new MediaRefusedError(`More than ${MAX_REDIRECTS} redirects.`);
      url = parseUrl(new URL(answer.redirect, url).toString());
      continue;
    }
    return { bytes: answer.bytes!, contentType: answer.contentType };
  }
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new MediaRefusedError('The media URL is not a URL.');
  }
}

async function publicAddressOf(host: string, resolve: (host: string) => Promise<string[]>): Promise<string> {
  const addresses = isIP(host.replace(/^\[|\]$/g, '')) ? [host.replace(/^\[|\]$/g, '')] : await resolve(host).catch(() => [] as string[]);
  if (addresses.length === 0) throw new Error(`${host} could not be resolved.`);
  // Every address must be public: a name that also resolves inside our network is refused.
  if (addresses.some(isPrivateAddress)) throw new MediaRefusedError(`${host} resolves to a private address.`);
  return addresses[0]!;
}

interface Answer {
  redirect?: string;
  bytes?: Buffer;
  contentType: string | null;
}

function get(url: URL, address: string, credentials: MediaFetchOptions['credentials'], options: MediaFetchOptions, deadline: AbortSignal): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        // The connection goes to the address checked above; the name stays for TLS and Host.
        lookup: (_host, _options, done) => done(null, [{ address, family: isIP(address) }] as never, undefined as never),
        headers: credentials ? { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` } : {},
        signal: deadline,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // A redirect's or an error's body is not read: it could be endless.
        if (status >= 300 && status < 400 && response.headers.location) {
          response.destroy();
          resolve({ redirect: response.headers.location, contentType: null });
          return;
        }
        if (status !== 200) {
          response.destroy();
          // Gone is final; refused credentials (401, 403) may be a moment's: they are tried again.
          const error = `The media host answered HTTP ${status}.`;
          reject(status === 404 || status === 410 ? new MediaRefusedError(error) : new Error(error));
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.destroy();
          reject(new MediaRefusedError(tooLarge(options.maxBytes)));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(new MediaRefusedError(tooLarge(options.maxBytes)));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ bytes: Buffer.concat(chunks), contentType: response.headers['content-type'] ?? null }));
        response.on('error', reject);
      },
    );
    request.on('error', (error) => reject(deadline.aborted ? new Error('The media host did not send the file in time.') : error));
  });
}

const tooLarge = (max: number) => `The file is larger than ${Math.round(max / 1024 / 1024)} MB, the most kept per file.`;
