// Outgoing webhooks: the host's endpoints (each with its sealed signing secret, the event types
// it wants, and how far into the event log it has been queued), and one delivery per endpoint
// and event, retried from the database so that none is lost when a node stops.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  'create table `webhook_endpoints` (`id` text not null primary key, `workspace_id` text not null, `url` text not null, `secret` text not null, `event_types` json null, `cursor_seq` bigint not null, `disabled_at` bigint null, `disabled_reason` text null, `created_at` bigint not null, constraint `webhook_endpoints_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`) on delete cascade)',
  'create index `webhook_endpoints_workspace_id_index` on `webhook_endpoints` (`workspace_id`)',
  'create table `webhook_deliveries` (`id` text not null primary key, `workspace_id` text not null, `endpoint_id` text not null, `event_id` text not null, `event_seq` bigint not null, `event_type` text not null, `status` text not null, `attempts` integer not null default 0, `next_attempt_at` bigint not null, `lease_until` bigint null, `last_status` integer null, `last_error` text null, `delivered_at` bigint null, `created_at` bigint not null, constraint `webhook_deliveries_endpoint_id_foreign` foreign key (`endpoint_id`) references `webhook_endpoints` (`id`) on delete cascade)',
  'create unique index `webhook_deliveries_endpoint_id_event_seq_unique` on `webhook_deliveries` (`endpoint_id`, `event_seq`)',
  'create index `webhook_deliveries_status_next_attempt_at_index` on `webhook_deliveries` (`status`, `next_attempt_at`)',
];

const POSTGRES = [
  'create table "webhook_endpoints" ("id" varchar(36) not null, "workspace_id" varchar(36) not null, "url" text not null, "secret" text not null, "event_types" jsonb null, "cursor_seq" bigint not null, "disabled_at" bigint null, "disabled_reason" text null, "created_at" bigint not null, primary key ("id"))',
  'create index "webhook_endpoints_workspace_id_index" on "webhook_endpoints" ("workspace_id")',
  'alter table "webhook_endpoints" add constraint "webhook_endpoints_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade',
  'create table "webhook_deliveries" ("id" varchar(36) not null, "workspace_id" varchar(36) not null, "endpoint_id" varchar(36) not null, "event_id" varchar(36) not null, "event_seq" bigint not null, "event_type" varchar(64) not null, "status" varchar(16) not null, "attempts" integer not null default 0, "next_attempt_at" bigint not null, "lease_until" bigint null, "last_status" integer null, "last_error" text null, "delivered_at" bigint null, "created_at" bigint not null, primary key ("id"))',
  'create unique index "webhook_deliveries_endpoint_id_event_seq_unique" on "webhook_deliveries" ("endpoint_id", "event_seq")',
  'create index "webhook_deliveries_status_next_attempt_at_index" on "webhook_deliveries" ("status", "next_attempt_at")',
  'alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on delete cascade',
];

export class Migration20261202Webhooks extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
