// Text made storable at the boundary. Every string that reaches the database or an event comes
// through here first: PostgreSQL refuses U+0000 in text and lone surrogates in jsonb, and
// MikroORM formats parameters into the SQL text, where a U+0000 cuts the statement short on
// SQLite. Replacing (never dropping) keeps a message whole: an agent sees that something was
// there.

const REPLACEMENT = '\uFFFD';

// C0 controls but tab, line feed and carriage return; DEL; C1 controls. Nothing a person types.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// In a single line (names, labels, tags) line breaks and tabs are only spacing.
const LINE_BREAKS = /[\t\n\r\u000B\u000C\u0085\u2028\u2029]/g;
// Explicit bidi embeddings, overrides and isolates. In a name they only serve spoofing (an
// override turns "gpj.exe" around); in a message body they are closed at its end instead.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const BIDI_OPENERS = /[\u202A-\u202E\u2066-\u2068]/;

/** Multi-line text (a message body, a search): lone surrogates and controls become U+FFFD. */
export function storableText(value: string): string {
  return closeBidi(value.toWellFormed().replace(CONTROLS, REPLACEMENT));
}

/** Single-line text (a name, a label, a tag): as storableText, one line, no bidi controls. */
export function storableLine(value: string): string {
  return value.toWellFormed().replace(LINE_BREAKS, ' ').replace(BIDI_CONTROLS, '').replace(CONTROLS, REPLACEMENT);
}

/**
 * Ends every embedding, override or isolate the text left open, so that it cannot reorder what
 * the page shows after it (the next row's name, a timestamp).
 */
function closeBidi(value: string): string {
  if (!BIDI_OPENERS.test(value)) return value;
  let embeddings = 0;
  let isolates = 0;
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0x202a && code <= 0x202e) {
      if (code === 0x202c) embeddings = Math.max(0, embeddings - 1);
      else embeddings++;
    } else if (code >= 0x2066 && code <= 0x2068) {
      isolates++;
    } else if (code === 0x2069) {
      isolates = Math.max(0, isolates - 1);
      // A pop-isolate also closes the embeddings opened inside it; counting them apart is enough
      // to never leave one open.
    }
  }
  return value + '\u202C'.repeat(embeddings) + '\u2069'.repeat(isolates);
}

/**
 * Every string inside validated params, made storable. Params have passed their schema, so the
 * depth is the schema's; the cap only guards a caller that skipped validation.
 */
export function storableParams<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (depth > 16 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => storableParams(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = storableParams(item, depth + 1);
  return out as T;
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = value.charCodeAt(max - 1) >= 0xd800 && value.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return value.slice(0, end);
}

/** Characters as the schemas and PostgreSQL's varchar count them: code points, not UTF-16 units. */
export function charCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
