// `convkit limits`, run as an operator would against the database of a running server: the
// change is checked, stored, and applied by the server at each socket's next command.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { coversStorageAgnosticTests, startTestServer, type TestServer } from '../testing/index.js';
import { databaseEnv } from '../testing/database-env.js';
import { connectSocket } from '../test-support/clients.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./main.js', import.meta.url));

// Its subject is the command, not storage: the PostgreSQL suite runs it, to keep the two suites about as long.
if (coversStorageAgnosticTests('postgres')) {
  describe('convkit limits', () => {
    let t: TestServer;
    let env: NodeJS.ProcessEnv;
    before(async () => {
      t = await startTestServer({ seed: 'demo' });
      env = { ...process.env, ...databaseEnv(t.server.config.database) };
    });
    after(async () => t.close());

    const convkit = (...args: string[]) => run(process.execPath, [cli, 'limits', '--workspace', 'demo', ...args], { env });

    it('prints the limits in force, sets a workspace\'s own, and a running server applies them', async () => {
      const shown = JSON.parse((await convkit()).stdout);
      assert.equal(shown.override, null);
      assert.equal(shown.limits.socketCommands.burst, 200);

      const socket = await connectSocket(t.url, await t.token());
      assert.equal((await socket.request('labels.list', {})).ok, true);
      const set = JSON.parse((await convkit('--set', '{"socketCommands":{"burst":2,"perSecond":0.1}}')).stdout);
      assert.deepEqual(set.limits.socketCommands, { burst: 2, perSecond: 0.1 });
      assert.equal(set.limits.userCommands.burst, 400, 'the rest stay the server\'s');

      await socket.request('labels.list', {});
      const burst = await Promise.all(Array.from({ length: 4 }, () => socket.request('labels.list', {})));
      assert.ok(burst.some((r) => !r.ok && r.error.code === 'rate_limited'));

      const reset = JSON.parse((await convkit('--reset')).stdout);
      assert.equal(reset.override, null);
      socket.close();
    });

    it('refuses a limit above the ceiling or an unknown key, naming it, and stores nothing', async () => {
      await assert.rejects(convkit('--set', '{"socketCommands":{"burst":999999}}'), (error: Error & { code?: number; stderr?: string }) => {
        assert.equal(error.code, 2);
        assert.match(error.stderr ?? '', /limits\.socketCommands\.burst: at most 2000/);
        return true;
      });
      await assert.rejects(convkit('--set', '{"handshakes":{"burst":5}}'), (error: Error & { stderr?: string }) => /limits\.handshakes: not a limit a workspace can set/.test(error.stderr ?? ''));
      assert.equal(JSON.parse((await convkit()).stdout).override, null);
    });
  });
}
