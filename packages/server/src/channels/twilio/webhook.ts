// Inbound SMS/MMS/WhatsApp from Twilio: verify, persist, acknowledge; fan out after commit.
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { EntityManager } from '@mikro-orm/sql';
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import { recordInbound } from '../../modules/messages/inbound.js';
import { WorkspaceSchema, type Workspace } from '../../modules/workspaces/workspace.entity.js';
import { isValidTwilioSignature } from './signature.js';

export const twilioSmsPath = (workspaceSlug: string) => `/webhooks/twilio/${encodeURIComponent(workspaceSlug)}/sms`;

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface TwilioWebhookServices {
  orm: Orm;
  /** The URL Twilio was given; proxies change the one a request arrives on. */
  publicUrl(): string;
  publish(workspaceId: string, events: ServerEvent[]): void;
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
  app.post<{ Params: { workspace: string }; Body: Record<string, string> }>('/webhooks/twilio/:workspace/sms', {
    schema: { hide: true } as object,
  }, async (request, reply) => {
    const em = services.orm.em.fork() as unknown as EntityManager;
    const workspace = (await em.findOne(WorkspaceSchema, { slug: request.params.workspace })) as Workspace | null;
    if (!workspace?.twilioAuthToken) throw new AppError('not_found', 'No Twilio channel for this workspace.');
    const params = Object.fromEntries(Object.entries(request.body ?? {}).map(([k, v]) => [k, String(v)]));
    const url = services.publicUrl() + request.url;
    if (!isValidTwilioSignature(workspace.twilioAuthToken, request.headers['x-twilio-signature'] as string | undefined, url, params)) {
      throw new AppError('invalid_signature', 'X-Twilio-Signature does not match this request.');
    }
    const sid = params.MessageSid ?? params.SmsMessageSid;
    if (!sid) throw new AppError('invalid_params', 'MessageSid: is required', { path: 'MessageSid' });
    const { channel, phone } = parseAddress(params.From ?? '', Number(params.NumMedia ?? 0));
    if (!phone) throw new AppError('invalid_params', 'From: not a phone number', { path: 'From' });
    const { events } = await recordInbound(services.orm, {
      workspaceId: workspace.id,
      provider: 'twilio',
      providerId: sid,
      channel,
      from: phone,
      body: params.Body ?? '',
      meta: { to: params.To ?? null, numMedia: Number(params.NumMedia ?? 0) },
    });
    // Duplicates answer 200 too: Twilio must stop retrying; nothing was stored twice.
    services.publish(workspace.id, events);
    return reply.type('text/xml').send(EMPTY_TWIML);
  });
}
