import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findOccurrences, fold, mergeRanges, type Range } from './fold.js';
import { cutSnippet, oneLine, SNIPPET_LENGTH } from './snippet.js';

const marked = (text: string, ranges: Range[]) => ranges.map(([s, e]) => text.slice(s, e));

describe('finding terms in text', () => {
  it('ignores case and accents, and points into the text as written', () => {
    const text = 'Café NOËL at the Café';
    assert.deepEqual(marked(text, findOccurrences(fold(text), 'cafe')), ['Café', 'Café']);
    assert.deepEqual(marked(text, findOccurrences(fold(text), 'noel')), ['NOËL']);
  });

  it('keeps ranges right after characters that change length when folded', () => {
    const text = 'İstanbul office, ask for Ayşe';
    assert.deepEqual(marked(text, findOccurrences(fold(text), 'ayse')), ['Ayşe']);
  });

  it('word prefixes only match at the start of a word', () => {
    const text = 'reparking or parking';
    assert.deepEqual(findOccurrences(fold(text), 'park', true), [[13, 17]]);
    assert.equal(findOccurrences(fold(text), 'park').length, 2);
  });

  it('merges overlapping ranges', () => {
    assert.deepEqual(mergeRanges([[5, 9], [0, 2], [1, 3], [8, 10]]), [[0, 3], [5, 10]]);
  });
});

describe('cutting a snippet', () => {
  it('a short text is its own snippet', () => {
    assert.deepEqual(cutSnippet('Any parking?', [[4, 11]]), { snippet: 'Any parking?', highlights: [[4, 11]] });
  });

  it('a long text is cut around the first hit, with ellipses and highlights moved along', () => {
    const text = oneLine(`${'Lorem ipsum dolor sit amet. '.repeat(8)}\n\nThe veranda steps are loose and the veranda rail too. ${'Etiam at risus. '.repeat(8)}`);
    const hits = findOccurrences(fold(text), 'veranda');
    const { snippet, highlights } = cutSnippet(text, hits);
    assert.ok(snippet.length <= SNIPPET_LENGTH + 2, `${snippet.length}`);
    assert.ok(snippet.startsWith('…') && snippet.endsWith('…'));
    assert.deepEqual(marked(snippet, highlights), ['veranda', 'veranda']);
  });

  it('never splits an emoji', () => {
    const text = `${'🙂'.repeat(100)} parking ${'🙂'.repeat(100)}`;
    const { snippet } = cutSnippet(text, findOccurrences(fold(text), 'parking'));
    assert.doesNotMatch(snippet, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    assert.match(snippet, /parking/);
  });
});
