// The commands the docs show, run exactly as written (from the repository root, through
// `npx convkit` and `npm run convkit`), against a test server's database.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exec, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../testing/index.js';

const run = promisify(exec);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const doc = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** The lines of a document's sh blocks that start with `prefix`, comments dropped. */
function shLines(path: string, prefix: string): string[] {
  const blocks = [...doc(path).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith(prefix)).map((l) => l.replace(/\s+#.*$/, '').trim());
}

describe('the commands docs/server.md and README.md show', () => {
  let t: TestServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    const database = t.server.config.database;
    env = { ...process.env, ...(database.kind === 'sqlite' ? { CONVKIT_DATA_DIR: dirname(database.path), DATABASE_URL: '' } : { DATABASE_URL: database.url }) };
  });
  after(async () => t.close());

  it('npx convkit limits: show, set and reset, as written', async () => {
    const lines = shLines('docs/server.md', 'npx convkit limits');
    assert.equal(lines.length, 3);
    const outputs = [];
    for (const line of lines) outputs.push(JSON.parse((await run(line, { cwd: root, env })).stdout));
    assert.equal(outputs[0].override, null);
    assert.deepEqual(outputs[1].limits.socketCommands, { burst: 400, perSecond: 100 });
    assert.equal(outputs[2].override, null);
  });

  it('CONVKIT_LIMITS=... npx convkit start, as written, starts and serves', async () => {
    const [line] = shLines('docs/server.md', 'CONVKIT_LIMITS=');
    assert.ok(line);
    // The documented line on a free port of this machine and this test's database.
    const child = spawn('sh', ['-c', line], { cwd: root, env: { ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no start line: ${output}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          const match = /Convkit is running at (\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      assert.equal((await fetch(`${url}/health`)).status, 200);
    } finally {
      // The shell runs npx, which runs the CLI: end its whole process group.
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('npm run convkit -- help lists every command README.md names', async () => {
    const named = /`npm run convkit -- help` lists\s+every command \(([^)]*)\)/.exec(doc('README.md'))?.[1];
    assert.ok(named, 'README names the commands');
    const { stdout } = await run('npm run convkit -- help', { cwd: root, env });
    for (const command of named.split(',').map((c) => c.trim().replaceAll('`', ''))) assert.match(stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
  });
});
