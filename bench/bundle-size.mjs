// Size of the self-contained bundle a host loads with one <script type="module"> tag.
// Initial: the entry and every chunk it imports statically, which is what the browser fetches
// before the list can render (budget: <= 45 KB gzip; over it, the bench exits 1). Total: that
// plus every lazy chunk (thread, composer, contact panel, row menu, bulk bar, filter pickers,
// virtualizer), fetched on first use. Each chunk is named.
// Baseline, measured in the same run: Lit and socket.io-client alone, bundled and minified,
// the floor any inbox built on them starts from.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const INITIAL_BUDGET_KB = 45;
const require = createRequire(import.meta.url);
const entryFile = require.resolve('@convkit/elements/bundle');
const dir = dirname(entryFile);
const { chunks } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]));

const sizes = (file) => {
  const raw = readFileSync(join(dir, file));
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

// The initial download: the entry and its static imports, transitively.
const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  for (const imported of byFile.get(file).imports) visit(imported);
};
visit(chunks.find((chunk) => chunk.entry).file);

// KB here is 1,000 bytes: the stricter reading of the budget.
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const sum = (files, key) => files.reduce((total, file) => total + sizes(file)[key], 0);
const pad = (text, width) => text.padEnd(width);

// Columns as wide as their longest entry, so a long chunk name never runs into the next column.
const fileWidth = Math.max(...chunks.map((chunk) => chunk.file.length)) + 2;
const nameWidth = Math.max(...chunks.map((chunk) => chunk.name.length)) + 2;
console.log(pad('chunk', fileWidth) + pad('holds', nameWidth) + pad('loads', 10) + pad('raw', 10) + pad('gzip', 10) + 'brotli');
for (const chunk of chunks) {
  const s = sizes(chunk.file);
  console.log(pad(chunk.file, fileWidth) + pad(chunk.name, nameWidth) + pad(initial.has(chunk.file) ? 'initial' : 'on use', 10) + pad(kb(s.raw), 10) + pad(kb(s.gzip), 10) + kb(s.brotli));
}
const initialFiles = [...initial];
const allFiles = chunks.map((chunk) => chunk.file);
const initialGzip = sum(initialFiles, 'gzip');
console.log(`initial: raw ${kb(sum(initialFiles, 'raw'))}  gzip ${kb(initialGzip)} (${initialGzip} B)  brotli ${kb(sum(initialFiles, 'brotli'))}  (budget: gzip <= ${INITIAL_BUDGET_KB} KB${initialGzip > INITIAL_BUDGET_KB * 1000 ? ', OVER' : ''})`);
console.log(`total:   raw ${kb(sum(allFiles, 'raw'))}  gzip ${kb(sum(allFiles, 'gzip'))}  brotli ${kb(sum(allFiles, 'brotli'))}  (${chunks.length} files)`);

// The bare libraries, the same way: what the elements and SDK add is the rest.
const bare = await build({
  stdin: { contents: "export { LitElement, html, css } from 'lit'; export { io } from 'socket.io-client';", resolveDir: dirname(new URL(import.meta.url).pathname), loader: 'js' },
  bundle: true,
  format: 'esm',
  minify: true,
  write: false,
  platform: 'browser',
  legalComments: 'none',
});
const baseline = gzipSync(bare.outputFiles[0].contents, { level: 9 }).length;
console.log(`baseline (lit + socket.io-client alone): gzip ${kb(baseline)}  initial is ${(initialGzip / baseline).toFixed(2)}x that`);

if (initialGzip > INITIAL_BUDGET_KB * 1000) process.exitCode = 1;
