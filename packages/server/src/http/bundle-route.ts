// The elements bundle, served by the server itself in every mode, so that a host's whole embed
// is one tag: <script type="module" src="https://inbox.example.com/convkit/v1/convkit.js">.
// The bundle fetches its lazy chunks from /convkit/v1/chunks/, relative to itself. Any origin
// may load them (CORS). Browsers check the bundle on every load (a 304 by ETag when it has not
// changed), so a page never runs an old bundle that names chunks an upgrade removed; chunks have
// content hashes in their names, so browsers keep them a year without asking.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const BUNDLE_PATH = '/convkit/v1/convkit.js';
export const CHUNKS_PATH = '/convkit/v1/chunks/';
const ENTRY_CACHE = 'public, no-cache';
const CHUNK_CACHE = 'public, max-age=31536000, immutable';
/** A chunk's file name as rollup writes it (name-hash.js) or its source map; nothing else. */
const CHUNK_FILE = /^[A-Za-z0-9_-]+\.js(\.map)?$/;
const NOT_BUILT = { error: { code: 'not_found', message: 'The elements bundle is not built: run `npm run build`.' } };
/** A chunk name the bundle does not have: an old bundle's, most likely, from before an upgrade. */
const noChunk = (file: string) => ({ error: { code: 'not_found', message: `No chunk "${file.slice(0, 100)}" in this server's elements bundle: reload the page to get the current bundle.` } });

/** The built bundle's directory: the installed @convkit/elements package's, else the repository's. */
function findBundleDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('@convkit/elements/bundle'));
  } catch {
    const inRepository = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'packages', 'elements', 'dist', 'convkit');
    return existsSync(join(inRepository, 'convkit.js')) ? inRepository : null;
  }
}

function typeOf(file: string): string {
  return file.endsWith('.map') || file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8';
}

export async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string, cacheControl: string, missing: object = NOT_BUILT) {
  // Any origin, the errors too: a page of another origin then sees the 404, not a CORS failure.
  void reply.header('access-control-allow-origin', '*');
  if (!existsSync(file)) return reply.status(404).send(missing);
  const stat = statSync(file);
  // Weak: the same bytes are served whatever the compression in between.
  const etag = `W/"${createHash('sha1').update(`${stat.size}:${stat.mtimeMs}`).digest('base64url')}"`;
  void reply.header('cache-control', cacheControl).header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(typeOf(file)).send(createReadStream(file));
}

export function bundleRoutes(app: FastifyInstance): void {
  const dir = findBundleDir();
  if (!dir) return;
  const route = { schema: { hide: true } as object, config: { rateLimit: false as const } };
  for (const name of ['convkit.js', 'convkit.js.map']) {
    app.get(`/convkit/v1/${name}`, route, (request, reply) => sendFile(request, reply, join(dir, name), ENTRY_CACHE));
  }
  app.get<{ Params: { file: string } }>(`${CHUNKS_PATH}:file`, route, (request, reply) => {
    const { file } = request.params;
    if (!CHUNK_FILE.test(file)) return reply.header('access-control-allow-origin', '*').status(404).send(noChunk(file));
    return sendFile(request, reply, join(dir, 'chunks', file), CHUNK_CACHE, noChunk(file));
  });
}
