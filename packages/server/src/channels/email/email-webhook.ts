// Inbound email's webhook: POST /webhooks/email/<workspace slug> with the raw MIME message as the
// body (message/rfc822), as mail services forward inbound mail (SendGrid's Inbound Parse with raw
// posting, Mailgun's and Postmark's raw MIME, or an MTA's pipe to curl). It is let in by HTTP
// Basic auth with the workspace's own password (inbound-password.ts): those services all take a
// URL with credentials in it. Answers 200 once the email is stored (or was already), so the service stops
// retrying; a refusal says why.
import type { FastifyInstance } from 'fastify';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import { requestAddress } from '../../http/client-address.js';
import type { RateLimiter } from '../../limits/rate-limiter.js';
import { sqlAll } from '../../db/sql.js';
import { receiveEmail } from './inbound-email.js';
import { inboundPassword } from './inbound-password.js';
import { sameSecret } from '../../auth/same-secret.js';

/** 25 MB of files, as base64 (4/3) with the MIME around them. */
export const EMAIL_BODY_LIMIT = 36 * 1024 * 1024;

export interface EmailWebhookServices {
  orm: Orm;
  limiter: RateLimiter;
  inboundSecret: string | null;
  publish(workspaceId: string, events: ServerEvent[]): void;
}

function passwordOf(header: string | undefined): string {
  const [scheme, value] = (header ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !value) return '';
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

export async function emailWebhookRoutes(fastify: FastifyInstance, services: EmailWebhookServices): Promise<void> {
  fastify.addContentTypeParser(['message/rfc822', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: EMAIL_BODY_LIMIT }, (_request, body, done) => done(null, body));
  fastify.post<{ Params: { workspace: string } }>(
    '/webhooks/email/:workspace',
    {
      schema: { hide: true } as object,
      config: { rateLimit: false },
      bodyLimit: EMAIL_BODY_LIMIT,
      // Before the body is read: a closed webhook, or a wrong password, costs no parsing.
      onRequest: async (request) => {
        const ip = requestAddress(request);
        services.limiter.checkWebhookAddress(ip);
        if (!services.inboundSecret) throw new AppError('not_found', 'Inbound email is not set up on this server: set CONVKIT_EMAIL_INBOUND_SECRET.');
        // Each workspace's own password: the one a tenant was given opens its inbox alone.
        const slug = (request.params as { workspace: string }).workspace;
        if (!sameSecret(passwordOf(request.headers.authorization), inboundPassword(services.inboundSecret, slug))) {
          services.limiter.webhookFailed(ip);
          throw new AppError('unauthenticated', "Inbound email needs HTTP Basic auth with this workspace's password (convkit email-inbound --workspace <slug> prints the URL with it).");
        }
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError('invalid_params', 'The body must be the raw email (Content-Type: message/rfc822).', { path: 'body' });
      const [workspace] = await sqlAll<{ id: string }>(services.orm.em.fork(), 'select id from workspaces where slug = ?', [request.params.workspace]);
      if (!workspace) throw new AppError('not_found', 'No workspace with this slug.');
      const received = await receiveEmail(services.orm, workspace.id, request.body);
      services.publish(workspace.id, received.events);
      return reply.send({ stored: !received.duplicate, duplicate: received.duplicate, messageId: received.message?.id ?? null });
    },
  );
}
