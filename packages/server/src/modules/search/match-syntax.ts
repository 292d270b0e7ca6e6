// Search terms written in each engine's query language. These strings are bound as parameters,
// never spliced into SQL, but FTS5 MATCH, tsquery and LIKE each parse their parameter again:
// every term is quoted or escaped here so that what the agent typed is only ever literal text
// (no FTS5 operators or column filters, no tsquery operators, no LIKE wildcards).

/** An FTS5 string: what is inside is text to tokenize, never query syntax. */
export function fts5String(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Every word as a word prefix, all required: "maple"* AND "park"* */
export function fts5WordPrefixes(words: string[]): string {
  return words.map((word) => `${fts5String(word)}*`).join(' AND ');
}

/** Any word as a word prefix: "maple"* OR "park"* */
export function fts5AnyWordPrefix(words: string[]): string {
  return words.map((word) => `${fts5String(word)}*`).join(' OR ');
}

/** Every term as a substring (trigram tokenizer) of one of `columns`, all required. */
export function fts5Substrings(columns: readonly string[], terms: string[]): string {
  return terms.map((term) => `{${columns.join(' ')}} : ${fts5String(term)}`).join(' AND ');
}

/**
 * A tsquery with every word (`&`) or any word (`|`) as a prefix: 'maple':* & 'park':*. Words
 * are letter/digit runs (query-terms.ts); quoting them anyway keeps that assumption local.
 */
export function tsPrefixQuery(words: string[], join: '&' | '|' = '&'): string {
  return words.map((word) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}':*`).join(` ${join} `);
}

/** The LIKE pattern for "contains", to be used with ESCAPE '\'. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
