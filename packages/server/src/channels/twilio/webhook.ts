// Inbound SMS/MMS/WhatsApp from Twilio: verify, persist, acknowledge; fan out after commit.
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import { recordInbound } from '../../modules/messages/inbound.js';
import { WebhookCredentialsCache } from './webhook-credentials.js';
import { isValidTwilioSignature } from './signature.js';
import { normalizeIP } from '@fastify/rate-limit';
import type { RateLimiter } from '../../limits/rate-limiter.js';

export const twilioSmsPath = (workspaceSlug: string) => `/webhooks/twilio/${encodeURIComponent(workspaceSlug)}/sms`;

const WEBHOOK_BODY_LIMIT = 8 * 1024 * 1024;
const SID_FORMAT = /^[A-Za-z0-9]{2,64}$/;

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface TwilioWebhookServices {
  orm: Orm;
  /** The URL Twilio was given; proxies change the one a request arrives on. */
  publicUrl(): string;
  publish(workspaceId: string, events: ServerEvent[]): void;
  limiter: RateLimiter;
}

/** "whatsapp:+15551230000" -> whatsapp, +15551230000; a bare number -> sms (mms with media). */
function parseAddress(raw: string, numMedia: number): { channel: Channel; phone: string | null } {
  const whatsapp = raw.startsWith('whatsapp:');
  const number = whatsapp ? raw.slice('whatsapp:'.length) : raw;
  const parsed = parsePhoneNumberFromString(number, 'US');
  return { channel: whatsapp ? 'whatsapp' : numMedia > 0 ? 'mms' : 'sms', phone: parsed?.isPossible() ? parsed.number : null };
}

export async function twilioWebhookRoutes(app: FastifyInstance, services: TwilioWebhookServices): Promise<void> {
  await app.register(formbody);
  const credentials = new WebhookCredentialsCache(services.orm);
  app.post<{ Params: { workspace: string }; Body: Record<string, string> }>('/webhooks/twilio/:workspace/sms', {
    schema: { hide: true } as object,
    // Twilio's deliveries are never refused for their number: a busy hour must not lose
    // messages. An address whose requests keep failing is refused lookups of unknown slugs.
    config: { rateLimit: false },
    // Never refuse a delivery for its size: a megabyte of text escaped three times over fits.
    bodyLimit: WEBHOOK_BODY_LIMIT,
  }, async (request, reply) => {
    const ip = normalizeIP(request.ip);
    const slug = request.params.workspace;
    // Only a slug not looked up lately costs a query: that is what a failing address loses.
    if (!credentials.isCached(slug)) services.limiter.checkWebhookAddress(ip);
    const workspace = await credentials.get(slug);
    if (!workspace) {
      services.limiter.webhookFailed(ip);
      throw new AppError('not_found', 'No Twilio channel for this workspace.');
    }
    const params = Object.fromEntries(Object.entries(request.body ?? {}).map(([k, v]) => [k, String(v)]));
    const url = services.publicUrl() + request.url;
    if (!isValidTwilioSignature(workspace.authToken, request.headers['x-twilio-signature'] as string | undefined, url, params)) {
      services.limiter.webhookFailed(ip);
      throw new AppError('invalid_signature', 'X-Twilio-Signature does not match this request.');
    }
    // Only Twilio (holding the auth token) gets this far. Its ids are 34 characters of letters
    // and digits; anything else is not Twilio's, and must not reach a query.
    const sid = params.MessageSid ?? params.SmsMessageSid;
    if (!sid) throw new AppError('invalid_params', 'MessageSid: is required', { path: 'MessageSid' });
    if (!SID_FORMAT.test(sid)) throw new AppError('invalid_params', 'MessageSid: not a Twilio id', { path: 'MessageSid' });
    const numMedia = Number.parseInt(params.NumMedia ?? '0', 10) || 0;
    const { channel, phone } = parseAddress(params.From ?? '', numMedia);
    if (!phone) throw new AppError('invalid_params', 'From: not a phone number', { path: 'From' });
    const { events } = await recordInbound(services.orm, {
      workspaceId: workspace.workspaceId,
      provider: 'twilio',
      providerId: sid,
      channel,
      from: phone,
      body: params.Body ?? '',
      meta: { to: params.To?.slice(0, 64) ?? null, numMedia },
    });
    // Duplicates answer 200 too: Twilio must stop retrying; nothing was stored twice.
    services.publish(workspace.workspaceId, events);
    return reply.type('text/xml').send(EMPTY_TWIML);
  });
}
