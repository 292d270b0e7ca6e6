// Every migration here is plain SQL per platform (written from MikroORM's schema diff for each):
// one base runs the platform's list, so a migration file is its two lists and nothing else.
import { Migration } from '@mikro-orm/migrations';

export abstract class DialectMigration extends Migration {
  protected abstract readonly sqlite: readonly string[];
  protected abstract readonly postgres: readonly string[];

  override up(): void {
    const isPostgres = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const statement of isPostgres ? this.postgres : this.sqlite) this.addSql(statement);
  }
}
