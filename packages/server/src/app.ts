// The Convkit server as a Fastify plugin: REST, webhooks, OpenAPI and (in demo mode) the demo
// host page. Socket.IO and the dispatcher are attached by createServer, which owns their lifetimes.
import type { FastifyInstance } from 'fastify';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from './db/orm.js';
import { installErrorHandler } from './http/error-handler.js';
import { registerRateLimit } from './http/rate-limit.js';
import type { RateLimiter } from './limits/rate-limiter.js';
import { openApiRoute, registerOpenApi } from './http/openapi.js';
import { restRoutes } from './http/rest.js';
import { demoRoutes } from './http/demo.js';
import { twilioWebhookRoutes } from './channels/twilio/webhook.js';

export interface AppOptions {
  orm: Orm;
  demo: boolean;
  publicUrl(): string;
  publish(workspaceId: string, events: ServerEvent[]): void;
  kickDispatcher(): void;
  limiter: RateLimiter;
}

export async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  installErrorHandler(fastify);
  await registerRateLimit(fastify, options.limiter.server);
  await registerOpenApi(fastify);
  await fastify.register(async (scope) => restRoutes(scope, options));
  await fastify.register(async (scope) => twilioWebhookRoutes(scope, options));
  openApiRoute(fastify);
  // A load balancer's probe is never limited: a busy IP must not look like a dead server.
  fastify.get('/health', { schema: { hide: true } as object, config: { rateLimit: false } }, async () => ({ ok: true }));
  if (options.demo) await fastify.register(async (scope) => demoRoutes(scope, options));
}
