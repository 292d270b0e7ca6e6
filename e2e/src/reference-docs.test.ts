// docs/reference.md is what the generator makes of custom-elements.json and the tokens now:
// change an element's JSDoc or a token, and this fails until the reference is written again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('docs/reference.md', () => {
  it('is generated from the manifest and tokens as they are', async () => {
    const { referenceDocs } = (await import(pathToFileURL(`${root}packages/elements/scripts/reference-docs.mjs`).href)) as { referenceDocs(): Promise<string> };
    const expected = await referenceDocs();
    const actual = readFileSync(`${root}docs/reference.md`, 'utf8');
    assert.ok(actual === expected, 'docs/reference.md is stale: run `node packages/elements/scripts/reference-docs.mjs --write`');
  });

  it('is written by the command the elements README gives, which leaves a current file as it is', () => {
    const before = readFileSync(`${root}docs/reference.md`, 'utf8');
    execFileSync(process.execPath, ['packages/elements/scripts/reference-docs.mjs', '--write'], { cwd: root, stdio: 'pipe' });
    assert.ok(readFileSync(`${root}docs/reference.md`, 'utf8') === before, 'the command rewrote a current reference differently');
    const printed = execFileSync(process.execPath, ['packages/elements/scripts/reference-docs.mjs'], { cwd: root, encoding: 'utf8' });
    assert.ok(printed === before, 'without --write it prints the reference');
  });

  it('documents every element, part and token', async () => {
    const text = readFileSync(`${root}docs/reference.md`, 'utf8');
    for (const tag of ['conv-inbox', 'conv-list', 'conv-thread', 'conv-composer', 'contact-panel', 'conv-unread-badge']) assert.match(text, new RegExp(`^## ${tag}$`, 'm'));
    for (const needle of ['`--conv-color-text`', '`--conv-color-surface-raised`', '`filter-bar`', '`conv-conversation-selected`', '`ConvConversationSelectedDetail`']) assert.ok(text.includes(needle), needle);
  });
});
