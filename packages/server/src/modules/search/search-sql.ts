// The SQL of search on each platform, written against what Migration20261124Search builds
// (see its comments for why these shapes):
//   SQLite      messages_fts                    message words, keyed (conversation rowid << 24) + seq
//               conversation_contacts_fts       substrings (trigrams) of the contact's name, email, phone digits
//               conversation_contact_words_fts  1-2 letter word prefixes of the name and email
//               (both contact tables: one row per conversation, keyed by its rowid)
//   PostgreSQL  conversation_search             each conversation's words, per chunk of 32 messages (GIN)
//               contacts                        pg_trgm GIN on name, email, phone digits; GIN on its words
// A conversation matches when its contact does, or when every word of the query starts a word
// somewhere in its messages (the thread, like a mail client's conversation search).
// Aliases start with s_ so they never shadow the caller's (the list query uses c, ct, rs, cl).
import { fts5AnyWordPrefix, fts5Substrings, fts5WordPrefixes, likeContains, tsPrefixQuery } from './match-syntax.js';
import type { SearchTerms } from './query-terms.js';

export type Platform = 'sqlite' | 'postgres';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** The key of a message in messages_fts: (conversation rowid << SEQ_BITS) + seq. */
const SEQ_BITS = 24;
/** Messages per row of conversation_search. */
const CHUNK = 32;

const PG_NAME = `(s_ct.first_name || ' ' || s_ct.last_name)`;
const PG_PHONE_DIGITS = `regexp_replace(s_ct.phone, '[^0-9]', '', 'g')`;
const PG_CONTACT_WORDS = `convkit_search_words(s_ct.first_name || ' ' || s_ct.last_name, s_ct.email)`;
const CONTACT_TEXT = ['name', 'email'];

/**
 * A condition on `c` (conversations) that holds when the conversation matches, or null when
 * nothing can. Bounded by the workspace itself, whatever the caller adds.
 *
 * Both databases get the same plan in the end, whatever the word: the matching ids are
 * collected once, then the caller's ordered index is walked, each row tested against them,
 * until the page is full. A rare word costs the walk over the workspace (about 15 ms on
 * SQLite, 30 ms on PostgreSQL at 100,000 conversations); a common one stops after a page.
 * Left to choose, both would rather fetch every listed row by key and sort them, which is
 * quick for ten hits and 200-500 ms for a common word's 80,000, since neither can tell the
 * two apart in advance:
 * - SQLite: one IN over the union of the lists, with a unary + so the IN cannot drive.
 * - PostgreSQL: an OR of two INs, which it cannot turn into a join and so runs as hashed
 *   subplans (a single IN over a union also gets its size wrong: a guessed 200 rows).
 */
export function conversationCondition(platform: Platform, workspaceId: string, terms: SearchTerms): SqlFragment | null {
  if (platform === 'sqlite') {
    const arms = sqliteArms(terms);
    if (arms.length === 0) return null;
    return { sql: `c.workspace_id = ? and +c.rowid in (${arms.map((a) => a.sql).join(' union all ')})`, params: [workspaceId, ...arms.flatMap((a) => a.params)] };
  }
  const tests = [postgresWords(workspaceId, terms.words), postgresContacts(workspaceId, terms)].filter((t) => t !== null);
  if (tests.length === 0) return null;
  return { sql: `c.workspace_id = ? and (${tests.map((t) => t.sql).join(' or ')})`, params: [workspaceId, ...tests.flatMap((t) => t.params)] };
}

/** Conversation rowids from the FTS keys. The tables span workspaces; `c` bounds the result. */
function sqliteArms(terms: SearchTerms): SqlFragment[] {
  const arms: SqlFragment[] = [];
  // Every word somewhere in the thread: the conversations of each word's hits, intersected.
  if (terms.words.length > 0) arms.push(intersect(terms.words.map((w) => ({ sql: `select rowid >> ${SEQ_BITS} as id from messages_fts(?)`, params: [fts5WordPrefixes([w])] }))));
  // Long terms in the trigram table, short ones in the word table, both for the same rowid.
  const substrings = terms.contactTerms.length > 0 ? fts5Substrings(CONTACT_TEXT, terms.contactTerms) : null;
  const prefixes = terms.contactPrefixes.length > 0 ? terms.contactPrefixes.map((p) => `{${CONTACT_TEXT.join(' ')}} : ${fts5WordPrefixes([p])}`).join(' AND ') : null;
  if (substrings && prefixes) {
    arms.push({ sql: 'select rowid from conversation_contacts_fts(?) where rowid in (select rowid from conversation_contact_words_fts(?))', params: [substrings, prefixes] });
  } else if (substrings) {
    arms.push({ sql: 'select rowid from conversation_contacts_fts(?)', params: [substrings] });
  } else if (prefixes) {
    arms.push({ sql: 'select rowid from conversation_contact_words_fts(?)', params: [prefixes] });
  }
  if (terms.phoneDigits) arms.push({ sql: 'select rowid from conversation_contacts_fts(?)', params: [fts5Substrings(['phone'], [terms.phoneDigits])] });
  return arms;
}

