// What one search box means for each field. Agents type a name, a phone number in whatever
// format they have it, a piece of an email address or words from a message; each field reads
// the query its own way. The terms here are data only: match-syntax.ts turns them into FTS5,
// tsquery and LIKE strings, and those only ever travel to the database as parameters.

/** Longer input is cut: no real search needs it, and every term costs index work. */
const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;
/** A longer term is cut (still a prefix of what was typed); PostgreSQL refuses lexemes over 2 kB. */
const MAX_TERM_LENGTH = 64;
/** Fewer digits would match most phone numbers. */
const MIN_PHONE_DIGITS = 3;
/** A shorter word prefix ("th", "be") matches a large share of all messages: not searched. */
const MIN_WORD_LENGTH = 3;
/** Substring search (trigrams) needs three characters; a shorter contact term is a word prefix. */
const MIN_SUBSTRING_LENGTH = 3;

export interface SearchTerms {
  /** Lowercased pieces of the query (split on spaces), each a substring of the name or the email. */
  contactTerms: string[];
  /**
   * Pieces too short for a substring search ("al", "j"): each the start of a word of the name or
   * the email. Type-ahead sends these first; "al" finding Alex but not Gonzalez is what it wants.
   */
  contactPrefixes: string[];
  /** The digits of a query that looks like a phone number (digits, + - ( ) . / and spaces), else null. */
  phoneDigits: string | null;
  /** Lowercased letter/digit runs, each the start of a word in one message's body or subject. */
  words: string[];
}

// Control, format and unassigned characters (NUL included: PostgreSQL rejects it in text).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;
const PHONE_LIKE = /^[\d\s+\-().\/]+$/;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Punctuation around a term is not part of it ("maria," or "(555)"); a leading @ is ("@example").
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}@]+|[^\p{L}\p{N}]+$/gu;

/** The terms of a query, or null when nothing in it can be searched (blank, only punctuation). */
export function parseQuery(query: string): SearchTerms | null {
  const text = cut(query.normalize('NFKC')).replace(INVISIBLE, ' ').trim().toLowerCase();
  if (!text) return null;
  const phoneDigits = phoneDigitsOf(text);
  // A phone number's pieces ("020", "0003") say nothing about a name or an email address.
  const pieces = phoneDigits ? [] : limit(text.split(/\s+/).map((t) => t.replace(EDGE_PUNCTUATION, '')));
  const contactTerms = pieces.filter((t) => charLength(t) >= MIN_SUBSTRING_LENGTH);
  const contactPrefixes = limit(pieces.filter((t) => charLength(t) < MIN_SUBSTRING_LENGTH).flatMap((t) => t.match(WORD) ?? []));
  const words = limit((text.match(WORD) ?? []).filter((w) => charLength(w) >= MIN_WORD_LENGTH));
  if (!phoneDigits && contactTerms.length + contactPrefixes.length + words.length === 0) return null;
  return { contactTerms, contactPrefixes, phoneDigits, words };
}

/** At most MAX_QUERY_LENGTH, at a space when there is one: no half word at the end. */
function cut(text: string): string {
  if (text.length <= MAX_QUERY_LENGTH) return text;
  const head = text.slice(0, MAX_QUERY_LENGTH + 1);
  const space = head.search(/\s\S*$/);
  return space > 0 ? head.slice(0, space) : head.slice(0, MAX_QUERY_LENGTH);
}

function phoneDigitsOf(text: string): string | null {
  if (!PHONE_LIKE.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits.slice(0, 20) : null;
}

/** Non-empty, distinct, at most MAX_TERMS of at most MAX_TERM_LENGTH characters. */
function limit(terms: string[]): string[] {
  const kept = new Set<string>();
  for (const term of terms) {
    const cut = Array.from(term).slice(0, MAX_TERM_LENGTH).join('');
    if (cut) kept.add(cut);
    if (kept.size === MAX_TERMS) break;
  }
  return [...kept];
}

/** Characters, not UTF-16 units: "é" is one, an emoji is one. */
function charLength(term: string): number {
  return Array.from(term).length;
}
