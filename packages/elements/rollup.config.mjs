// The self-contained bundle: every element defined, with the SDK, Lit and socket.io-client
// inside, as one minified ES module a host page loads with a single <script type="module">.
//
// Input is tsc's output (dist/all.js), not the TypeScript sources: a TS plugin resolves
// relative imports before node-resolve and drags engine.io-client's Node transports (ws,
// xmlhttprequest-ssl) into a browser bundle. node-resolve with `browser: true` swaps them for
// the browser ones through engine.io-client's `browser` field.
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
