// A workspace's quiet hours (modules/schedule/quiet-hours.ts): automated and scheduled messages
// wait until they end.
import { Migration } from '@mikro-orm/migrations';

const SQLITE = ['alter table `workspaces` add column `quiet_hours` json null'];

const POSTGRES = ['alter table "workspaces" add "quiet_hours" jsonb null'];

export class Migration20261201QuietHours extends Migration {
  override up(): void {
    const postgres = this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre');
    for (const statement of postgres ? POSTGRES : SQLITE) this.addSql(statement);
  }
}
