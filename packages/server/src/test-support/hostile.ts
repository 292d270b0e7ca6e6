// Hostile input for tests: text that has broken inboxes (U+0000, broken UTF-16, bidi overrides,
// megabytes), values of the wrong type and nesting no schema allows. Each test sends all of it
// through one boundary and checks what a caller would notice: a stable code, never a 5xx, and
// nothing stored that PostgreSQL or a browser cannot take back.
import assert from 'node:assert/strict';

export const MEGABYTE = 'x'.repeat(1024 * 1024);

/** Deep nesting as a value (a structure no schema allows). */
export function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The same nesting as raw JSON text, deeper than a recursive walker survives. */
export function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}0${']'.repeat(depth)}`;
}

/** Text a person or a provider might really send, for fields that take text. */
export const HOSTILE_TEXT: [string, string][] = [
  ['U+0000', 'before\u0000after'],
  ['a lone high surrogate', 'broken \uD800 pair'],
  ['a lone low surrogate', '\uDC00 at the start'],
  ['an RTL override', 'invoice\u202Egpj.exe'],
  ['an emoji ZWJ sequence', 'family \u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} dinner'],
  ['control characters', 'bell\u0007 escape\u001b[31m del\u007f c1\u0085'],
  ['1 MB', MEGABYTE],
];

/** Values of the wrong type, for every field. */
export const WRONG_TYPES: [string, unknown][] = [
  ['a number', 42],
  ['a huge number', 1e300],
  ['an array', ['a', 'b']],
  ['an object', { nested: { deeper: true } }],
  ['null', null],
  ['a boolean', true],
  ['deep nesting', nested(2000)],
];

export const HOSTILE_VALUES: [string, unknown][] = [...HOSTILE_TEXT, ...WRONG_TYPES];

/** Codes a hostile caller may get; `internal` is never one of them. */
export const EXPECTED_CODES = new Set(['invalid_params', 'too_long', 'not_found', 'forbidden', 'conflict', 'channel_unavailable', 'unauthenticated', 'token_expired', 'unknown_command']);

/** Asserts that every string inside a value is storable: no U+0000, no lone surrogate. */
export function assertStorable(value: unknown, where: string): void {
  if (typeof value === 'string') {
    assert.ok(value.isWellFormed(), `${where}: a lone surrogate came back`);
    assert.ok(!value.includes('\u0000'), `${where}: U+0000 came back`);
    return;
  }
  if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) assertStorable(item, `${where}.${key}`);
}

/**
 * Percent-encodes text for a URL the way a hostile client would: a lone surrogate goes out as
 * the bytes a broken encoder produces (CESU-8), which no decoder turns back into it.
 */
export function encodeHostile(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** Path segments that are not ids: broken percent-encodings, overlong UTF-8, U+0000, a megabyte. */
export const HOSTILE_PATH_IDS: [string, string][] = [
  ['U+0000', '%00abc'],
  ['a truncated percent-encoding', '%E0%A4%A'],
  ['a lone percent sign', '%'],
  ['overlong UTF-8', '%C0%AE%C0%AE'],
  ['an encoded surrogate', '%ED%A0%80'],
  ['invalid UTF-8', '%FF%FE'],
  ['an RTL override', '%E2%80%AEabc'],
  ['a long id', 'a'.repeat(5000)],
  ['a number', '42'],
];
