// A short, single-line excerpt around the first hit, with the hits' ranges moved into it. A
// list row has room for about one line: the excerpt starts a little before the first hit so
// the agent sees it in context, and cuts at word boundaries where it can.
import type { Range } from './fold.js';
import { storableLine } from '../../text/storable.js';

/** Characters of text kept, not counting the ellipses added where the text was cut. */
export const SNIPPET_LENGTH = 118;
/** How much of the text before the first hit stays visible. */
const LEAD = 36;
/** How far a cut may move to land on a space instead of inside a word. */
const SNAP = 14;
const ELLIPSIS = '…';

export interface Snippet {
  snippet: string;
  highlights: Range[];
}

/**
 * Collapses line breaks and runs of spaces: the excerpt shows on one line. Bidi controls go
 * too: an excerpt may cut a body between an override and its end, and must not reorder the row.
 */
export function oneLine(text: string): string {
  return storableLine(text).replace(/\s+/g, ' ').trim();
}

/** `ranges` must be sorted and point into `text` (already one line). */
export function cutSnippet(text: string, ranges: Range[]): Snippet {
  if (text.length <= SNIPPET_LENGTH) return { snippet: text, highlights: ranges.map(([s, e]) => [s, e]) };
  const firstHit = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(firstHit - LEAD, text.length - SNIPPET_LENGTH));
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < start + SNAP && space < firstHit) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > end - SNAP && space > start) end = space;
  }
  // Never split a surrogate pair (an emoji would turn into a replacement character).
  if (isLowSurrogate(text.charCodeAt(start))) start++;
  if (isLowSurrogate(text.charCodeAt(end))) end--;
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const shift = prefix.length - start;
  const highlights: Range[] = [];
  for (const [s, e] of ranges) {
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    if (from < to) highlights.push([from + shift, to + shift]);
  }
  return { snippet: prefix + text.slice(start, end).trimEnd() + suffix, highlights };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
