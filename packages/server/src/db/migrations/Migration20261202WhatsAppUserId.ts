// A WhatsApp user who hides their phone number behind a username is known by a business-scoped
// user id (BSUID): the contact keeps it, one per workspace, beside (or instead of) the phone.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = [
  'alter table `contacts` add column `whatsapp_user_id` text null',
  'create unique index `contacts_workspace_id_whatsapp_user_id_unique` on `contacts` (`workspace_id`, `whatsapp_user_id`)',
];

const POSTGRES = [
  'alter table "contacts" add "whatsapp_user_id" varchar(160) null',
  'create unique index "contacts_workspace_id_whatsapp_user_id_unique" on "contacts" ("workspace_id", "whatsapp_user_id")',
];

export class Migration20261202WhatsAppUserId extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