/** Rows in every one of the selects (each selecting one column named id). */
function intersect(selects: SqlFragment[]): SqlFragment {
  if (selects.length === 1) return selects[0]!;
  return { sql: `select s_i.id from (${selects.map((s) => s.sql).join(' intersect ')}) s_i`, params: selects.flatMap((s) => s.params) };
}

/** Every word somewhere in the thread: the conversations of each word's chunks, intersected. */
function postgresWords(workspaceId: string, words: string[]): SqlFragment | null {
  if (words.length === 0) return null;
  const perWord = words.map((w) => ({
    sql: `select s_w.conversation_id as id from conversation_search s_w where s_w.workspace_id = ? and s_w.words @@ to_tsquery('simple'::regconfig, ?)`,
    params: [workspaceId, tsPrefixQuery([w])],
  }));
  const ids = intersect(perWord);
  return { sql: `c.id in (${ids.sql})`, params: ids.params };
}

function postgresContacts(workspaceId: string, terms: SearchTerms): SqlFragment | null {
  const text: SqlFragment[] = terms.contactTerms.map((term) => ({
    sql: `(${PG_NAME} ilike ? escape '\\' or s_ct.email ilike ? escape '\\')`,
    params: [likeContains(term), likeContains(term)],
  }));
  if (terms.contactPrefixes.length > 0) text.push({ sql: `${PG_CONTACT_WORDS} @@ to_tsquery('simple'::regconfig, ?)`, params: [tsPrefixQuery(terms.contactPrefixes)] });
  const either: SqlFragment[] = [];
  if (text.length > 0) either.push({ sql: `(${text.map((t) => t.sql).join(' and ')})`, params: text.flatMap((t) => t.params) });
  if (terms.phoneDigits) either.push({ sql: `${PG_PHONE_DIGITS} like ?`, params: [likeContains(terms.phoneDigits)] });
  if (either.length === 0) return null;
  return {
    sql: `c.contact_id in (select s_ct.id from contacts s_ct where s_ct.workspace_id = ? and (${either.map((e) => e.sql).join(' or ')}))`,
    params: [workspaceId, ...either.flatMap((e) => e.params)],
  };
}

// In the queries below `+s_c.workspace_id` keeps SQLite from walking the workspace's whole
// index when the listed ids are a handful of primary-key lookups.

/**
 * The newest message of each listed conversation with every word (`every`) or with any of
 * them: a thread can match with its words spread over several messages.
 */
export function newestMatchingMessages(platform: Platform, workspaceId: string, conversationIds: string[], words: string[], every: boolean): SqlFragment {
  const list = conversationIds.map(() => '?').join(', ');
  if (platform === 'sqlite') {
    // One pass over the hits (a cursor per conversation would rebuild a prefix's hit list each
    // time); in a conversation's key range the highest key is its newest matching message.
    return {
      sql:
        'select s_m.conversation_id, s_m.id, s_m.seq, s_m.body, s_m.subject from (' +
        `select s_f.rowid >> ${SEQ_BITS} as conversation_rowid, max(s_f.rowid) & ${2 ** SEQ_BITS - 1} as seq from messages_fts(?) s_f ` +
        `where s_f.rowid >> ${SEQ_BITS} in (select s_c.rowid from conversations s_c where +s_c.workspace_id = ? and s_c.id in (${list})) group by 1` +
        ') s_x join conversations s_c on s_c.rowid = s_x.conversation_rowid join messages s_m on s_m.conversation_id = s_c.id and s_m.seq = s_x.seq',
      params: [every ? fts5WordPrefixes(words) : fts5AnyWordPrefix(words), workspaceId, ...conversationIds],
    };
  }
  // Newest chunk first, and within it the newest message: stops at the first that matches.
  const query = tsPrefixQuery(words, every ? '&' : '|');
  return {
    sql:
      'select s_c.id as conversation_id, s_m.id, s_m.seq, s_m.body, s_m.subject from conversations s_c cross join lateral (' +
      `select m.id, m.seq, m.body, m.subject from conversation_search s_w join messages m on m.conversation_id = s_w.conversation_id ` +
      `and m.seq between s_w.chunk * ${CHUNK} + 1 and s_w.chunk * ${CHUNK} + ${CHUNK} ` +
      `where s_w.conversation_id = s_c.id and s_w.words @@ to_tsquery('simple'::regconfig, ?) and convkit_search_words(m.body, m.subject) @@ to_tsquery('simple'::regconfig, ?) ` +
      `order by s_w.chunk desc, m.seq desc limit 1) s_m where s_c.workspace_id = ? and s_c.id in (${list})`,
    params: [query, query, workspaceId, ...conversationIds],
  };
}

/** The contact of each listed conversation. */
export function contactsOf(platform: Platform, workspaceId: string, conversationIds: string[]): SqlFragment {
  return {
    sql:
      'select s_c.id as conversation_id, s_ct.first_name, s_ct.last_name, s_ct.phone, s_ct.email from conversations s_c ' +
      `join contacts s_ct on s_ct.id = s_c.contact_id where ${platform === 'sqlite' ? '+' : ''}s_c.workspace_id = ? ` +
      `and s_c.id in (${conversationIds.map(() => '?').join(', ')})`,
    params: [workspaceId, ...conversationIds],
  };
}
