// The self-contained bundle: every element defined, with the SDK, Lit and socket.io-client
// inside, as one minified ES module a host page loads with a single <script type="module">.
//
// Input is tsc's output (dist/all.js), not the TypeScript sources: a TS plugin resolves
// relative imports before node-resolve and drags engine.io-client's Node transports (ws,
// xmlhttprequest-ssl) into a browser bundle. node-resolve with `browser: true` swaps them for
// the browser ones through engine.io-client's `browser` field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';

/** Minifies each chunk with esbuild (already a dependency; no terser needed). */
function minify() {
  return {
    name: 'esbuild-minify',
    async renderChunk(code) {
      const result = await transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none', sourcemap: true });
      return { code: result.code, map: result.map };
    },
  };
}

const HELPERS_ID = '\0convkit-ts-helpers';
// tsc writes its decorator helpers (`var __esDecorate = (this && this.__esDecorate) || function …`)
// into every module with a decorator, a kilobyte each, a dozen times. Without tslib (the
// package has no runtime dependency for it), this keeps one copy: each module's copy becomes
// an import of a shared one. The helpers end at the first line that is exactly `};`.
const HELPER = /^var (__[A-Za-z]+) = \(this && this\.\1\) \|\| (function[\s\S]*?\n\});?\n/gm;

// tsc also gives every decorated accessor's context an `access` object (has/get/set closures):
// a hundred bytes each, forty times over, that Lit's decorators never read (they use `kind`,
// `name` and `metadata`). Only this package's own modules are stripped, and they decorate
// with Lit's decorators alone; dist/ itself keeps tsc's full output.
const ACCESS = /access: \{ has: obj => "(\w+)" in obj, get: obj => obj\.\1, set: \(obj, value\) => \{ obj\.\1 = value; \} \}, /g;

function sharedTsHelpers(dir = 'dist') {
  const helpers = new Map();
  return {
    name: 'convkit-shared-ts-helpers',
    buildStart() {
      const walk = (d) => {
        for (const entry of readdirSync(d, { withFileTypes: true })) {
          const path = join(d, entry.name);
          if (entry.isDirectory()) walk(path);
          else if (entry.name.endsWith('.js')) for (const [, name, body] of readFileSync(path, 'utf8').matchAll(HELPER)) helpers.set(name, body);
        }
      };
      walk(dir);
    },
    resolveId: (id) => (id === HELPERS_ID ? id : null),
    load(id) {
      if (id !== HELPERS_ID) return null;
      return [...helpers].map(([name, body]) => `export const ${name} = ${body};`).join('\n');
    },
    transform(code, id) {
      if (!id.includes('/packages/elements/dist/')) return null;
      const used = [];
      const stripped = code.replace(HELPER, (_match, name) => (used.push(name), '')).replace(ACCESS, '');
      if (used.length === 0) return null;
      return { code: `import { ${used.join(', ')} } from '${HELPERS_ID}';\n${stripped}`, map: null };
    },
  };
}

/**
 * Collapses the whitespace and comments inside Lit's css`` templates: esbuild minifies the code
 * around a template literal but keeps its text as written. Interpolations (`${color.text}`)
 * hold no backtick, so a template ends at the next one.
 */
function minifyCss() {
  return {
    name: 'convkit-minify-css',
    transform(code, id) {
      if (!id.includes('/packages/elements/dist/') || !/\bcss ?`/.test(code)) return null;
      return {
        // tsc writes css `…` with a space.
        code: code.replace(/\bcss ?`([^`]*)`/g, (_m, text) => {
          const min = text
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .trim();
          return `css\`${min}\``;
        }),
        map: null,
      };
    },
  };
}

export default {
  input: 'dist/all.js',
  output: {
    file: 'dist/convkit.bundle.js',
    format: 'esm',
    sourcemap: true,
    // The virtualizer lazy-loads a ResizeObserver polyfill for old browsers: keep it inside,
    // the bundle is one file by contract.
    inlineDynamicImports: true,
  },
  plugins: [
    sharedTsHelpers(),
    minifyCss(),
    // No 'development' condition: it would pick Lit's dev build and socket.io's debug builds.
    nodeResolve({ browser: true, exportConditions: ['browser'] }),
    minify(),
  ],
  onwarn(warning, warn) {
    // Lit's and the virtualizer's `this` at module top level is harmless in ES modules.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
