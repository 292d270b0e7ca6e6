// Search: indexes for the conversation list's search box (modules/search), built for the rows
// already there as well. The queries in modules/search/search-sql.ts are written against
// exactly these names and expressions.
import { Migration } from '@mikro-orm/migrations';

// Phones are stored in E.164; the digits alone are what a typed number in any format is
// compared with, so the few separators a hand-entered number may still carry go too.
const sqliteDigits = (column: string) =>
  `replace(replace(replace(replace(replace(replace(coalesce(${column}, ''), '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')`;
/** The indexed columns of a contact: full name, email, phone digits. */
const contactColumns = (ct: string) => `${ct}.first_name || ' ' || ${ct}.last_name, coalesce(${ct}.email, ''), ${sqliteDigits(`${ct}.phone`)}`;
const indexConversationContact = (conversation: string) =>
  `insert into conversation_contacts_fts(rowid, name, email, phone) select ${conversation}.rowid, ${contactColumns('ct')} from contacts ct where ct.id = ${conversation}.contact_id`;

// A message's row in messages_fts is keyed by (conversation rowid << 24) + seq, not by the
// message's own rowid: the key alone then says which conversation matched and which message is
// its newest match, so a search never reads the messages table to find out (at a million
// messages, those lookups cost ten times the full-text search itself). 24 bits hold 16.7
// million items per thread; the triggers skip anything beyond rather than collide.
const SEQ_BITS = 24;
const MAX_SEQ = 2 ** SEQ_BITS - 1;
const indexMessage =
  `insert into messages_fts(rowid, body, subject) select (s.rowid << ${SEQ_BITS}) + new.seq, new.body, new.subject ` +
  `from conversations s where s.id = new.conversation_id and new.seq between 1 and ${MAX_SEQ}`;
const unindexMessage = `delete from messages_fts where rowid = (select (s.rowid << ${SEQ_BITS}) + old.seq from conversations s where s.id = old.conversation_id)`;

const SQLITE = [
  // Messages: words and word prefixes, accents ignored. Contentless (the index keeps no second
  // copy of the text); contentless_delete lets the triggers remove and replace rows by key.
  // A prefix index makes the shortest searched prefix (3 letters) cheap.
  "create virtual table messages_fts using fts5(body, subject, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3')",
  `create trigger messages_fts_after_insert after insert on messages begin ${indexMessage}; end`,
  `create trigger messages_fts_after_delete after delete on messages begin ${unindexMessage}; end`,
  // Only a change of the text (or of the key) re-indexes: status callbacks update messages constantly.
  `create trigger messages_fts_after_update after update of body, subject, conversation_id, seq on messages begin ${unindexMessage}; ${indexMessage}; end`,
  // A cascade deletes the messages after their conversation is gone, when their keys can no
  // longer be computed: the conversation's whole key range goes first.
  `create trigger messages_fts_before_conversation_delete before delete on conversations begin delete from messages_fts where rowid >= (old.rowid << ${SEQ_BITS}) and rowid < ((old.rowid + 1) << ${SEQ_BITS}); end`,
  `insert into messages_fts(rowid, body, subject) select (c.rowid << ${SEQ_BITS}) + m.seq, m.body, m.subject from messages m join conversations c on c.id = m.conversation_id where m.seq between 1 and ${MAX_SEQ}`,
  // Contacts: substrings of the full name, the email and the phone's digits (trigrams), one
  // row per conversation keyed by the conversation's rowid, for the same reason as above: a
  // hit is a conversation, with no lookup through contacts and conversations. Contentless:
  // the indexed values are derived (full name, digits). A contact with conversations cannot be
  // deleted (foreign key), so contacts need no delete trigger.
  "create virtual table conversation_contacts_fts using fts5(name, email, phone, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1')",
  `create trigger conversation_contacts_fts_after_insert after insert on conversations begin ${indexConversationContact('new')}; end`,
  'create trigger conversation_contacts_fts_after_delete after delete on conversations begin delete from conversation_contacts_fts where rowid = old.rowid; end',
  `create trigger conversation_contacts_fts_after_update after update of contact_id on conversations begin delete from conversation_contacts_fts where rowid = old.rowid; ${indexConversationContact('new')}; end`,
  'create trigger conversation_contacts_fts_after_contact_update after update of first_name, last_name, email, phone on contacts begin ' +
    'delete from conversation_contacts_fts where rowid in (select c.rowid from conversations c where c.contact_id = old.id); ' +
    `insert into conversation_contacts_fts(rowid, name, email, phone) select c.rowid, ${contactColumns('new')} from conversations c where c.contact_id = new.id; end`,
  `insert into conversation_contacts_fts(rowid, name, email, phone) select c.rowid, ${contactColumns('ct')} from conversations c join contacts ct on ct.id = c.contact_id`,
];

// ASCII punctuation but "?" (MikroORM reads "?" as a placeholder in queries): replaced by
// spaces before PostgreSQL's parser sees message text. See search-sql.ts.
const PG_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>@[\\]^_`{|}~";
const pgLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

const POSTGRES = [
  // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
  'create extension if not exists pg_trgm',
  // A plain CREATE INDEX builds from the existing rows inside the migration's transaction (it
  // blocks writes to the table meanwhile; CONCURRENTLY cannot run in a transaction).
  `create index messages_search_index on messages using gin (to_tsvector('simple'::regconfig, translate(body || ' ' || coalesce(subject, ''), ${pgLiteral(PG_PUNCTUATION)}, ${pgLiteral(' '.repeat(PG_PUNCTUATION.length))})))`,
  `create index contacts_search_name_index on contacts using gin ((first_name || ' ' || last_name) gin_trgm_ops)`,
  'create index contacts_search_email_index on contacts using gin (email gin_trgm_ops)',
  `create index contacts_search_phone_index on contacts using gin (regexp_replace(phone, '[^0-9]', '', 'g') gin_trgm_ops)`,
];

export class Migration20261124Search extends Migration {
  override up(): void {
    const postgres = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const statement of postgres ? POSTGRES : SQLITE) this.addSql(statement);
  }
}
