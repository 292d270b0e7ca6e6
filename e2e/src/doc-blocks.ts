// The code blocks of the repository's markdown docs, for tests that run them as written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The `lang` code blocks under the heading `heading` of a markdown file (repository path), in order. */
export function blocks(doc: string, heading: string, lang: string): string[] {
  const text = readFileSync(root + doc, 'utf8');
  const start = text.startsWith(`${heading}\n`) ? 0 : text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${doc} has "${heading}"`);
  const next = text.indexOf('\n## ', start + heading.length + 2);
  const section = text.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}
