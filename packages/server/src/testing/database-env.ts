// The environment that points the CLI (`convkit …`, `npx convkit start`) at a given database, the
// way an operator's shell would: DATABASE_URL for PostgreSQL, else the SQLite file's folder
// (an empty DATABASE_URL counts as unset, so an inherited one cannot win).
import { dirname } from 'node:path';
import type { Database } from '../db/orm.js';

export function databaseEnv(database: Database): Record<string, string> {
  return database.kind === 'sqlite' ? { CONVKIT_DATA_DIR: dirname(database.path), DATABASE_URL: '' } : { DATABASE_URL: database.url };
}
