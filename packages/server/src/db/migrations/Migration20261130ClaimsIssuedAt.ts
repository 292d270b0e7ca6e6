// Users remember when the token that last set their name and role was issued, so an older token
// presented later cannot undo a newer one (a demotion). Generated from the entities with
// MikroORM's schema diff for each platform.
import { Migration } from '@mikro-orm/migrations';

const SQLITE = ['alter table `users` add column `claims_issued_at` bigint null'];

const POSTGRES = ['alter table "users" add "claims_issued_at" bigint null'];

export class Migration20261130ClaimsIssuedAt extends Migration {
  override up(): void {
    const postgres = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const statement of postgres ? POSTGRES : SQLITE) this.addSql(statement);
  }
}
