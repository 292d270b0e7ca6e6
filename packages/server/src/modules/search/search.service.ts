// Full-text search over the conversation list: a contact's name, phone (any typed format) and
// email, and the text of its messages. The list query asks for a condition to put in its
// WHERE; the page it returns then asks why each row matched.
import type { EntityManager } from '@mikro-orm/sql';
import type { SearchMatch } from '@convkit/sdk/protocol';
import { sqlAll } from '../../db/sql.js';
import { explainContact, explainMessage } from './explain.js';
import { parseQuery } from './query-terms.js';
import { contactsOf, conversationCondition, newestMatchingMessages, type SqlFragment } from './search-sql.js';

export type { SqlFragment } from './search-sql.js';

/**
 * A boolean SQL condition on the conversations table aliased `c` (columns c.id, c.workspace_id,
 * c.contact_id ...) that holds when the conversation matches the query: its contact matches
 * (name / phone / email) or its messages do (every word of the query starts a word somewhere
 * in the thread). `?` placeholders, params in order. Returns null when the query has nothing
 * searchable (blank, only punctuation).
 */
export function searchCondition(platform: 'sqlite' | 'postgres', workspaceId: string, query: string): SqlFragment | null {
  const terms = parseQuery(query);
  return terms && conversationCondition(platform, workspaceId, terms);
}

/**
 * For one page of results (<= 100 conversation ids), why each matched: contact fields first
 * (name, then phone, then email), else the newest matching message, with a short snippet
 * (<= ~120 chars around the hit, with … where cut) and [start, end) highlight ranges into the
 * snippet for every occurrence of each query term.
 */
export async function searchMatches(
  em: EntityManager,
  platform: 'sqlite' | 'postgres',
  workspaceId: string,
  conversationIds: string[],
  query: string,
): Promise<Map<string, SearchMatch>> {
  const matches = new Map<string, SearchMatch>();
  const terms = parseQuery(query);
  const ids = [...new Set(conversationIds)];
  if (!terms || ids.length === 0) return matches;

  const contacts = contactsOf(platform, workspaceId, ids);
  for (const row of await sqlAll<ContactRow>(em, contacts.sql, contacts.params)) {
    const match = explainContact({ firstName: row.first_name, lastName: row.last_name, phone: row.phone, email: row.email }, terms);
    if (match) matches.set(row.conversation_id, match);
  }

  // The newest message with every word; failing that (the words are spread over the thread),
  // the newest with any of them.
  for (const every of [true, false]) {
    const rest = ids.filter((id) => !matches.has(id));
    if (rest.length === 0 || terms.words.length === 0 || (!every && terms.words.length === 1)) break;
    const messages = newestMatchingMessages(platform, workspaceId, rest, terms.words, every);
    for (const row of await sqlAll<MessageRow>(em, messages.sql, messages.params)) {
      matches.set(row.conversation_id, explainMessage({ id: row.id, seq: Number(row.seq), body: row.body, subject: row.subject }, terms));
    }
  }
  return matches;
}

interface ContactRow {
  conversation_id: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
}

interface MessageRow {
  conversation_id: string;
  id: string;
  seq: number | string;
  body: string;
  subject: string | null;
}
