// Search: indexes for the conversation list's search box (modules/search), built for the rows
// already there too. The queries in modules/search/search-sql.ts are written against exactly
// these names, keys and expressions.
import { DialectMigration } from './dialect-migration.js';

// ---- SQLite: FTS5 tables kept in step by triggers ----------------------------------------
//
// Every row is keyed so that a hit names its conversation with no lookup: at a million
// messages, reading the messages table to learn which conversation a hit belongs to costs ten
// times the full-text search itself. A message is (conversation rowid << 24) + seq, so the
// highest key of a conversation is also its newest matching message; 24 bits hold 16.7 million
// items per thread, and the triggers skip anything beyond rather than collide. A contact is
// indexed once per conversation, keyed by the conversation's rowid.
//
// The tables are contentless (the index keeps no second copy of the text) with
// contentless_delete, so triggers can remove and replace rows by key. The keys rely on the
// rowids of conversations staying put. Rows are never re-inserted, and VACUUM keeps rowids in
// SQLite 3.53 (measured), though SQLite reserves the right to renumber tables without an
// INTEGER PRIMARY KEY; should that ever happen, emptying the three tables
// (`delete from <table>`) and rerunning the statements marked BACKFILL rebuilds them.
const SEQ_BITS = 24;
const MAX_SEQ = 2 ** SEQ_BITS - 1;

const indexMessage =
  `insert into messages_fts(rowid, body, subject) select (s.rowid << ${SEQ_BITS}) + new.seq, new.body, new.subject ` +
  `from conversations s where s.id = new.conversation_id and new.seq between 1 and ${MAX_SEQ}`;
const unindexMessage = `delete from messages_fts where rowid = (select (s.rowid << ${SEQ_BITS}) + old.seq from conversations s where s.id = old.conversation_id)`;

// Phones are stored in E.164; the digits alone are what a typed number in any format is
// compared with, so the few separators a hand-entered number may still carry go too.
const digits = (column: string) =>
  `replace(replace(replace(replace(replace(replace(coalesce(${column}, ''), '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')`;
const fullName = (ct: string) => `${ct}.first_name || ' ' || ${ct}.last_name`;

/** Both contact tables' rows for the conversations `from` selects (c: conversations, ct: contacts). */
const indexContacts = (from: string) => [
  `insert into conversation_contacts_fts(rowid, name, email, phone) select c.rowid, ${fullName('ct')}, coalesce(ct.email, ''), ${digits('ct.phone')} ${from}`,
  `insert into conversation_contact_words_fts(rowid, name, email) select c.rowid, ${fullName('ct')}, coalesce(ct.email, '') ${from}`,
];
const unindexContacts = (rowids: string) => [
  `delete from conversation_contacts_fts where rowid in (${rowids})`,
  `delete from conversation_contact_words_fts where rowid in (${rowids})`,
];
const trigger = (head: string, statements: string[]) => `create trigger ${head} begin ${statements.join('; ')}; end`;

const SQLITE = [
  // Messages: words and word prefixes, accents ignored. A prefix index makes the shortest
  // searched prefix (3 letters) cheap.
  "create virtual table messages_fts using fts5(body, subject, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3')",
  trigger('messages_fts_after_insert after insert on messages', [indexMessage]),
  trigger('messages_fts_after_delete after delete on messages', [unindexMessage]),
  // Only a change of the text or of the key re-indexes: status callbacks update messages constantly.
  trigger('messages_fts_after_update after update of body, subject, conversation_id, seq on messages', [unindexMessage, indexMessage]),
  // BACKFILL
  `insert into messages_fts(rowid, body, subject) select (c.rowid << ${SEQ_BITS}) + m.seq, m.body, m.subject from messages m join conversations c on c.id = m.conversation_id where m.seq between 1 and ${MAX_SEQ}`,

  // Contacts: substrings of the full name, the email and the phone's digits (trigrams) ...
  "create virtual table conversation_contacts_fts using fts5(name, email, phone, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1')",
  // ... and word prefixes of one or two letters, which trigrams cannot serve.
  "create virtual table conversation_contact_words_fts using fts5(name, email, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2')",
  trigger('search_after_conversation_insert after insert on conversations', indexContacts('from conversations c join contacts ct on ct.id = c.contact_id where c.rowid = new.rowid')),
  trigger('search_after_conversation_contact_change after update of contact_id on conversations', [
    ...unindexContacts('old.rowid'),
    ...indexContacts('from conversations c join contacts ct on ct.id = c.contact_id where c.rowid = new.rowid'),
  ]),
  // A cascade deletes the messages after their conversation is gone, when their keys can no
  // longer be computed: the conversation's whole key range goes first.
  trigger('search_before_conversation_delete before delete on conversations', [
    `delete from messages_fts where rowid >= (old.rowid << ${SEQ_BITS}) and rowid < ((old.rowid + 1) << ${SEQ_BITS})`,
    ...unindexContacts('old.rowid'),
  ]),
  // A contact with conversations cannot be deleted (foreign key): only its changes matter.
  trigger('search_after_contact_update after update of first_name, last_name, email, phone on contacts', [
    ...unindexContacts('select c.rowid from conversations c where c.contact_id = old.id'),
    ...indexContacts('from conversations c join contacts ct on ct.id = c.contact_id where c.contact_id = new.id'),
  ]),
  // BACKFILL
  ...indexContacts('from conversations c join contacts ct on ct.id = c.contact_id'),
];

