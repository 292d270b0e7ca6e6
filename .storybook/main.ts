// Storybook for the elements. Run from the repo root:
//   pnpm --dir packages/elements exec storybook dev -c ../../.storybook -p 6006 --disable-telemetry
// `npm run build` writes the static site to storybook-static/ (scripts/storybook-build.mjs), and
// a server started with `npm start` serves it at /storybook/ with its demo sessions.
// In dev mode this also starts a Convkit server in demo mode (as `npm start` does, on a scratch
// data folder) and answers GET /__convkit/session with that server's /demo/session, so every
// story renders real data with no setup.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

// Storybook's packages are dependencies of @convkit/elements (pnpm does not hoist them to the
// root): resolve everything from there.
const require = createRequire(new URL('../packages/elements/package.json', import.meta.url));
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const elementsDir = fileURLToPath(new URL('../packages/elements/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * Vite 8 (Oxc) strips types but leaves standard decorators in place, which Chromium cannot parse
 * yet: the story module dies with a SyntaxError. Lower them with esbuild first, as the tests do.
 */
function lowerDecorators(): Plugin {
  return {
    name: 'convkit-lower-decorators',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\/packages\/elements\/src\/.+\.ts$/.test(id.split('?')[0]!)) return null;
      const { transform } = require('esbuild') as typeof import('esbuild');
      const result = await transform(code, { loader: 'ts', target: 'es2022', format: 'esm', sourcemap: true, sourcefile: id });
      return { code: result.code, map: result.map };
    },
  };
}

/** A demo-mode Convkit server and the session route, in `storybook dev` only. */
function demoServer(): Plugin {
  type Server = { url: string; close(): Promise<void> };
  let server: Promise<Server> | undefined;
  const start = (): Promise<Server> =>
    (server ??= (async () => {
      const { configFromEnv, createServer } = (await import(pathToFileURL(require.resolve('@convkit/server')).href)) as typeof import('@convkit/server');
      const dataDir = mkdtempSync(join(tmpdir(), 'convkit-storybook-'));
      const config = configFromEnv({ CONVKIT_DATA_DIR: dataDir }, { host: '127.0.0.1', port: 0, demo: true, logLevel: 'silent' });
      const s = await createServer(config, { seedDemo: true, logger: false });
      return { url: s.url, close: async () => (await s.close(), rmSync(dataDir, { recursive: true, force: true })) };
    })());
  return {
    name: 'convkit-demo-server',
    apply: 'serve',
    configureServer(vite) {
      vite.httpServer?.once('close', () => void server?.then((s) => s.close()));
      vite.middlewares.use('/__convkit/session', async (req, res) => {
        try {
          const { url } = await start();
          // The demo server's own route: the same agents and story workspaces as at /storybook/.
          const answer = await fetch(`${url}/demo/session${new URL(req.url ?? '/', 'http://localhost').search}`);
          res.statusCode = answer.status;
          res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
          res.end(await answer.text());
        } catch (error) {
          res.statusCode = 503;
          res.end(String(error));
        }
      });
    },
  };
}

const config: StorybookConfig = {
  stories: ['../packages/elements/src/**/*.stories.ts'],
  addons: [packageDir('@storybook/addon-docs'), packageDir('@storybook/addon-a11y')],
  framework: { name: packageDir('@storybook/web-components-vite') as '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [lowerDecorators(), demoServer(), ...(viteConfig.plugins ?? [])];
    // Storybook's virtual entry imports `storybook/internal/...` bare, resolved from the Vite
    // root; with pnpm only packages/elements can see `storybook`, so that is the root. The
    // repo root stays servable for .storybook/preview.ts.
    viteConfig.root = elementsDir;
    viteConfig.server = { ...viteConfig.server, fs: { ...viteConfig.server?.fs, allow: [repoRoot] } };
    // Same resolution as the tests and the bundle: browser builds, no socket.io debug builds.
    // preview.ts imports lit and the framework, which pnpm installs for packages/elements only:
    // dedupe resolves them from the Vite root (packages/elements), one copy for stories and preview.
    viteConfig.resolve = {
      ...viteConfig.resolve,
      conditions: ['browser', 'module', 'import', 'default'],
      dedupe: [...(viteConfig.resolve?.dedupe ?? []), 'lit', '@storybook/web-components-vite'],
    };
    return viteConfig;
  },
};

export default config;
