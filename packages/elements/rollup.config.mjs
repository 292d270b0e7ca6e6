// The self-contained bundle: every element, with the SDK, Lit and socket.io-client inside, as
// minified ES modules a host page loads with a single <script type="module"> (dist/convkit/
// convkit.js). What the list's first screen needs is in that file; the rest are chunks beside
// it (dist/convkit/chunks/), which the browser fetches relative to it on first use.
// dist/convkit/manifest.json names every chunk, what it holds and what it imports.
//
// Input is tsc's output (dist/bundle.js), not the TypeScript sources: a TS plugin resolves
// relative imports before node-resolve and drags engine.io-client's Node transports (ws,
// xmlhttprequest-ssl) into a browser bundle. node-resolve with `browser: true` swaps them for
// the browser ones through engine.io-client's `browser` field.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';

/** Minifies each chunk with esbuild first (terser follows). */
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

/**
 * A smaller `__esDecorate` for the bundle: this package decorates only instance accessors, with
 * Lit's decorators (@property, @state, @query), which return `{ get, set, init }` and read
 * `kind`, `name` and `metadata`. tsc's helper also handles fields, methods, getters, setters and
 * statics, and checks every value it is given. Anything else fails loudly at load, never quietly.
 */
const LEAN_HELPERS = {
  __esDecorate: `function (ctor, _descriptor, decorators, context, initializers, extraInitializers) {
    if (context.kind !== 'accessor' || context.static || context.private) throw new TypeError('convkit bundle: only instance accessors are decorated');
    var target = ctor.prototype, descriptor = Object.getOwnPropertyDescriptor(target, context.name);
    for (var i = decorators.length - 1; i >= 0; i--) {
      var result = decorators[i]({ get: descriptor.get, set: descriptor.set }, Object.assign({}, context, { addInitializer: function (f) { extraInitializers.push(f); } }));
      if (result) {
        if (result.get) descriptor.get = result.get;
        if (result.set) descriptor.set = result.set;
        if (result.init) initializers.unshift(result.init);
      }
    }
    Object.defineProperty(target, context.name, descriptor);
  }`,
};

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
      return [...helpers].map(([name, body]) => `export const ${name} = ${LEAN_HELPERS[name] ?? body};`).join('\n');
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

/**
 * Collapses the line breaks and indentation inside Lit's html`` templates to one space each:
 * tsc and esbuild keep a template's text as written, and the indentation of every template was
 * a good part of the bundle. One space renders as the line break and indentation did wherever
 * whitespace collapses, which is everywhere in these templates: the few elements that keep
 * whitespace (pre-wrap message bodies, the merge preview) hold a value with no text around it.
 * Templates are found in the module's syntax tree, so the `${…}` inside them, nested templates
 * included, are never touched.
 */
function minifyHtml() {
  return {
    name: 'convkit-minify-html',
    transform(code, id) {
      if (!id.includes('/packages/elements/dist/') || !/\bhtml ?`/.test(code)) return null;
      const quasis = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html') quasis.push(...node.quasi.quasis);
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(visit);
          else if (value && typeof value === 'object') visit(value);
        }
      };
      visit(this.parse(code));
      let out = code;
      for (const quasi of quasis.sort((a, b) => b.start - a.start)) {
        const text = code.slice(quasi.start, quasi.end);
        out = out.slice(0, quasi.start) + text.replace(/[ \t]*\n\s*/g, ' ') + out.slice(quasi.end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * engine.io-client's default transports include WebTransport, which the SDK never asks for (its
 * `transports` option takes 'websocket' and 'polling'): this keeps the other two only.
 * The imports stay the package's own, so node-resolve still swaps in their browser builds.
 */
function withoutWebTransport() {
  return {
    name: 'convkit-without-webtransport',
    load(id) {
      if (!/engine\.io-client\/build\/esm\/transports\/index\.js$/.test(id)) return null;
      return 'import { XHR } from "./polling-xhr.node.js";\nimport { WS } from "./websocket.node.js";\nexport const transports = { websocket: WS, polling: XHR };\n';
    },
  };
}

/** Writes manifest.json: each chunk's file, whether it is the entry, its imports and modules. */
function manifest() {
  return {
    name: 'convkit-manifest',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle)
        .filter((item) => item.type === 'chunk')
        .map((chunk) => ({
          file: chunk.fileName,
          entry: chunk.isEntry,
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          // What the chunk holds, by its entry modules ("define/conv-thread") or its name.
          name: chunk.facadeModuleId ? chunk.facadeModuleId.replace(/^.*\/(dist|node_modules)\//, '').replace(/\.js$/, '') : chunk.name,
        }));
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify({ chunks }, null, 2)}\n` });
    },
  };
}

export default {
  input: { convkit: 'dist/bundle.js' },
  // The entry itself holds the shared code the chunks import: no facade, one file less to fetch.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist/convkit',
    format: 'esm',
    sourcemap: true,
    entryFileNames: '[name].js',
    // Content-hashed: the server lets browsers keep them for a year.
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  plugins: [
    sharedTsHelpers(),
    minifyCss(),
    minifyHtml(),
    withoutWebTransport(),
    // No 'development' condition: it would pick Lit's dev build and socket.io's debug builds.
    nodeResolve({ browser: true, exportConditions: ['browser'] }),
    minify(),
    // Then terser: its two compress passes over esbuild's output take another kilobyte (gzip) off
    // the initial download, which the 45 KB budget needs.
    terser({ module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } }),
    manifest(),
  ],
  onwarn(warning, warn) {
    // Lit's and the virtualizer's `this` at module top level is harmless in ES modules.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    // TypeBox's modules import each other in cycles; the bundle carries none of them (the SDK's
    // schemas are for the server and typings), but rollup reads them to resolve re-exports.
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('/node_modules/'))) return;
    warn(warning);
  },
};
