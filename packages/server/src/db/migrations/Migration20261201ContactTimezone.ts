// A contact's own time zone, when the host knows it: quiet hours are kept in it.
import { Migration } from '@mikro-orm/migrations';

const SQLITE = ['alter table `contacts` add column `timezone` text null'];

const POSTGRES = ['alter table "contacts" add "timezone" varchar(64) null'];

export class Migration20261201ContactTimezone extends Migration {
  override up(): void {
    const postgres = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const statement of postgres ? POSTGRES : SQLITE) this.addSql(statement);
  }
}
