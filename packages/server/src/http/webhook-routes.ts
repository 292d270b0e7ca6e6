// REST for a workspace's webhook endpoints (its admins, or an API key with the settings scopes):
// add one (its signing secret is in that answer only), list, change, disable or enable, remove,
// and read an endpoint's delivery log.
import type { FastifyInstance } from 'fastify';
import type { EntityManager } from '@mikro-orm/sql';
import { EVENT_TYPES } from '@convkit/sdk/protocol';
import { AppError } from '../errors.js';
import { id } from '../commands/schemas.js';
import { errorResponses, withBearerActor, type RestServices } from './rest.js';
import type { Authenticated } from '../auth/authenticate.js';
import type { Keyring } from '../secrets/keyring.js';
import type { WebhookConfig } from '../config.js';
import { createEndpoint, deleteEndpoint, endpointOf, listEndpoints, MAX_URL_LENGTH, updateEndpoint, type EndpointInput } from '../modules/webhooks/endpoints.js';
import { listDeliveries, DELIVERIES_PAGE_MAX } from '../modules/webhooks/deliveries.js';

export interface WebhookRouteServices extends Pick<RestServices, 'orm' | 'limiter'> {
  keyring: Keyring;
  webhooks: WebhookConfig;
  /** Tells the outbox an endpoint was added or enabled. */
  webhookEndpointsChanged(): void;
}

const nullableString = (extra: object = {}) => ({ type: ['string', 'null'], ...extra });
const eventList = { type: ['array', 'null'], minItems: 1, maxItems: EVENT_TYPES.length, items: { type: 'string', enum: [...EVENT_TYPES] }, description: 'The event types to post; null or left out: every type.' };
const endpointView = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'url', 'events', 'enabled', 'disabledReason', 'disabledAt', 'createdAt'],
  properties: { id: { type: 'string' }, url: { type: 'string' }, events: eventList, enabled: { type: 'boolean' }, disabledReason: nullableString(), disabledAt: nullableString({ format: 'date-time' }), createdAt: { type: 'string', format: 'date-time' } },
};
const deliveryView = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'eventId', 'eventType', 'eventSeq', 'status', 'attempts', 'lastStatus', 'lastError', 'nextAttemptAt', 'deliveredAt', 'createdAt'],
  properties: {
    id: { type: 'string' },
    eventId: { type: 'string', description: 'The Convkit-Event-Id header and the body\'s id: the same on every attempt.' },
    eventType: { type: 'string' },
    eventSeq: { type: 'integer' },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'skipped'], description: 'skipped: the event was deleted with its conversation before it went.' },
    attempts: { type: 'integer' },
    lastStatus: { type: ['integer', 'null'], description: "The endpoint's last HTTP status; null when none came." },
    lastError: nullableString(),
    nextAttemptAt: nullableString({ format: 'date-time' }),
    deliveredAt: nullableString({ format: 'date-time' }),
    createdAt: { type: 'string', format: 'date-time' },
  },
};
const idParam = { type: 'object', required: ['id'], properties: { id } };
const body = (required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: { url: { type: 'string', minLength: 1, maxLength: MAX_URL_LENGTH }, events: eventList, enabled: { type: 'boolean', description: 'false disables the endpoint; true enables it again, and what it missed meanwhile follows.' } },
});
const schema = (summary: string, response: object, extra: { status?: number; params?: object; body?: object; querystring?: object } = {}) => ({
  summary,
  tags: ['webhooks'],
  security: [{ bearer: [] }],
  ...extra,
  response: { [extra.status ?? 200]: response, ...errorResponses },
});

export async function webhookRoutes(app: FastifyInstance, services: WebhookRouteServices): Promise<void> {
  const { orm } = services;
  const asAdmin = <T>(request: Parameters<typeof withBearerActor>[1], scope: 'settings:read' | 'settings:write', work: (authenticated: Authenticated) => Promise<T>) =>
    withBearerActor(services, request, async (authenticated) => {
      if (authenticated.actor.role !== 'admin') throw new AppError('forbidden', "Only admins see or change the workspace's webhooks.");
      return work(authenticated);
    }, scope, scope === 'settings:read' ? "read the workspace's webhooks" : "change the workspace's webhooks");
  type ById = { Params: { id: string } };

  app.get('/v1/webhooks', { schema: schema("The workspace's webhook endpoints (admins).", { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: endpointView } } }) }, async (request) =>
    asAdmin(request, 'settings:read', async ({ actor }) => ({ items: await listEndpoints(orm, actor.workspaceId) })),
  );
  app.post<{ Body: EndpointInput }>(
    '/v1/webhooks',
    { schema: schema("Add an endpoint: the workspace's events from now on are posted to it, signed. Its `secret` is in this answer only (admins).", { ...endpointView, required: [...endpointView.required, 'secret'], properties: { ...endpointView.properties, secret: { type: 'string', description: 'whsec_…: the HMAC-SHA256 key of the Convkit-Signature header.' } } }, { status: 201, body: body(['url']) }) },
    async (request, reply) =>
      asAdmin(request, 'settings:write', async ({ actor }) => {
        const created = await createEndpoint(orm, services.keyring, actor.workspaceId, request.body, services.webhooks.allowPrivate);
        services.webhookEndpointsChanged();
        return reply.status(201).send(created);
      }),
  );
  app.patch<ById & { Body: EndpointInput }>('/v1/webhooks/:id', { schema: schema('Change an endpoint: its URL, its event types, or disable or enable it (admins).', endpointView, { params: idParam, body: body() }) }, async (request) =>
    asAdmin(request, 'settings:write', async ({ actor }) => {
      const updated = await updateEndpoint(orm, actor.workspaceId, request.params.id, request.body ?? {}, services.webhooks.allowPrivate);
      if (updated.enabled) services.webhookEndpointsChanged();
      return updated;
    }),
  );
  app.delete<ById>('/v1/webhooks/:id', { schema: schema('Remove an endpoint and its delivery log (admins).', endpointView, { params: idParam }) }, async (request) =>
    asAdmin(request, 'settings:write', async ({ actor }) => deleteEndpoint(orm, actor.workspaceId, request.params.id)),
  );
  app.get<ById & { Querystring: { limit?: number; status?: string } }>(
    '/v1/webhooks/:id/deliveries',
    {
      schema: schema("An endpoint's delivery log, newest first: each event's attempts, the endpoint's last answer, and when it is tried next (admins).", { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: deliveryView } } }, {
        params: idParam,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: DELIVERIES_PAGE_MAX, default: 50 }, status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'skipped'] } } },
      }),
    },
    async (request) =>
      asAdmin(request, 'settings:read', async ({ actor }) => {
        const em = orm.em.fork() as unknown as EntityManager;
        await endpointOf(em, actor.workspaceId, request.params.id);
        return { items: await listDeliveries(em, request.params.id, request.query.limit ?? 50, request.query.status ?? null) };
      }),
  );
}
