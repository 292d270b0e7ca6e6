// A contact's own time zone, when the host knows it: quiet hours are kept in it.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ['alter table `contacts` add column `timezone` text null'];

const POSTGRES = ['alter table "contacts" add "timezone" varchar(64) null'];

export class Migration20261201ContactTimezone extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
