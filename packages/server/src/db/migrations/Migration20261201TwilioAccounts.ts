// A workspace's own Twilio account (channels/twilio/twilio-account.entity.ts): credentials sealed
// under the server key, senders, and the public URL Twilio calls.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  'create table `twilio_accounts` (`workspace_id` text not null primary key, `account_sid` text not null, `api_key_sid` text null, `sealed_secrets` text not null, `messaging_numbers` json not null, `messaging_service_sid` text null, `whatsapp_number` text null, `voice_number` text null, `public_url` text null, `account_name` text not null, `verified_at` bigint not null, `updated_at` bigint not null, constraint `twilio_accounts_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`) on delete cascade)',
];

const POSTGRES = [
  'create table "twilio_accounts" ("workspace_id" varchar(36) not null, "account_sid" varchar(34) not null, "api_key_sid" varchar(34) null, "sealed_secrets" text not null, "messaging_numbers" jsonb not null, "messaging_service_sid" varchar(34) null, "whatsapp_number" varchar(32) null, "voice_number" varchar(32) null, "public_url" varchar(2048) null, "account_name" varchar(200) not null, "verified_at" bigint not null, "updated_at" bigint not null, primary key ("workspace_id"))',
  'alter table "twilio_accounts" add constraint "twilio_accounts_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade',
];

export class Migration20261201TwilioAccounts extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
