// The operator's REST API (/v1/admin), authenticated by the server's admin key
// (CONVKIT_ADMIN_KEY): provision workspaces, read and rotate their signing secrets, set their
// channel credentials, deactivate agents and issue API keys. `convkit admin` calls the same
// routes. Without an admin key set, every route here is refused.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { User as UserSchemaWire } from '@convkit/sdk/protocol';
import { AppError } from '../errors.js';
import { sameSecret } from '../auth/same-secret.js';
import { SLUG_FORMAT } from '../auth/claims.js';
import { errorResponses, type RestServices } from './rest.js';
import { id } from '../commands/schemas.js';
import { DEFAULT_GRACE_SECONDS, MAX_GRACE_SECONDS, listWorkspaces, provisionWorkspace, readSigningSecret, rotateSigningSecret, updateWorkspaceByAdmin, workspaceOf } from '../modules/admin/workspace-admin.js';
import { listAgents, setAgentActive } from '../modules/admin/agents.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/api-keys/api-keys.js';
import { API_KEY_SCOPES } from '../modules/api-keys/scopes.js';
import { readTwilioSettings, removeTwilioSettings, saveTwilioSettings, type TwilioSettingsDeps } from '../channels/twilio/settings.js';
import { twilioSettingsBody, type TwilioSettingsInput } from '../channels/twilio/settings-input.js';
import { settingsView } from './twilio-settings-routes.js';
import type { WebhookCredentialsCache } from '../channels/twilio/webhook-credentials.js';

export interface AdminServices extends Pick<RestServices, 'orm'> {
  adminKey: string | null;
  twilioSettings: Omit<TwilioSettingsDeps, 'publicUrl'>;
  twilioCredentials: WebhookCredentialsCache;
  publicUrl(): string;
  /** Closes a deactivated agent's sockets, on every node. */
  disconnectUser(workspaceId: string, userId: string): Promise<void>;
  /** Closes every socket of a workspace, on every node (its secret was replaced with no grace). */
  disconnectWorkspace(workspaceId: string): Promise<void>;
}

const str = (extra: object = {}) => ({ type: 'string', ...extra });
const slugParam = { type: 'object', required: ['slug'], properties: { slug: str({ minLength: 1, maxLength: 64 }) } };
const slugAndId = { type: 'object', required: ['slug', 'id'], properties: { slug: str({ minLength: 1, maxLength: 64 }), id } };
const workspaceView = { type: 'object', additionalProperties: false, required: ['id', 'slug', 'name', 'timezone', 'createdAt'], properties: { id: str(), slug: str(), name: str(), timezone: str(), createdAt: str({ format: 'date-time' }) } };
const secretView = {
  type: 'object',
  additionalProperties: false,
  required: ['signingSecret', 'previousValidUntil'],
  properties: {
    signingSecret: str({ description: "HS256 secret the host's backend signs agent tokens with. Keep it on the server." }),
    previousValidUntil: { type: ['string', 'null'], format: 'date-time', description: 'Until when the secret before the last rotation is still honoured; null: it is not.' },
  },
};
const keyView = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'scopes', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: str(),
    name: str(),
    scopes: { type: 'array', items: str({ enum: [...API_KEY_SCOPES] }) },
    prefix: str({ description: 'The start of the key, to tell keys apart (the key is shown once, when created).' }),
    createdAt: str({ format: 'date-time' }),
    lastUsedAt: { type: ['string', 'null'], format: 'date-time', description: 'Within a minute.' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};
const items = (item: object) => ({ type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: item } } });

const schema = (summary: string, response: object, extra: { status?: number; params?: object; body?: object } = {}) => ({
  summary,
  tags: ['admin'],
  security: [{ adminKey: [] }],
  ...(extra.params ? { params: extra.params } : {}),
  ...(extra.body ? { body: extra.body } : {}),
  response: { [extra.status ?? 200]: response, ...errorResponses },
});

