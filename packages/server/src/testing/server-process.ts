// The real server (`convkit start --demo`) in a child process, so its memory can be measured
// apart from the process driving it: load tests and benchmarks read the child's RSS.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Role } from '@convkit/sdk/protocol';
import { mintToken } from '../auth/tokens.js';
import { createTestDatabase, type TestDatabaseKind } from './databases.js';
import type { LimitsOverride } from '../limits/limits.js';
import type { Database } from '../db/orm.js';
import { databaseEnv } from './database-env.js';
import { generateSecretKey } from '../secrets/keyring.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
// The child exits when its stdin closes, so a parent that dies without close() (killed on a
// timeout) leaves no server behind.
const EXIT_WITH_PARENT = "data:text/javascript,process.stdin.on('end',()=>process.exit(1)).resume()";
// SIGUSR2 runs a full collection (with --expose-gc): V8 keeps garbage as long as it likes, so a
// measure of what the server still holds collects first, before and after alike.
const GC_ON_SIGNAL = "data:text/javascript,process.on('SIGUSR2',()=>globalThis.gc?.())";
const GC_SETTLE_MS = 300;

export interface ServerProcessOptions {
  database?: TestDatabaseKind;
  /** Rate limits over the defaults, passed as CONVKIT_LIMITS. */
  limits?: LimitsOverride;
  /** Another node of the same deployment: its database and demo secret are shared. */
  joining?: ServerProcess;
  /** More environment, e.g. REDIS_URL, CONVKIT_OUTBOX_LEASE_MS, LOG_LEVEL. */
  env?: Record<string, string>;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Runs a full garbage collection in the child, so that RSS shows what it still holds. */
  collectGarbage(): Promise<void>;
  /** The child's resident set size now (VmRSS). */
  rssBytes(): number;
  /** A token of the demo workspace for `user` (agent-1, agent-2 or a new one). */
  token(user: string, role?: Role): Promise<string>;
  /** Every line the server wrote to stdout (its JSON log at LOG_LEVEL=info). */
  logLines(): string[];
  /** Kills the process at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Stops the server (SIGTERM, SIGKILL if it hangs) and drops its database unless it joined another's. */
  close(): Promise<void>;
  /** What a node joining this one shares. */
  readonly deployment: { database: Database; secret: string; secretKey: string };
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const owner = options.joining ? null : await createTestDatabase(options.database, { migrated: true });
  const db = owner ?? { database: options.joining!.deployment.database, drop: async () => {} };
  const secret = options.joining?.deployment.secret ?? randomBytes(32).toString('base64url');
  // The nodes of one deployment share the key workspace secrets are sealed with.
  const secretKey = options.joining?.deployment.secretKey ?? generateSecretKey();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'error',
    CONVKIT_DEMO_SECRET: secret,
    CONVKIT_SECRET_KEY: secretKey,
    ...databaseEnv(db.database),
    ...(options.limits ? { CONVKIT_LIMITS: JSON.stringify(options.limits) } : {}),
    ...options.env,
  };
  if (!options.limits) delete env.CONVKIT_LIMITS;

  const child = spawn(process.execPath, ['--expose-gc', '--import', EXIT_WITH_PARENT, '--import', GC_ON_SIGNAL, CLI, 'start', '--demo'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000));
  child.stderr.on('data', keep);
  const lines: string[] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server process: not listening after ${START_TIMEOUT_MS} ms\n${output}`)), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        const match = /Convkit is running at (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server process exited (${signal ?? code}) before listening\n${output}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await db.drop();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    pid: child.pid!,
    async collectGarbage() {
      child.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, GC_SETTLE_MS));
    },
    rssBytes() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
      if (!kb) throw new Error(`server process: no VmRSS in /proc/${child.pid}/status`);
      return Number(kb[1]) * 1024;
    },
    token(user, role) {
      return mintToken(secret, { wsp: 'demo', sub: user, ...(role ? { role } : {}) });
    },
    logLines: () => [...lines],
    deployment: { database: db.database, secret, secretKey },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(killer);
        }
        await db.drop();
      })();
      return closing;
    },
  };
}