// ---- PostgreSQL: GIN indexes -----------------------------------------------------------
//
// Messages: a GIN index straight on the messages would find a common word's 100,000 hits
// quickly, then read 100,000 wide message rows to learn their conversations (about 400 ms).
// Instead each conversation's words are kept in conversation_search, one row per chunk of 32
// consecutive messages, positions stripped: a word's hits are then at most a row or two per
// conversation, in a table an eighth the size of messages, and a chunk bounds what a new
// message rewrites. Triggers keep it in step: inserts add words, one upsert per chunk per
// statement (a batch of a thread's messages must not rewrite its row once per message);
// a changed or deleted message re-derives its chunk from the messages themselves.
//
// ASCII punctuation but "?" becomes spaces before the text search parser sees the text, so it
// sees plain words, as SQLite's unicode61 does (it would otherwise keep
// "maria.gonzalez@example.com" or "/listings/42" whole, which no typed word can prefix).
const PG_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>@[\\]^_`{|}~";
const pgLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
const CHUNK = 32;
const chunkWords = (rows: string) =>
  `select m.conversation_id, (m.seq - 1) / ${CHUNK} as chunk, min(m.workspace_id) as workspace_id, ` +
  `convkit_search_words(string_agg(m.body || ' ' || coalesce(m.subject, ''), ' '), null) as words from ${rows} m group by 1, 2`;

const POSTGRES = [
  // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
  'create extension if not exists pg_trgm',
  `create function convkit_search_words(body text, subject text) returns tsvector language sql immutable parallel safe as $$ ` +
    `select strip(to_tsvector('simple'::regconfig, translate(coalesce(body, '') || ' ' || coalesce(subject, ''), ${pgLiteral(PG_PUNCTUATION)}, ${pgLiteral(' '.repeat(PG_PUNCTUATION.length))}))) $$`,
  'create table conversation_search (conversation_id varchar(36) not null, chunk int not null, workspace_id varchar(36) not null, words tsvector not null, primary key (conversation_id, chunk))',
  'alter table conversation_search add constraint conversation_search_conversation_id_foreign foreign key (conversation_id) references conversations (id) on delete cascade',
  // Uncompressed: a list query tests the words of every chunk it reads, and word sets compress
  // poorly anyway (they still move out of line past 2 kB).
  'alter table conversation_search alter column words set storage external',
  `create function convkit_search_reindex(conversation varchar, chunk_no int) returns void language plpgsql as $$
declare
  found_workspace varchar;
  found_words tsvector;
begin
  select min(m.workspace_id), convkit_search_words(string_agg(m.body || ' ' || coalesce(m.subject, ''), ' '), null)
    into found_workspace, found_words
    from messages m where m.conversation_id = conversation and m.seq between chunk_no * ${CHUNK} + 1 and chunk_no * ${CHUNK} + ${CHUNK};
  if found_workspace is null then
    delete from conversation_search where conversation_id = conversation and chunk = chunk_no;
  else
    insert into conversation_search (conversation_id, chunk, workspace_id, words) values (conversation, chunk_no, found_workspace, found_words)
      on conflict (conversation_id, chunk) do update set words = excluded.words, workspace_id = excluded.workspace_id;
  end if;
end $$`,
  `create function convkit_search_after_insert() returns trigger language plpgsql as $$
begin
  insert into conversation_search (conversation_id, chunk, workspace_id, words) ${chunkWords('inserted')}
    on conflict (conversation_id, chunk) do update set words = strip(conversation_search.words || excluded.words);
  return null;
end $$`,
  `create function convkit_search_after_change() returns trigger language plpgsql as $$
begin
  perform convkit_search_reindex(old.conversation_id, (old.seq - 1) / ${CHUNK});
  perform convkit_search_reindex(new.conversation_id, (new.seq - 1) / ${CHUNK});
  return null;
end $$`,
  `create function convkit_search_after_delete() returns trigger language plpgsql as $$
begin
  perform convkit_search_reindex(d.conversation_id, d.chunk) from (select distinct conversation_id, (seq - 1) / ${CHUNK} as chunk from deleted) d;
  return null;
end $$`,
  'create trigger messages_search_after_insert after insert on messages referencing new table as inserted for each statement execute function convkit_search_after_insert()',
  // Only a change of the text or of the key, row by row (a column list rules out transition
  // tables): status callbacks update messages constantly and must not pay for search.
  'create trigger messages_search_after_change after update of body, subject, conversation_id, seq on messages for each row execute function convkit_search_after_change()',
  'create trigger messages_search_after_delete after delete on messages referencing old table as deleted for each statement execute function convkit_search_after_delete()',
  // BACKFILL
  `insert into conversation_search (conversation_id, chunk, workspace_id, words) ${chunkWords('messages')}`,
  // Built after the backfill (faster than growing it row by row). A plain CREATE INDEX runs
  // inside the migration's transaction and blocks writes to its table meanwhile
  // (CONCURRENTLY cannot run in a transaction).
  'create index conversation_search_words_index on conversation_search using gin (words)',
  // Contacts: substrings (trigrams) of the full name, the email and the phone's digits, and
  // 1-2 letter word prefixes of the name and email, which trigrams cannot serve.
  `create index contacts_search_name_index on contacts using gin ((first_name || ' ' || last_name) gin_trgm_ops)`,
  'create index contacts_search_email_index on contacts using gin (email gin_trgm_ops)',
  `create index contacts_search_phone_index on contacts using gin (regexp_replace(phone, '[^0-9]', '', 'g') gin_trgm_ops)`,
  `create index contacts_search_words_index on contacts using gin (convkit_search_words(first_name || ' ' || last_name, email))`,
];

export class Migration20261124Search extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