export async function adminRoutes(app: FastifyInstance, services: AdminServices): Promise<void> {
  const { orm } = services;
  // Every route of this scope (and only these: the hook is encapsulated), matched by the router
  // on the decoded path: the admin key first, before anything is read.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!services.adminKey) throw new AppError('unauthenticated', 'This server has no admin key: set CONVKIT_ADMIN_KEY (at least 32 characters) to use /v1/admin.');
    if (!sameSecret(request.headers.authorization ?? '', `Bearer ${services.adminKey}`)) throw new AppError('unauthenticated', 'Send the server\'s admin key as "Authorization: Bearer <CONVKIT_ADMIN_KEY>".');
  });
  type Slug = { Params: { slug: string } };
  type SlugId = { Params: { slug: string; id: string } };

  app.get('/v1/admin/workspaces', { schema: schema('Every workspace on this server, oldest first.', items(workspaceView)) }, async () => ({ items: await listWorkspaces(orm) }));

  app.post<{ Body: { slug: string; name: string; timezone?: string } }>(
    '/v1/admin/workspaces',
    {
      schema: schema('Create a workspace (sandbox channels); the answer holds its signing secret.', { type: 'object', additionalProperties: false, required: ['workspace', 'signingSecret', 'previousValidUntil'], properties: { workspace: workspaceView, ...secretView.properties } }, {
        status: 201,
        body: { type: 'object', additionalProperties: false, required: ['slug', 'name'], properties: { slug: str({ pattern: SLUG_FORMAT.source, description: 'Lowercase letters, digits and dashes, at most 64: the `wsp` claim of its tokens.' }), name: str({ minLength: 1, maxLength: 200 }), timezone: str({ maxLength: 64 }) } },
      }),
    },
    async (request, reply) => reply.status(201).send(await provisionWorkspace(orm, request.body)),
  );

  app.patch<Slug & { Body: { name?: string; timezone?: string } }>(
    '/v1/admin/workspaces/:slug',
    { schema: schema("Rename a workspace or change its time zone (the rest of its settings: PATCH /v1/workspace as one of its admins).", workspaceView, { params: slugParam, body: { type: 'object', additionalProperties: false, properties: { name: str({ minLength: 1, maxLength: 200 }), timezone: str({ maxLength: 64 }) } } }) },
    async (request) => updateWorkspaceByAdmin(orm, request.params.slug, request.body ?? {}),
  );

  app.get<Slug>('/v1/admin/workspaces/:slug/signing-secret', { schema: schema("The workspace's signing secret, and until when the previous one is honoured.", secretView, { params: slugParam }) }, async (request) => readSigningSecret(orm, request.params.slug));

  app.post<Slug & { Body: { graceSeconds?: number } }>(
    '/v1/admin/workspaces/:slug/signing-secret/rotate',
    {
      schema: schema('Replace the signing secret. Tokens signed with the old one are honoured for the grace period (default a day; 0 ends them at once).', secretView, {
        params: slugParam,
        body: { type: 'object', additionalProperties: false, properties: { graceSeconds: { type: 'integer', minimum: 0, maximum: MAX_GRACE_SECONDS, default: DEFAULT_GRACE_SECONDS } } },
      }),
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const rotated = await rotateSigningSecret(orm, request.params.slug, request.body.graceSeconds);
      // No grace: the old secret leaked, so what it signed in stops now, on every node.
      if (rotated.previousValidUntil === null) await services.disconnectWorkspace((await workspaceOf(orm, request.params.slug)).id);
      return rotated;
    },
  );

  const deps = (): TwilioSettingsDeps => ({ ...services.twilioSettings, publicUrl: services.publicUrl() });
  app.get<Slug>('/v1/admin/workspaces/:slug/twilio', { schema: schema("The workspace's Twilio account, without its secrets.", settingsView, { params: slugParam }) }, async (request) => readTwilioSettings(deps(), (await workspaceOf(orm, request.params.slug)).id));
  app.put<Slug & { Body: TwilioSettingsInput }>(
    '/v1/admin/workspaces/:slug/twilio',
    { schema: schema('Set the Twilio account the workspace sends and receives through: Twilio is asked whether the credentials open the account before anything is saved.', settingsView, { params: slugParam, body: twilioSettingsBody }) },
    async (request) => {
      const workspace = await workspaceOf(orm, request.params.slug);
      const view = await saveTwilioSettings(deps(), workspace.id, request.body);
      services.twilioCredentials.forget(workspace.slug);
      return view;
    },
  );
  app.delete<Slug>('/v1/admin/workspaces/:slug/twilio', { schema: schema('Remove the Twilio account: the workspace goes back to sandbox mode.', settingsView, { params: slugParam }) }, async (request) => {
    const workspace = await workspaceOf(orm, request.params.slug);
    await removeTwilioSettings(orm, workspace.id);
    services.twilioCredentials.forget(workspace.slug);
    return readTwilioSettings(deps(), workspace.id);
  });

  app.get<Slug>('/v1/admin/workspaces/:slug/agents', { schema: schema("The workspace's agents, deactivated ones too (API keys are not agents).", items(UserSchemaWire), { params: slugParam }) }, async (request) => ({ items: await listAgents(orm, await workspaceOf(orm, request.params.slug)) }));
  for (const [action, active] of [['deactivate', false], ['activate', true]] as const) {
    app.post<SlugId>(
      `/v1/admin/workspaces/:slug/agents/:id/${action}`,
      { schema: schema(active ? 'Let a deactivated agent sign in again.' : 'Deactivate an agent: their tokens are refused and their open connections closed; what they did keeps their name.', UserSchemaWire, { params: slugAndId }) },
      async (request) => {
        const workspace = await workspaceOf(orm, request.params.slug);
        const agent = await setAgentActive(orm, workspace, request.params.id, active);
        if (!active) await services.disconnectUser(workspace.id, agent.id);
        return agent;
      },
    );
  }

  app.get<Slug>('/v1/admin/workspaces/:slug/api-keys', { schema: schema("The workspace's API keys, revoked ones too (never their secrets).", items(keyView), { params: slugParam }) }, async (request) => ({ items: await listApiKeys(orm, await workspaceOf(orm, request.params.slug)) }));
  app.post<Slug & { Body: { name: string; scopes: string[] } }>(
    '/v1/admin/workspaces/:slug/api-keys',
    {
      schema: schema("Issue an API key for the host's backend: `key` is in this answer only, so store it now.", { ...keyView, required: [...keyView.required, 'key'], properties: { ...keyView.properties, key: str({ description: 'Send as "Authorization: Bearer <key>".' }) } }, {
        status: 201,
        params: slugParam,
        body: { type: 'object', additionalProperties: false, required: ['name', 'scopes'], properties: { name: str({ minLength: 1, maxLength: 200 }), scopes: { type: 'array', minItems: 1, maxItems: API_KEY_SCOPES.length, items: str({ enum: [...API_KEY_SCOPES] }) } } },
      }),
    },
    async (request, reply) => reply.status(201).send(await createApiKey(orm, await workspaceOf(orm, request.params.slug), request.body)),
  );
  app.delete<SlugId>('/v1/admin/workspaces/:slug/api-keys/:id', { schema: schema('Revoke an API key: refused from the next request on, on every node.', keyView, { params: slugAndId }) }, async (request) => revokeApiKey(orm, await workspaceOf(orm, request.params.slug), request.params.id));
}
