// Keys that concurrent writers rely on (see db/locks.ts):
// - a contact has at most one open conversation, so two first messages from one contact that
//   race each other cannot open two threads (the loser's transaction retries and finds the
//   winner's). Duplicates that races left behind are archived first, keeping the most recent.
// - a send's clientId is the sender's own: the same clientId from two agents is two messages.
import { DialectMigration } from './dialect-migration.js';

const COMMON = [
  `update conversations set status = 'archived' where status = 'open' and exists (
     select 1 from conversations newer where newer.contact_id = conversations.contact_id and newer.status = 'open'
       and (newer.last_activity_at > conversations.last_activity_at or (newer.last_activity_at = conversations.last_activity_at and newer.id > conversations.id)))`,
  `create unique index conversations_open_contact_unique on conversations (contact_id) where status = 'open'`,
  'create unique index messages_sender_client_id_unique on messages (conversation_id, author_type, author_id, client_id)',
];

// The key it replaces was an index on SQLite and a constraint on PostgreSQL.
const DROP_OLD_CLIENT_KEY = {
  sqlite: 'drop index messages_conversation_id_client_id_unique',
  postgres: 'alter table messages drop constraint messages_conversation_id_client_id_unique',
};

export class Migration20261130WriteKeys extends DialectMigration {
  protected readonly sqlite = [...COMMON, DROP_OLD_CLIENT_KEY.sqlite];
  protected readonly postgres = [...COMMON, DROP_OLD_CLIENT_KEY.postgres];
}
