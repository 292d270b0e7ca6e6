// Cross-origin calls to the REST API from host pages (@fastify/cors): a script on one of the
// origins CONVKIT_CORS_ORIGINS names (or any, with "*") may call /v1/ with an agent's token, its
// preflight answered; any other origin gets no CORS headers, so its browser keeps the answer from
// it. Bearer tokens are the credential, never cookies: no request is sent with credentials. The
// routes a page of any origin needs (the bundle, the emoji data, exports, uploads by link) answer
// any origin on their own.
import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** What a host's script sends beyond the simple headers. */
const ALLOWED_HEADERS = ['authorization', 'content-type'];
/** What it may read of an answer: how long to wait after a 429. */
const EXPOSED_HEADERS = ['retry-after'];
/** How long a browser may keep a preflight's answer (s). */
const PREFLIGHT_MAX_AGE = 600;

function decodedPath(url: string): string {
  const path = url.split('?')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export async function corsForHosts(app: FastifyInstance, origins: string[] | '*'): Promise<void> {
  const allowed = (origin: string | undefined) => Boolean(origin) && (origins === '*' || origins.includes(origin!));
  await app.register(cors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      // The operator's admin routes are for servers and the CLI: the admin key never belongs in a
      // page. The path is read decoded, as the router reads it (/v1/%61dmin is /v1/admin).
      const path = decodedPath(request.url ?? '');
      const api = path.startsWith('/v1/') && !path.startsWith('/v1/admin/');
      callback(null, {
        origin: api && allowed(origin) ? origin! : false,
        methods: METHODS,
        allowedHeaders: ALLOWED_HEADERS,
        exposedHeaders: EXPOSED_HEADERS,
        maxAge: PREFLIGHT_MAX_AGE,
        credentials: false,
      });
    },
  });
}
