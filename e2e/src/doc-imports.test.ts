// Every module path the host-facing docs tell developers to import resolves, through the
// packages' own export maps, to a file that exists. (A `define/<tag>.js` path once resolved to
// `<tag>.js.js`.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['docs/embedding.md', 'packages/elements/README.md', 'README.md'];

/** `import … from '@convkit/…'` and `import '@convkit/…'` in the docs' text, with the doc each is in. */
function documentedImports(): { doc: string; specifier: string }[] {
  const found: { doc: string; specifier: string }[] = [];
  for (const doc of DOCS) {
    const text = readFileSync(root + doc, 'utf8');
    for (const match of text.matchAll(/import\s+(?:[^'"`;]+?\s+from\s+)?['"](@convkit\/[^'"]+)['"]/g)) found.push({ doc, specifier: match[1]! });
    // Paths named in prose, like `@convkit/elements/bundle`.
    for (const match of text.matchAll(/`(@convkit\/[a-z]+\/[a-z]+(?:\.js)?)`/g)) found.push({ doc, specifier: match[1]! });
  }
  return found;
}

/** Resolved as a package resolves its own name (self-reference): by its exports map alone. */
function resolveOwn(specifier: string): string {
  const name = specifier.split('/').slice(0, 2).join('/');
  const dir = name.replace('@convkit/', 'packages/');
  return createRequire(`${root}${dir}/package.json`).resolve(specifier);
}

describe('the import paths the docs show', () => {
  it('resolve to files that exist', () => {
    const imports = documentedImports();
    assert.ok(imports.some((i) => i.specifier === '@convkit/elements/define/conv-inbox.js'), 'the define/ path is among them');
    for (const { doc, specifier } of imports) {
      const file = resolveOwn(specifier);
      assert.ok(existsSync(file), `${doc}: ${specifier} -> ${file}`);
    }
  });
});
