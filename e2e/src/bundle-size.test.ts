// `node bench/bundle-size.mjs`, as docs/embedding.md and the elements README give it: it names
// every chunk, prints the initial and total sizes beside its baseline, and exits non-zero when
// the initial download is over its 45 KB budget, which fails this test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('node bench/bundle-size.mjs', () => {
  it('prints every chunk, the initial and total sizes and the baseline, within the budget', () => {
    const printed = execFileSync(process.execPath, ['bench/bundle-size.mjs'], { cwd: root, encoding: 'utf8' });
    const manifest = JSON.parse(readFileSync(`${root}packages/elements/dist/convkit/manifest.json`, 'utf8')) as { chunks: { file: string }[] };
    for (const { file } of manifest.chunks) assert.ok(printed.includes(file), `names ${file}`);
    assert.match(printed, /^initial: .* gzip [\d.]+ KB \(\d+ B\) .*\(budget: gzip <= 45 KB\)$/m);
    assert.doesNotMatch(printed, /OVER/);
    assert.match(printed, /^total: /m);
    assert.match(printed, /^baseline \(lit \+ socket\.io-client alone\): gzip [\d.]+ KB {2}initial is [\d.]+x that$/m);
  });
});
