// Calls still ringing or in progress, by when they began: the call reconciler looks for the ones
// whose ending never arrived (channels/twilio/call-reconciler.ts) among those alone, never among
// every message. The condition is written as the reconciler's query writes it (OPEN_CALL), so the
// planners can use the index for it.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ["create index `messages_open_calls_index` on `messages` (`created_at`) where kind = 'call' and json_extract(meta, '$.outcome') in ('ringing', 'in-progress')"];

const POSTGRES = [`create index "messages_open_calls_index" on "messages" ("created_at") where kind = 'call' and (meta ->> 'outcome') in ('ringing', 'in-progress')`];

export class Migration20261202OpenCalls extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
