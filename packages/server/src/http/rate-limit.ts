// REST requests per IP address, with @fastify/rate-limit (a fixed window per address). It runs
// on every route before anything else, so a flood costs no token check and no query. Per-user
// limits come after authentication (rest.ts); webhooks opt out and count failures instead.
import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ServerLimits } from '../limits/limits.js';
import { rateLimited } from '../limits/rate-limiter.js';

const WINDOW_MS = 60_000;

export async function registerRateLimit(app: FastifyInstance, limits: ServerLimits): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limits.restPerIpPerMinute,
    timeWindow: WINDOW_MS,
    // Thrown into the one error handler: the same { error: { code, details.retryAfterMs } } as a
    // refused socket command, with Retry-After set by the plugin.
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl, `Too many requests from your address: at most ${context.max} a minute. Retry in ${Math.ceil(context.ttl / 1000)} s.`),
  });
}
