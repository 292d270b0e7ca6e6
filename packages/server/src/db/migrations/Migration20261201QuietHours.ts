// A workspace's quiet hours (modules/schedule/quiet-hours.ts): automated and scheduled messages
// wait until they end.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ['alter table `workspaces` add column `quiet_hours` json null'];

const POSTGRES = ['alter table "workspaces" add "quiet_hours" jsonb null'];

export class Migration20261201QuietHours extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
