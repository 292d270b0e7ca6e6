// Per-workspace rate limits: a JSON override of the server's workspace-scoped limits (null: the
// server's own apply). Generated from the entities with MikroORM's schema diff for each platform.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ['alter table `workspaces` add column `rate_limits` json null'];

const POSTGRES = ['alter table "workspaces" add "rate_limits" jsonb null'];

export class Migration20261130Limits extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
