// The host's cards about a contact (a deal, an appointment, an inspection, an invoice): one per
// contact and host key, in the host's order, shown in the contact panel.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  'create table `contact_cards` (`id` text not null primary key, `workspace_id` text not null, `contact_id` text not null, `card_key` text not null, `kind` text not null, `title` text not null, `subtitle` text null, `status` text null, `amount` json null, `link` text null, `actions` json not null, `position` integer not null, `updated_at` bigint not null, constraint `contact_cards_workspace_id_foreign` foreign key (`workspace_id`) references `workspaces` (`id`) on delete cascade, constraint `contact_cards_contact_id_foreign` foreign key (`contact_id`) references `contacts` (`id`) on delete cascade)',
  'create unique index `contact_cards_contact_id_card_key_unique` on `contact_cards` (`contact_id`, `card_key`)',
];

const POSTGRES = [
  'create table "contact_cards" ("id" varchar(36) not null, "workspace_id" varchar(36) not null, "contact_id" varchar(36) not null, "card_key" varchar(200) not null, "kind" varchar(32) not null, "title" varchar(200) not null, "subtitle" varchar(500) null, "status" varchar(64) null, "amount" jsonb null, "link" text null, "actions" jsonb not null, "position" integer not null, "updated_at" bigint not null, primary key ("id"))',
  'create unique index "contact_cards_contact_id_card_key_unique" on "contact_cards" ("contact_id", "card_key")',
  'alter table "contact_cards" add constraint "contact_cards_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade',
  'alter table "contact_cards" add constraint "contact_cards_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on delete cascade',
];

export class Migration20261202ContactCards extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
