// docs/reference.md, generated from custom-elements.json (the elements' JSDoc), the tokens of
// src/styles/tokens.ts and the English terms of src/i18n/terms/: every element's attributes,
// properties, events, slots, parts and custom properties, every token with its default, and
// every term a translation can give with its English and Spanish. `node packages/elements/scripts/reference-docs.mjs`
// prints it; `--write` writes it. A test fails when the committed file differs from what it prints.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const elements = fileURLToPath(new URL('..', import.meta.url));
const target = fileURLToPath(new URL('../../../docs/reference.md', import.meta.url));

const oneLine = (text = '') => String(text).replace(/\s*\n\s*/g, ' ');
/** A table cell: one line, pipes escaped. */
const cell = (text = '') => oneLine(text).replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${oneLine(text)}\`` : '');

function table(headers, rows) {
  if (rows.length === 0) return '';
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`), ''].join('\n');
}

/** A term as a translator reads it: a function with its parameters as `{name}`, plural forms by category. */
function showTerm(term) {
  if (typeof term === 'string') return term;
  if (typeof term === 'function') {
    const params = (/^\(?([^)=]*)\)?\s*=>/.exec(term.toString())?.[1] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const full = term(...params.map((p) => `{${p}}`));
    // A term that says something else when what it is given is empty ("Actions for this conversation").
    const empty = term(...params.map(() => ''));
    return full.replace(/\{\w+\}/g, '') === empty ? full : `${full} (when empty: ${empty})`;
  }
  return Object.entries(term).map(([form, text]) => `${form}: ${text}`).join('; ');
}

async function termRows() {
  const rows = [];
  const { es } = await import(`${elements}dist/i18n/es.js`);
  const { TERM_MODULES } = await import(`${elements}dist/i18n/terms/all.js`);
  for (const terms of TERM_MODULES) for (const [key, english] of Object.entries(terms)) rows.push([code(key), showTerm(english), showTerm(es[key])]);
  return rows;
}

export async function referenceDocs() {
  const manifest = JSON.parse(readFileSync(`${elements}dist/custom-elements.json`, 'utf8'));
  const { TOKENS } = await import(`${elements}dist/styles/tokens.js`);
  const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName).sort((a, b) => a.tagName.localeCompare(b.tagName));
  const out = [
    '# Element reference',
    '',
    'Generated from `custom-elements.json` and the design tokens by `packages/elements/scripts/reference-docs.mjs`: do not edit by hand.',
    '',
    [...declarations.map((d) => `- [\`<${d.tagName}>\`](#${d.tagName})`), '- [Design tokens](#design-tokens)', '- [Terms](#terms)'].join('\n'),
    '',
  ];
  for (const d of declarations) {
    const attributes = d.attributes ?? [];
    const attributeFields = new Set(attributes.map((a) => a.fieldName));
    const properties = (d.members ?? []).filter((m) => m.kind === 'field' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !attributeFields.has(m.name) && !m.name.startsWith('#'));
    const ownParts = (d.cssParts ?? []).filter((part) => !/^The `[a-z-]+` part's `/.test(part.description ?? ''));
    const forwarded = (d.cssParts ?? []).length - ownParts.length;
    out.push(
      `## ${d.tagName}`,
      '',
      oneLine(d.summary ?? d.description ?? ''),
      '',
      attributes.length ? '**Attributes**\n' : '',
      table(['attribute', 'property', 'type', 'default', ''], attributes.map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), a.description])),
      properties.length ? '**Properties** (set from script)\n' : '',
      table(['property', 'type', ''], properties.map((m) => [code(m.name), code(m.type?.text), m.description])),
      (d.events ?? []).length ? '**Events**\n' : '',
      table(['event', 'detail', ''], (d.events ?? []).map((e) => [code(e.name), code(e.type?.text), e.description])),
      (d.slots ?? []).length ? '**Slots**\n' : '',
      table(['slot', ''], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description])),
      ownParts.length ? '**Parts**\n' : '',
      table(['part', ''], ownParts.map((p) => [code(p.name), p.description])),
      forwarded ? `It also forwards ${forwarded} parts of the elements it renders, as \`<part>-<their part>\` (all in custom-elements.json).\n` : '',
      (d.cssProperties ?? []).length ? '**Custom properties**\n' : '',
      table(['property', 'default', ''], (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), p.description])),
    );
  }
  out.push(
    '## Design tokens',
    '',
    'Set on any ancestor of the elements. The reference tokens (`--conv-color-text`, `--conv-color-surface`, `--conv-color-accent`, `--conv-color-accent-text`, `--conv-color-danger`, `--conv-color-danger-text`, `--conv-font-family`) restyle everything; the rest derive from them unless set too. `light-dark(a, b)`: `a` in the light theme, `b` in the dark one.',
    '',
    table(['token', 'default'], TOKENS.map(([name, fallback]) => [code(`--conv-${name}`), code(fallback.replace(/var\(--_([a-z-]+)\)/g, 'var(--conv-$1)'))])),
  );
  out.push(
    '## Terms',
    '',
    'Every string the elements show, by the name a translation gives it (`registerTranslation`, see [embedding.md](embedding.md#languages)). `{name}` stands for what the element fills in; `#` for a count, in the form CLDR plural rules pick (`one`, `other`, and `zero`, `two`, `few`, `many` where a language has them).',
    '',
    table(['term', 'English', 'Spanish'], await termRows()),
  );
  return `${out.filter((line) => line !== '').join('\n\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await referenceDocs();
  if (process.argv.includes('--write')) writeFileSync(target, text);
  else process.stdout.write(text);
}
