// Saved replies (snippets) a workspace's agents share: a title, an optional /shortcut unique in
// the workspace, and the text (merge tags filled in when it is sent).
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  'create table `snippets` (`id` text not null primary key, `workspace_id` text not null, `title` text not null, `shortcut` text null, `body` text not null, `created_at` bigint not null, `updated_at` bigint not null, constraint `snippets_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`) on delete cascade)',
  'create unique index `snippets_workspace_id_shortcut_unique` on `snippets` (`workspace_id`, `shortcut`)',
];

const POSTGRES = [
  'create table "snippets" ("id" varchar(36) not null, "workspace_id" varchar(36) not null, "title" varchar(120) not null, "shortcut" varchar(32) null, "body" text not null, "created_at" bigint not null, "updated_at" bigint not null, primary key ("id"))',
  'create unique index "snippets_workspace_id_shortcut_unique" on "snippets" ("workspace_id", "shortcut")',
  'alter table "snippets" add constraint "snippets_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade',
];

export class Migration20261202Snippets extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
