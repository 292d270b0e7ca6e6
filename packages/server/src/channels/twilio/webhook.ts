// Inbound SMS/MMS/WhatsApp from Twilio: verify, persist, acknowledge; fan out after commit.
// Status callbacks for what we sent arrive on the same footing (status-webhook.ts).
import type { FastifyInstance } from 'fastify';
import { parse as parseQueryString } from 'fast-querystring';
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import type { InboundWriter } from '../../modules/messages/inbound-writer.js';
import type { InboundMedia } from '../../modules/attachments/inbound-media.js';
import type { WebhookCredentialsCache } from './webhook-credentials.js';
import type { Metrics } from '../../metrics/metrics.js';
import type { RateLimiter } from '../../limits/rate-limiter.js';
import { storableLine } from '../../text/storable.js';
import { senderOf } from './sender.js';
import { whatsappSender } from './whatsapp-identity.js';
import { sidOrDerived } from './sid.js';
import { voiceWebhookRoutes } from './voice-webhook.js';
import { twilioWebhookOptions, verifiedTwilioRequest } from './webhook-auth.js';
import { statusWebhookRoute } from './status-webhook.js';
import { consentIntent } from '../../modules/consent/keywords.js';
import { WorkspaceSchema, type Workspace } from '../../modules/workspaces/workspace.entity.js';

const WEBHOOK_BODY_LIMIT = 2 * 1024 * 1024;
const MAX_FORM_FIELDS = 1000;

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** What HELP is answered with: the workspace's own text (read when asked: rare, and always current), or one naming it. */
async function helpTextOf(orm: Orm, workspaceId: string): Promise<string> {
  const workspace = (await orm.em.fork().findOne(WorkspaceSchema, { id: workspaceId })) as Workspace | null;
  return workspace?.helpText ?? `${workspace?.name ?? 'We'}: reply STOP to stop messages, START to get them again.`;
}

/** TwiML that sends `text` back to the sender. */
const replyTwiml = (text: string) => `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)}</Message></Response>`;

export interface TwilioWebhookServices {
  orm: Orm;
  /** The URL Twilio was given; proxies change the one a request arrives on. */
  publicUrl(): string;
  limiter: RateLimiter;
  metrics: Metrics;
  /** Writes inbound messages, grouping concurrent ones into one commit. */
  inbound: InboundWriter;
  /** Each workspace's auth token, to check signatures with (shared with the settings routes). */
  twilioCredentials: WebhookCredentialsCache;
  publish(workspaceId: string, events: ServerEvent[]): void;
  /** Fetches pending media now rather than at the next poll. */
  kickMediaFetcher(): void;
}

/**
 * "whatsapp:+15551230000" -> whatsapp (whatsapp-identity.ts reads who it is: a number or a user id);
 * "rcs:+15551230000" -> sms (mms with media)
 * delivered over RCS; a bare number -> sms (mms with media). RCS is how the SMS channel reaches
 * phones that have it: one contact, one thread, and replies through the Messaging Service go RCS
 * first on their own. A sender that is no phone number (a short code, an alphanumeric sender id)
 * is kept as it came, on one line: it is still who the message is from.
 */
function parseAddress(raw: string, numMedia: number): { channel: Channel; sender: string; via: 'rcs' | null } {
  const prefix = /^(whatsapp|rcs):/.exec(raw)?.[1] ?? null;
  const sender = prefix ? raw.slice(prefix.length + 1) : raw;
  const channel: Channel = prefix === 'whatsapp' ? 'whatsapp' : numMedia > 0 ? 'mms' : 'sms';
  return { channel, sender, via: prefix === 'rcs' ? 'rcs' : null };
}

