// Users remember when the token that last set their name and role was issued, so an older token
// presented later cannot undo a newer one (a demotion). Generated from the entities with
// MikroORM's schema diff for each platform.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ['alter table `users` add column `claims_issued_at` bigint null'];

const POSTGRES = ['alter table "users" add "claims_issued_at" bigint null'];

export class Migration20261130ClaimsIssuedAt extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
