// Merge tags read a contact's custom fields ({{contact.custom.<key>}}) and the workspace's custom
// values ({{custom_values.<key>}}): each a JSON object of short texts by key.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ["alter table `contacts` add column `custom` json not null default '{}'", "alter table `workspaces` add column `custom_values` json not null default '{}'"];

const POSTGRES = ['alter table "contacts" add "custom" jsonb not null default \'{}\'', 'alter table "workspaces" add "custom_values" jsonb not null default \'{}\''];

export class Migration20261202CustomFields extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
