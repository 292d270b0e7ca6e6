// Message files (modules/attachments/attachment.entity.ts) and their bytes, kept apart so that a
// thread's list of files never reads them.
import { DialectMigration } from './dialect-migration.js';

const STATUSES = "('uploaded', 'pending', 'stored', 'failed')";

const SQLITE = [
  `create table \`attachments\` (\`id\` text not null primary key, \`workspace_id\` text not null, \`message_id\` text null, \`position\` integer not null default 0, \`name\` text not null default '', \`content_type\` text not null, \`size\` bigint null, \`sha256\` text null, \`status\` text check (\`status\` in ${STATUSES}) not null, \`source_url\` text null, \`attempts\` integer not null default 0, \`lease_until\` bigint null, \`error\` text null, \`uploaded_by\` text null, \`created_at\` bigint not null, constraint \`attachments_workspace_id_foreign\` foreign key (\`workspace_id\`) references \`workspaces\` (\`id\`))`,
  'create index `attachments_workspace_id_message_id_index` on `attachments` (`workspace_id`, `message_id`)',
  'create index `attachments_status_lease_until_index` on `attachments` (`status`, `lease_until`)',
  'create table `attachment_contents` (`attachment_id` text not null primary key, `data` blob not null, constraint `attachment_contents_attachment_id_foreign` foreign key (`attachment_id`) references `attachments` (`id`) on delete cascade)',
];

const POSTGRES = [
  `create table "attachments" ("id" varchar(36) not null, "workspace_id" varchar(36) not null, "message_id" varchar(36) null, "position" int not null default 0, "name" varchar(255) not null default '', "content_type" varchar(127) not null, "size" bigint null, "sha256" varchar(64) null, "status" text check ("status" in ${STATUSES}) not null, "source_url" text null, "attempts" int not null default 0, "lease_until" bigint null, "error" varchar(500) null, "uploaded_by" varchar(36) null, "created_at" bigint not null, primary key ("id"))`,
  'create index "attachments_workspace_id_message_id_index" on "attachments" ("workspace_id", "message_id")',
  'create index "attachments_status_lease_until_index" on "attachments" ("status", "lease_until")',
  'alter table "attachments" add constraint "attachments_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade',
  'create table "attachment_contents" ("attachment_id" varchar(36) not null, "data" bytea not null, primary key ("attachment_id"))',
  'alter table "attachment_contents" add constraint "attachment_contents_attachment_id_foreign" foreign key ("attachment_id") references "attachments" ("id") on delete cascade',
];

export class Migration20261201Attachments extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
