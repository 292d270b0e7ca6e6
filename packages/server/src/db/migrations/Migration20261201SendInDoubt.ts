// When a send's answer never came back (the provider may have the message), the outbox asks the
// provider before sending it again, looking no further back than this.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ['alter table `messages` add column `send_in_doubt_since` bigint null'];

const POSTGRES = ['alter table "messages" add "send_in_doubt_since" bigint null'];

export class Migration20261201SendInDoubt extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
