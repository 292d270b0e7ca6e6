// What every Twilio webhook goes through before its fields are believed: a cheap refusal of
// requests with no well-formed signature (before the body is read), then the workspace's auth
// token, and the signature checked over the URL Twilio was given for the workspace.
import type { FastifyRequest, RouteShorthandOptions } from 'fastify';
import { AppError } from '../../errors.js';
import { requestAddress } from '../../http/client-address.js';
import type { RateLimiter } from '../../limits/rate-limiter.js';
import type { WebhookCredentials, WebhookCredentialsCache } from './webhook-credentials.js';
import { isValidTwilioSignature } from './signature.js';

/** HMAC-SHA1 in base64: 28 characters. */
const SIGNATURE_FORMAT = /^[A-Za-z0-9+/]{27}=$/;

export interface WebhookAuthServices {
  limiter: RateLimiter;
  twilioCredentials: WebhookCredentialsCache;
  /** The server's PUBLIC_URL, for workspaces that set no URL of their own. */
  publicUrl(): string;
}

export function twilioWebhookOptions(services: WebhookAuthServices, bodyLimit: number): RouteShorthandOptions {
  return {
    schema: { hide: true } as object,
    // Not the per-address REST limit: a busy hour of real deliveries must never be refused.
    config: { rateLimit: false },
    bodyLimit,
    // Before the body is read: an address whose requests keep failing, or a request that
    // carries no signature at all, costs no parsing and no query. Twilio's deliveries come from
    // Twilio's own addresses, which no forger shares (behind a proxy, set TRUST_PROXY).
    onRequest: async (request) => {
      const ip = requestAddress(request);
      services.limiter.checkWebhookAddress(ip);
      if (!SIGNATURE_FORMAT.test(String(request.headers['x-twilio-signature'] ?? ''))) {
        services.limiter.webhookFailed(ip);
        throw new AppError('invalid_signature', 'X-Twilio-Signature is missing or malformed.');
      }
    },
  };
}

/**
 * The workspace a request is for, and its form fields, once its signature is good. The URL signed
 * is the one Twilio was given (the workspace's public URL, or the server's), with and without the
 * default port as Twilio's own validator checks it.
 */
export async function verifiedTwilioRequest(request: FastifyRequest, services: WebhookAuthServices): Promise<{ workspace: WebhookCredentials; params: Record<string, string> }> {
  const ip = requestAddress(request);
  const workspace = await services.twilioCredentials.get((request.params as { workspace: string }).workspace);
  if (!workspace) {
    services.limiter.webhookFailed(ip);
    throw new AppError('not_found', 'No Twilio channel for this workspace.');
  }
  const params = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const url = (workspace.publicUrl ?? services.publicUrl()) + request.url;
  if (!isValidTwilioSignature(workspace.authToken, request.headers['x-twilio-signature'] as string, url, params)) {
    services.limiter.webhookFailed(ip);
    throw new AppError('invalid_signature', 'X-Twilio-Signature does not match this request.');
  }
  return { workspace, params };
}
