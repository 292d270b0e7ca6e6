// Calls: how a workspace's calls go (recording per direction, where a contact's call rings), and
// the phone each agent is rung on for click to call.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ['alter table `workspaces` add column `voice` json null', 'alter table `users` add column `phone` text null'];

const POSTGRES = ['alter table "workspaces" add "voice" jsonb null', 'alter table "users" add "phone" varchar(32) null'];

export class Migration20261201Voice extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
