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
