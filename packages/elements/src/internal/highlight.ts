import { html, type TemplateResult } from 'lit';

/**
 * `text` with the `[start, end)` ranges wrapped in `<mark>`, as Lit parts: the text stays text
 * (never parsed as HTML), so a search snippet cannot inject markup. Ranges from the server are
 * trusted for nothing: sorted, clamped to the text and merged where they overlap.
 */
export function highlight(text: string, ranges: readonly (readonly [number, number])[] | undefined): (string | TemplateResult)[] {
  const spans = normalize(text.length, ranges ?? []);
  const parts: (string | TemplateResult)[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(html`<mark part="highlight">${text.slice(start, end)}</mark>`);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

function normalize(length: number, ranges: readonly (readonly [number, number])[]): [number, number][] {
  const clamped = ranges
    .map(([s, e]): [number, number] => [Math.max(0, Math.min(length, Math.floor(s))), Math.max(0, Math.min(length, Math.floor(e)))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of clamped) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * A one-line row cuts its text at the right edge, so a hit late in a snippet would never be
 * seen: start the text a little before the first hit (at a word boundary, marked with …) and
 * move the ranges with it.
 */
export function leadToFirstHit(text: string, ranges: readonly (readonly [number, number])[] | undefined, lead = 24): { text: string; ranges: [number, number][] } {
  const spans = normalize(text.length, ranges ?? []);
  const first = spans[0];
  if (!first || first[0] <= lead) return { text, ranges: spans };
  const space = text.lastIndexOf(' ', first[0] - lead / 2);
  const cut = space > 0 && first[0] - space <= lead ? space + 1 : first[0] - Math.floor(lead / 2);
  const prefix = '…';
  const shift = prefix.length - cut;
  return { text: prefix + text.slice(cut), ranges: spans.map(([s, e]) => [s + shift, e + shift]) };
}
