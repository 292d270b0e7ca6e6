#!/usr/bin/env node
// `npx convkit ...` / `npm run convkit -- ...` from the repo root: runs the server's CLI on the
// project's Node 24 (better-sqlite3 crashes under the machine's Node 20).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const result = spawnSync(process.execPath, [join(here, 'run.mjs'), 'cli', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
