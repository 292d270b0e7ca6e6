// Provisioning and service identities: a user is an agent (signed in by the host's tokens) or a
// service (an API key of the host's backend); an admin can deactivate an agent; a workspace keeps
// its previous signing secret until the rotation's grace period ends; API keys are stored as a
// hash of their secret, beside the service user that owns what they write.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  "alter table `users` add column `kind` text not null default 'agent'",
  'alter table `users` add column `deactivated_at` bigint null',
  'alter table `workspaces` add column `previous_signing_secret` text null',
  'alter table `workspaces` add column `previous_secret_until` bigint null',
  'create table `api_keys` (`id` text not null primary key, `workspace_id` text not null, `user_id` text not null, `name` text not null, `scopes` json not null, `secret_hash` text not null, `created_at` bigint not null, `last_used_at` bigint null, `revoked_at` bigint null, constraint `api_keys_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`) on delete cascade, constraint `api_keys_user_id_foreign` foreign key (`user_id`) references `users` (`id`) on delete cascade)',
  'create index `api_keys_workspace_id_index` on `api_keys` (`workspace_id`)',
];

const POSTGRES = [
  `alter table "users" add "kind" varchar(16) not null default 'agent'`,
  'alter table "users" add "deactivated_at" bigint null',
  'alter table "workspaces" add "previous_signing_secret" varchar(128) null',
  'alter table "workspaces" add "previous_secret_until" bigint null',
  'create table "api_keys" ("id" varchar(36) not null, "workspace_id" varchar(36) not null, "user_id" varchar(36) not null, "name" varchar(200) not null, "scopes" jsonb not null, "secret_hash" varchar(64) not null, "created_at" bigint not null, "last_used_at" bigint null, "revoked_at" bigint null, primary key ("id"))',
  'create index "api_keys_workspace_id_index" on "api_keys" ("workspace_id")',
  'alter table "api_keys" add constraint "api_keys_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade',
  'alter table "api_keys" add constraint "api_keys_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade',
];

export class Migration20261202ServiceIdentities extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
