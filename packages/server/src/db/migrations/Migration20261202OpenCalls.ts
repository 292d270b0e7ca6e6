// Call entries by when they began: the call reconciler looks for calls still ringing a while after
// they began (channels/twilio/call-reconciler.ts) among calls alone, never every message.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ["create index `messages_calls_created_at_index` on `messages` (`created_at`) where `kind` = 'call'"];

const POSTGRES = [`create index "messages_calls_created_at_index" on "messages" ("created_at") where "kind" = 'call'`];

export class Migration20261202OpenCalls extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
