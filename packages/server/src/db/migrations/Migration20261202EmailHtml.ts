// An email's HTML body, kept apart from its message (as a file's bytes are): a thread's page never
// reads it, and the element asks for it (messages.html) only when it shows the email.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  'create table `message_html` (`message_id` text not null primary key, `html` text not null, constraint `message_html_message_id_foreign` foreign key (`message_id`) references `messages` (`id`) on delete cascade)',
];

const POSTGRES = [
  'create table "message_html" ("message_id" varchar(36) not null, "html" text not null, primary key ("message_id"))',
  'alter table "message_html" add constraint "message_html_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete cascade',
];

export class Migration20261202EmailHtml extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