export async function twilioWebhookRoutes(app: FastifyInstance, services: TwilioWebhookServices): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, parseTwilioForm);
  // Every delivery's outcome is counted: stored or duplicate (a message), applied, unchanged or
  // unknown (a delivery report), or the status it was refused with.
  const outcomes = new WeakMap<object, string>();
  app.addHook('onResponse', async (request, reply) => {
    services.metrics.webhook('twilio', reply.statusCode === 200 ? (outcomes.get(request) ?? 'stored') : `refused_${reply.statusCode}`);
  });
  statusWebhookRoute(app, services, (request, outcome) => outcomes.set(request, outcome));
  voiceWebhookRoutes(app, services, (request, outcome) => outcomes.set(request, outcome));
  app.post<{ Params: { workspace: string }; Body: Record<string, unknown> }>('/webhooks/twilio/:workspace/sms', twilioWebhookOptions(services, WEBHOOK_BODY_LIMIT), async (request, reply) => {
    const { workspace, params } = await verifiedTwilioRequest(request, services);
    // Only Twilio (holding the auth token) gets this far, and its message is stored whatever
    // its fields hold: a provider does not resend what we refused for its content. Only a full
    // write queue refuses it (503, Retry-After), which Twilio retries.
    const numMedia = Number.parseInt(params.NumMedia ?? '0', 10) || 0;
    const { channel, sender, via } = parseAddress(params.From ?? '', numMedia);
    const whatsapp = channel === 'whatsapp' ? whatsappSender(sender, params) : null;
    const { duplicate } = await services.inbound.write({
      workspaceId: workspace.workspaceId,
      provider: 'twilio',
      providerId: messageSid(params),
      channel,
      from: whatsapp ? (whatsapp.phone ?? '') : senderOf(sender),
      ...(whatsapp?.userId ? { whatsappUserId: whatsapp.userId, profileName: whatsapp.profileName } : {}),
      body: params.Body ?? '',
      meta: { to: params.To?.slice(0, 64) ?? null, numMedia, ...(via ? { via } : {}) },
      media: mediaOf(params, numMedia),
    });
    if (!duplicate && numMedia > 0) services.kickMediaFetcher();
    // Duplicates answer 200 too: Twilio must stop retrying; nothing was stored twice.
    if (duplicate) outcomes.set(request, 'duplicate');
    // HELP is answered at once, in Twilio's reply (TwiML), with the workspace's help text.
    if (!duplicate && consentIntent(params.Body ?? '') === 'help') return reply.type('text/xml').send(replyTwiml(await helpTextOf(services.orm, workspace.workspaceId)));
    return reply.type('text/xml').send(EMPTY_TWIML);
  });
}

/** Twilio sends at most 10 media per message; a URL longer than any of its own is kept cut (the fetch then fails, visibly). */
const MAX_MEDIA = 10;
const MEDIA_URL_MAX = 2048;

/** MediaUrl0..N and their types, as Twilio names them. */
function mediaOf(params: Record<string, string>, numMedia: number): InboundMedia[] {
  const media: InboundMedia[] = [];
  for (let i = 0; i < Math.min(numMedia, MAX_MEDIA); i++) {
    const url = params[`MediaUrl${i}`];
    if (url) media.push({ url: storableLine(url).slice(0, MEDIA_URL_MAX), contentType: (params[`MediaContentType${i}`] ?? '').slice(0, 127) });
  }
  return media;
}

/** Twilio's form fields, with a cap on how many: 40 is usual, a million is an attack. */
function parseTwilioForm(_request: unknown, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void {
  const text = String(body);
  let fields = 1;
  for (let i = text.indexOf('&'); i !== -1 && fields <= MAX_FORM_FIELDS; i = text.indexOf('&', i + 1)) fields++;
  if (fields > MAX_FORM_FIELDS) {
    done(Object.assign(new Error(`body: at most ${MAX_FORM_FIELDS} form fields`), { statusCode: 400 }));
    return;
  }
  done(null, parseQueryString(text));
}

/** Twilio's MessageSid (a derived one when a signed delivery has none fit to store). */
const messageSid = (params: Record<string, string>) => sidOrDerived(params.MessageSid ?? params.SmsMessageSid, params);
