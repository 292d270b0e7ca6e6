// Size of the self-contained bundle a host loads with one <script type="module"> tag
// (all elements + SDK + Lit + socket.io-client). Budget: <= 60 KB gzip.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = require.resolve('@convkit/elements/bundle');
const raw = readFileSync(file);
const gzip = gzipSync(raw, { level: 9 }).length;
const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`convkit.bundle.js  raw ${kb(raw.length)}  gzip ${kb(gzip)}  brotli ${kb(brotli)}  (budget: gzip <= 60 KB)`);
