// Case- and accent-insensitive matching in JavaScript, for explaining a match after the
// database found it. Folding can change a string's length ("É" is two code units once
// decomposed, "İ" lowercases to two), so every folded unit remembers where it came from in the
// original text: highlight ranges must point into what the agent sees, not into the folded copy.

export interface FoldedText {
  /** Lowercased, without combining marks. */
  text: string;
  /** For each unit of `text`: the [start, end) range of the original it came from. */
  from: number[];
  to: number[];
}

const COMBINING_MARKS = /\p{M}/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Folds one piece of text the way the search indexes do: case and diacritics ignored. */
function foldTerm(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

export function fold(original: string): FoldedText {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const char of original) {
    const folded = foldTerm(char);
    for (let i = 0; i < folded.length; i++) {
      from.push(index);
      to.push(index + char.length);
    }
    text += folded;
    index += char.length;
  }
  return { text, from, to };
}

export type Range = [number, number];

/**
 * Where `term` occurs in the original text, as [start, end) ranges of the original. With
 * `wordStart`, only occurrences that begin a word count (word-prefix search on messages).
 */
export function findOccurrences(folded: FoldedText, term: string, wordStart = false): Range[] {
  const needle = foldTerm(term);
  if (!needle) return [];
  const ranges: Range[] = [];
  for (let at = folded.text.indexOf(needle); at !== -1; at = folded.text.indexOf(needle, at + 1)) {
    if (wordStart && at > 0 && WORD_CHAR.test(folded.text[at - 1]!)) continue;
    ranges.push([folded.from[at]!, folded.to[at + needle.length - 1]!]);
  }
  return ranges;
}

/** Sorted, with overlapping or touching ranges merged. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
