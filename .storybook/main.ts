// Storybook for the elements. Run from the repo root:
//   pnpm --dir packages/elements exec storybook dev -c ../../.storybook -p 6006 --disable-telemetry
//   pnpm --dir packages/elements exec storybook build -c ../../.storybook -o ../../storybook-static --disable-telemetry
// In dev mode it also starts the demo test server (@convkit/server/testing) and answers
// GET /__convkit/session, so every story renders real data with no setup; a static build
// needs the `url` and `token` args pointed at a running server.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
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

/** The demo server and the session route, in `storybook dev` only. */
function demoServer(): Plugin {
  let server: Promise<{ url: string; token(o: { user?: string; name?: string }): Promise<string>; close(): Promise<void> }> | undefined;
  return {
    name: 'convkit-demo-server',
    apply: 'serve',
    configureServer(vite) {
      const start = () => {
        server ??= import(pathToFileURL(require.resolve('@convkit/server/testing')).href).then((m) => m.startTestServer({ seed: 'demo' }));
        return server;
      };
      vite.httpServer?.once('close', () => void server?.then((s) => s.close()));
      vite.middlewares.use('/__convkit/session', async (req, res) => {
        try {
          const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
          const s = await start();
          const token = await s.token({ user: query.get('user') ?? 'agent-1', name: query.get('name') ?? 'Alex Rivera' });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ url: s.url, token }));
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
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['browser', 'module', 'import', 'default'] };
    return viteConfig;
  },
};

export default config;
