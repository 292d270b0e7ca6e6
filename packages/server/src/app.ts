// The Convkit server as a Fastify plugin: REST, webhooks, OpenAPI and (in demo mode) the demo
// host page. Socket.IO and the dispatcher are attached by createServer, which owns their lifetimes.
import type { ProviderServices } from './commands/context.js';
import type { FastifyInstance } from 'fastify';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from './db/orm.js';
import { installErrorHandler } from './http/error-handler.js';
import { registerRateLimit } from './http/rate-limit.js';
import type { RateLimiter } from './limits/rate-limiter.js';
import { openApiRoute, registerOpenApi } from './http/openapi.js';
import { restRoutes } from './http/rest.js';
import { demoRoutes } from './http/demo.js';
import { bundleRoutes } from './http/bundle-route.js';
import { emojiDataRoutes } from './http/emoji-data-route.js';
import { storybookRoutes } from './http/storybook-route.js';
import { twilioWebhookRoutes } from './channels/twilio/webhook.js';
import { emailWebhookRoutes } from './channels/email/email-webhook.js';
import { corsForHosts } from './http/cors.js';
import type { Metrics } from './metrics/metrics.js';
import { AppError } from './errors.js';
import { sameSecret } from './auth/same-secret.js';
import type { InboundWriter } from './modules/messages/inbound-writer.js';
import { twilioSettingsRoutes } from './http/twilio-settings-routes.js';
import { adminRoutes } from './http/admin-routes.js';
import { webhookRoutes } from './http/webhook-routes.js';
import { eventStreamRoutes, type StreamHub } from './realtime/event-stream.js';
import type { WebhookConfig } from './config.js';
import { consentExportRoute } from './http/consent-export-route.js';
import { messageExportRoutes } from './http/message-export-route.js';
import { attachmentRoutes } from './http/attachment-routes.js';
import type { WebhookCredentialsCache } from './channels/twilio/webhook-credentials.js';
import type { TwilioSettingsDeps } from './channels/twilio/settings.js';

export interface AppOptions {
  orm: Orm;
  demo: boolean;
  publicUrl(): string;
  publish(workspaceId: string, events: ServerEvent[]): void;
  kickDispatcher(): void;
  kickMediaFetcher(): void;
  providers: ProviderServices;
  limiter: RateLimiter;
  metrics: Metrics;
  /** Required of /metrics scrapes as a bearer token, when set. */
  metricsToken: string | null;
  inbound: InboundWriter;
  /** Each workspace's Twilio auth token for signature checks, forgotten when its settings change. */
  twilioCredentials: WebhookCredentialsCache;
  /** What saving a workspace's Twilio settings needs: the key secrets are sealed with, and where Twilio is. */
  twilioSettings: Omit<TwilioSettingsDeps, 'publicUrl'>;
  /** CONVKIT_CORS_ORIGINS: the host pages that may call the REST API from their scripts. */
  corsOrigins: string[] | '*';
  /** CONVKIT_EMAIL_INBOUND_SECRET: inbound email's webhook password (null: the webhook is closed). */
  emailInboundSecret: string | null;
  /** The /v1/stream connections of this node. */
  streams: StreamHub;
  /** Outgoing webhooks: whether endpoints may be on private addresses. */
  webhooks: WebhookConfig;
  /** An endpoint was added or enabled: webhook work starts now. */
  webhookEndpointsChanged(): void;
  /** CONVKIT_ADMIN_KEY: the operator's key for /v1/admin (null: those routes are refused). */
  adminKey: string | null;
  /** Closes a user's sockets on every node (an agent an admin deactivated). */
  disconnectUser(workspaceId: string, userId: string): Promise<void>;
  /** Closes every socket of a workspace on every node (its signing secret was replaced with no grace). */
  disconnectWorkspace(workspaceId: string): Promise<void>;
  /** Whether the database and Redis (null: not configured) answer. */
  health(): Promise<{ database: boolean; redis: boolean | null }>;
}

export async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  installErrorHandler(fastify);
  await registerRateLimit(fastify, options.limiter.server);
  await registerOpenApi(fastify);
  await corsForHosts(fastify, options.corsOrigins);
  await fastify.register(async (scope) => restRoutes(scope, options));
  await fastify.register(async (scope) => twilioSettingsRoutes(scope, options));
  await fastify.register(async (scope) => adminRoutes(scope, options));
  await fastify.register(async (scope) => eventStreamRoutes(scope, { orm: options.orm, hub: options.streams }));
  await fastify.register(async (scope) => webhookRoutes(scope, { ...options, keyring: options.twilioSettings.keyring }));
  await fastify.register(async (scope) => consentExportRoute(scope, options));
  await fastify.register(async (scope) => messageExportRoutes(scope, options));
  await fastify.register(async (scope) => attachmentRoutes(scope, { ...options, keyring: options.twilioSettings.keyring }));
  await fastify.register(async (scope) => twilioWebhookRoutes(scope, options));
  await fastify.register(async (scope) => emailWebhookRoutes(scope, { ...options, inboundSecret: options.emailInboundSecret }));
  openApiRoute(fastify);
  // Every response is timed; the route's pattern names it (never its ids, which would make one
  // series per conversation).
  fastify.addHook('onResponse', async (request, reply) => {
    options.metrics.request(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  // A load balancer's probe is never limited: a busy IP must not look like a dead server. It
  // answers 503 while the database or Redis cannot be reached, so traffic goes to other nodes.
  fastify.get('/health', { schema: { hide: true } as object, config: { rateLimit: false } }, async (_request, reply) => {
    const { database, redis } = await options.health();
    const ok = database && redis !== false;
    return reply.status(ok ? 200 : 503).send({ ok, database: database ? 'up' : 'down', redis: redis === null ? 'not configured' : redis ? 'up' : 'down' });
  });
  fastify.get('/metrics', { schema: { hide: true } as object }, async (request, reply) => {
    if (options.metricsToken !== null && !sameSecret(request.headers.authorization ?? '', `Bearer ${options.metricsToken}`)) {
      throw new AppError('unauthenticated', 'This server serves /metrics only with the bearer token in CONVKIT_METRICS_TOKEN: send it as "Authorization: Bearer <token>".');
    }
    const { contentType, body } = await options.metrics.render();
    return reply.type(contentType).send(body);
  });
  bundleRoutes(fastify);
  emojiDataRoutes(fastify);
  await fastify.register(async (scope) => storybookRoutes(scope));
  if (options.demo) await fastify.register(async (scope) => demoRoutes(scope, options));
}
