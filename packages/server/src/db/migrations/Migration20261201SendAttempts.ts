// A queued send counts its attempts: a provider's passing refusal (429, 5xx) is tried again after
// a growing pause, up to a limit, instead of failing at once (dispatch/dispatcher.ts). For a
// queued send, lease_until is the time it may be tried again.
import { DialectMigration } from './dialect-migration.js';

const SQLITE = ['alter table `messages` add column `send_attempts` integer not null default 0'];

const POSTGRES = ['alter table "messages" add "send_attempts" int not null default 0'];

export class Migration20261201SendAttempts extends DialectMigration {
  protected readonly sqlite = SQLITE;
  protected readonly postgres = POSTGRES;
}
