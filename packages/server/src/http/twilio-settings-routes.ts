// REST for a workspace's Twilio account (admins): read it without its secrets, set it (checked
// with Twilio first), or remove it (back to sandbox mode). Secrets go in and never come out.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import type { Authenticated } from '../auth/authenticate.js';
import { errorResponses, withBearerActor, type RestServices } from './rest.js';
import { readTwilioSettings, removeTwilioSettings, saveTwilioSettings, type TwilioSettingsDeps } from '../channels/twilio/settings.js';
import { twilioSettingsBody, type TwilioSettingsInput } from '../channels/twilio/settings-input.js';
import type { WebhookCredentialsCache } from '../channels/twilio/webhook-credentials.js';

export interface TwilioSettingsServices extends Pick<RestServices, 'orm' | 'limiter'> {
  twilioSettings: Omit<TwilioSettingsDeps, 'publicUrl'>;
  twilioCredentials: WebhookCredentialsCache;
  publicUrl(): string;
}

const nullableString = { type: ['string', 'null'] };
export const settingsView = {
  type: 'object',
  additionalProperties: false,
  required: ['mode', 'accountSid', 'accountName', 'apiKeySid', 'authToken', 'apiKeySecret', 'messagingNumbers', 'messagingServiceSid', 'whatsappNumber', 'voiceNumber', 'publicUrl', 'webhooks', 'verifiedAt', 'warnings'],
  properties: {
    mode: { type: 'string', enum: ['live', 'sandbox'], description: 'live: sends go through this Twilio account; sandbox: nothing leaves the server.' },
    accountSid: nullableString,
    accountName: { ...nullableString, description: "The account's name, as Twilio gave it when the credentials were checked." },
    apiKeySid: nullableString,
    authToken: { type: 'string', enum: ['set', 'not set'], description: 'Secrets are never returned: only whether one is set.' },
    apiKeySecret: { type: 'string', enum: ['set', 'not set'] },
    messagingNumbers: { type: 'array', items: { type: 'string' } },
    messagingServiceSid: nullableString,
    whatsappNumber: nullableString,
    voiceNumber: nullableString,
    publicUrl: nullableString,
    webhooks: {
      type: 'object',
      additionalProperties: false,
      required: ['messages', 'status', 'voice', 'voiceStatus'],
      description: "The URLs to set in the Twilio console: a number's (or Messaging Service's) incoming-message webhook and its status callback; the voice number's \"A call comes in\" webhook and its \"Call status changes\" callback.",
      properties: { messages: { type: 'string' }, status: { type: 'string' }, voice: { type: 'string' }, voiceStatus: { type: 'string' } },
    },
    verifiedAt: { type: ['number', 'null'], description: 'When Twilio last accepted the credentials (epoch ms).' },
    warnings: { type: 'array', items: { type: 'string' }, description: 'What does not work with these settings, and what to do about it.' },
  },
} as const;

const schema = (summary: string, extra: object = {}) => ({
  summary,
  tags: ['workspace'],
  security: [{ bearer: [] }],
  response: { 200: settingsView, ...errorResponses },
  ...extra,
});

export async function twilioSettingsRoutes(app: FastifyInstance, services: TwilioSettingsServices): Promise<void> {
  const deps = (): TwilioSettingsDeps => ({ ...services.twilioSettings, publicUrl: services.publicUrl() });
  const asAdmin = <T>(request: Parameters<typeof withBearerActor>[1], work: (authenticated: Authenticated) => Promise<T>, scope: 'settings:read' | 'settings:write' = 'settings:write') =>
    withBearerActor(services, request, async (authenticated) => {
      if (authenticated.actor.role !== 'admin') throw new AppError('forbidden', "Only admins see or change the workspace's Twilio settings.");
      return work(authenticated);
    }, scope, scope === 'settings:read' ? "read the workspace's Twilio settings" : "change the workspace's Twilio settings");

  app.get('/v1/workspace/twilio', { schema: schema("The workspace's Twilio account, without its secrets (admins).") }, async (request) =>
    asAdmin(request, ({ actor }) => readTwilioSettings(deps(), actor.workspaceId), 'settings:read'),
  );

  app.put<{ Body: TwilioSettingsInput }>(
    '/v1/workspace/twilio',
    { schema: schema('Set the Twilio account this workspace sends and receives through (admins). Twilio is asked whether the credentials open the account before anything is saved; a secret left out is kept.', { body: twilioSettingsBody }) },
    async (request) =>
      asAdmin(request, async ({ actor, workspace }) => {
        const view = await saveTwilioSettings(deps(), actor.workspaceId, request.body);
        services.twilioCredentials.forget(workspace.slug);
        return view;
      }),
  );

  app.delete('/v1/workspace/twilio', { schema: schema('Remove the Twilio account: the workspace goes back to sandbox mode (admins).') }, async (request) =>
    asAdmin(request, async ({ actor, workspace }) => {
      await removeTwilioSettings(services.orm, actor.workspaceId);
      services.twilioCredentials.forget(workspace.slug);
      return readTwilioSettings(deps(), actor.workspaceId);
    }),
  );
}
