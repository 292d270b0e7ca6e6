// Triage: labels, the channel filter's mask, mentions in read states, per-workspace Recents.
// Generated from the entities with MikroORM's schema diff for each platform, then the backfill.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  "create table `labels` (`id` text not null primary key, `workspace_id` text not null, `name` text not null, `color` text not null, `created_at` bigint not null, constraint `labels_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`))",
  "create index `labels_workspace_id_index` on `labels` (`workspace_id`)",
  "create unique index `labels_workspace_id_name_unique` on `labels` (`workspace_id`, `name`)",
  "create table `conversation_labels` (`id` text not null primary key, `workspace_id` text not null, `conversation_id` text not null, `label_id` text not null, constraint `conversation_labels_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`), constraint `conversation_labels_conversation_id_foreign` foreign key (`conversation_id`) references `conversations` (`id`) on delete cascade, constraint `conversation_labels_label_id_foreign` foreign key (`label_id`) references `labels` (`id`) on delete cascade)",
  "create index `conversation_labels_workspace_id_index` on `conversation_labels` (`workspace_id`)",
  "create index `conversation_labels_conversation_id_index` on `conversation_labels` (`conversation_id`)",
  "create index `conversation_labels_label_id_index` on `conversation_labels` (`label_id`)",
  "create unique index `conversation_labels_conversation_id_label_id_unique` on `conversation_labels` (`conversation_id`, `label_id`)",
  "alter table `workspaces` add column `recent_days` integer not null default 14",
  "alter table `conversations` add column `channel_mask` integer not null default 0",
  "create index `conversations_workspace_id_assignee_id_last_activity_at_index` on `conversations` (`workspace_id`, `assignee_id`, `last_activity_at`)",
  "alter table `read_states` add column `mentioned` integer not null default false",
];

const POSTGRES = [
  "create table \"labels\" (\"id\" varchar(36) not null, \"workspace_id\" varchar(36) not null, \"name\" varchar(64) not null, \"color\" varchar(32) not null, \"created_at\" bigint not null, primary key (\"id\"))",
  "alter table \"labels\" add constraint \"labels_workspace_id_name_unique\" unique (\"workspace_id\", \"name\")",
  "create table \"conversation_labels\" (\"id\" varchar(36) not null, \"workspace_id\" varchar(36) not null, \"conversation_id\" varchar(36) not null, \"label_id\" varchar(36) not null, primary key (\"id\"))",
  "alter table \"conversation_labels\" add constraint \"conversation_labels_conversation_id_label_id_unique\" unique (\"conversation_id\", \"label_id\")",
  "alter table \"workspaces\" add \"recent_days\" int not null default 14",
  "alter table \"conversations\" add \"channel_mask\" int not null default 0",
  "create index \"conversations_workspace_id_assignee_id_last_activity_at_index\" on \"conversations\" (\"workspace_id\", \"assignee_id\", \"last_activity_at\")",
  "alter table \"read_states\" add \"mentioned\" boolean not null default false",
  "alter table \"labels\" add constraint \"labels_workspace_id_foreign\" foreign key (\"workspace_id\") references \"workspaces\" (\"id\")",
  "alter table \"conversation_labels\" add constraint \"conversation_labels_workspace_id_foreign\" foreign key (\"workspace_id\") references \"workspaces\" (\"id\")",
  "alter table \"conversation_labels\" add constraint \"conversation_labels_conversation_id_foreign\" foreign key (\"conversation_id\") references \"conversations\" (\"id\") on delete cascade",
  "alter table \"conversation_labels\" add constraint \"conversation_labels_label_id_foreign\" foreign key (\"label_id\") references \"labels\" (\"id\") on delete cascade",
];

/**
 * The channel of each bit as of this migration, frozen here: the protocol's list may grow or be
 * reordered later, and a migration must do the same thing on every database, whenever it runs.
 */
export const TRIAGE_CHANNEL_BITS = ['sms', 'mms', 'whatsapp', 'email', 'call', 'chat', 'facebook', 'instagram'] as const;

/** Existing threads get the bits of every channel they already have messages on. */
const BACKFILL = TRIAGE_CHANNEL_BITS.map(
  (channel, bit) =>
    `update conversations set channel_mask = channel_mask | ${1 << bit} where exists (select 1 from messages m where m.conversation_id = conversations.id and m.channel = '${channel}')`,
);

export class Migration20261124Triage extends DialectMigration {
  protected readonly sqlite = [...SQLITE, ...BACKFILL];
  protected readonly postgres = [...POSTGRES, ...BACKFILL];
}
