// One error handler: stable codes, a status per code, and never a 5xx message or a stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { AppError, toProtocolError } from '../errors.js';
import { schemaError } from '../commands/validate.js';

/** Node refuses request lines and headers past 16 KiB (431) before any route sees them. */
export const MAX_URL_BYTES = 16 * 1024;

/** Errors Fastify raises before routing (an undecodable URL): our shape, a 4xx, no internals. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.status(status).send({ error: { code: 'invalid_params', message: `url: ${error.message}`, details: { path: 'url' } } });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      // Every refusal for rate says when to come back, in the header HTTP clients read too.
      const retryAfterMs = error.details?.retryAfterMs;
      if (typeof retryAfterMs === 'number') void reply.header('retry-after', Math.max(1, Math.ceil(retryAfterMs / 1000)));
      return reply.status(error.statusCode).send({ error: error.toProtocol() });
    }
    if (error.validation) {
      // The same translation as the socket's: one field, one code, the limit when too long.
      const appError = schemaError(error.validation[0] as ErrorObject | undefined, error.validationContext ?? 'params');
      return reply.status(appError.statusCode).send({ error: appError.toProtocol() });
    }
    // Fastify's own client errors (bad JSON, unsupported media type, body too large).
    if (error.statusCode === 413) {
      const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0;
      return reply.status(413).send({ error: { code: 'too_long', message: `body: at most ${limit} bytes.`, details: { path: 'body', limit } } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'invalid_params', message: error.message, details: { path: 'body' } } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: toProtocolError(error) });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } });
  });
}
