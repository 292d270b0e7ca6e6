// The elements bundle, served by the server itself in every mode, so that a host's whole embed
// is one tag: <script type="module" src="https://inbox.example.com/convkit/v1/convkit.js">.
// Any origin may load it (CORS), and browsers keep it a day, then revalidate by ETag.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const BUNDLE_PATH = '/convkit/v1/convkit.js';
const CACHE_CONTROL = 'public, max-age=86400';

/** The built bundle: the installed @convkit/elements package's, else the repository's. */
function findBundle(): string | null {
  try {
    return createRequire(import.meta.url).resolve('@convkit/elements/bundle');
  } catch {
    const inRepository = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'packages', 'elements', 'dist', 'convkit.bundle.js');
    return existsSync(inRepository) ? inRepository : null;
  }
}

export function bundleRoutes(app: FastifyInstance): void {
  const file = findBundle();
  const files = file ? [{ path: BUNDLE_PATH, file, type: 'text/javascript; charset=utf-8' }, { path: `${BUNDLE_PATH}.map`, file: `${file}.map`, type: 'application/json; charset=utf-8' }] : [];
  for (const served of files) {
    app.get(served.path, { schema: { hide: true } as object, config: { rateLimit: false } }, async (request, reply) => {
      if (!existsSync(served.file)) return reply.status(404).send({ error: { code: 'not_found', message: 'The elements bundle is not built: run `npm run build`.' } });
      const stat = statSync(served.file);
      // Weak: the same bytes are served whatever the compression in between.
      const etag = `W/"${createHash('sha1').update(`${stat.size}:${stat.mtimeMs}`).digest('base64url')}"`;
      void reply.header('access-control-allow-origin', '*').header('cache-control', CACHE_CONTROL).header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(served.type).send(createReadStream(served.file));
    });
  }
}
