// The consent ledger (modules/consent/consent.entity.ts), each contact's do-not-disturb channels,
// and what a workspace answers HELP with and whether its texts need consent first.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  "create table `consent_events` (`id` text not null primary key, `workspace_id` text not null, `contact_id` text not null, `channel` text check (`channel` in ('sms', 'whatsapp')) not null, `sender` text not null, `status` text check (`status` in ('pending', 'granted', 'revoked', 'flagged', 'dismissed')) not null, `source` text check (`source` in ('keyword', 'inbound_text', 'agent', 'host')) not null, `message_id` text null, `user_name` text null, `note` text not null default '', `created_at` bigint not null, constraint `consent_events_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`), constraint `consent_events_contact_id_foreign` foreign key (`contact_id`) references `contacts` (`id`) on delete cascade)",
  'create index `consent_events_workspace_id_contact_id_channel_sender_index` on `consent_events` (`workspace_id`, `contact_id`, `channel`, `sender`)',
  'create index `consent_events_workspace_id_created_at_index` on `consent_events` (`workspace_id`, `created_at`)',
  "alter table `contacts` add column `dnd` json not null default '[]'",
  'alter table `workspaces` add column `help_text` text null',
  'alter table `workspaces` add column `consent_required` integer not null default 0',
];

const POSTGRES = [
  'create table "consent_events" ("id" varchar(36) not null, "workspace_id" varchar(36) not null, "contact_id" varchar(36) not null, "channel" text check ("channel" in (\'sms\', \'whatsapp\')) not null, "sender" varchar(32) not null, "status" text check ("status" in (\'pending\', \'granted\', \'revoked\', \'flagged\', \'dismissed\')) not null, "source" text check ("source" in (\'keyword\', \'inbound_text\', \'agent\', \'host\')) not null, "message_id" varchar(36) null, "user_name" varchar(200) null, "note" varchar(500) not null default \'\', "created_at" bigint not null, primary key ("id"))',
  'create index "consent_events_workspace_id_contact_id_channel_sender_index" on "consent_events" ("workspace_id", "contact_id", "channel", "sender")',
  'create index "consent_events_workspace_id_created_at_index" on "consent_events" ("workspace_id", "created_at")',
  'alter table "consent_events" add constraint "consent_events_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade',
  'alter table "consent_events" add constraint "consent_events_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade',
  'alter table "contacts" add "dnd" jsonb not null default \'[]\'',
  'alter table "workspaces" add "help_text" varchar(480) null',
  'alter table "workspaces" add "consent_required" boolean not null default false',
];

export class Migration20261201Consent extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
