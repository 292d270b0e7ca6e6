// The elements' Storybook, as `npm run build` writes it (storybook-static/ at the repository
// root), served at /storybook/ in every mode. Only demo mode also answers /demo/session, which
// is how its stories get real data with no setup; elsewhere a story asks for `url` and `token`.
// HTML and index.json are checked on every load (they name the current assets); files under
// assets/ carry content hashes in their names, so browsers keep them a year without asking.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const STORYBOOK_PATH = '/storybook/';
const HASHED_CACHE = 'public, max-age=31536000, immutable';
const CHECKED_CACHE = 'public, no-cache';
const NOT_BUILT = { error: { code: 'not_found', message: 'Storybook is not built: run `npm run build` at the repository root, then reload /storybook/.' } };

/** Where `npm run build` writes the site; tests may point elsewhere. */
export function defaultStorybookDir(): string {
  return join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'storybook-static');
}

/** Registers GET /storybook and /storybook/*; call it inside a scope of its own (see app.ts). */
export async function storybookRoutes(scope: FastifyInstance, dir: string = defaultStorybookDir()): Promise<void> {
  const route = { schema: { hide: true } as object, config: { rateLimit: false as const } };
  // reply.sendFile only: the routes below decide what is served. It goes through `send`, which
  // resolves each path under root and refuses `..`; dotfiles are not served.
  await scope.register(fastifyStatic, { root: dir, serve: false, dotfiles: 'deny', cacheControl: false });
  scope.get('/storybook', route, (_request, reply) => reply.redirect(STORYBOOK_PATH));
  scope.get<{ Params: { '*': string } }>(`${STORYBOOK_PATH}*`, route, (request, reply) => {
    // Checked per request, not at start: a build made while the server runs is served at once.
    if (!existsSync(join(dir, 'index.html'))) return reply.status(404).send(NOT_BUILT);
    const path = request.params['*'] || 'index.html';
    void reply.header('cache-control', path.startsWith('assets/') ? HASHED_CACHE : CHECKED_CACHE);
    return reply.sendFile(path.endsWith('/') ? `${path}index.html` : path);
  });
}
