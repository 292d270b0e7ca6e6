#!/usr/bin/env node
// The README's commands: `npm start`, `npm test`, `npm run build`, `npm run bench`.
// Each one sets up the project-local toolchain, installs and builds what is stale, then runs.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, toolchainEnv } from './toolchain.mjs';
import { runTestSuites } from './test-suites.mjs';
import { buildStorybook } from './storybook-build.mjs';

const command = process.argv[2] ?? 'start';
const env = toolchainEnv();

function run(cmd, args, options = {}) {
  execFileSync(cmd, args, { cwd: root, env, stdio: 'inherit', ...options });
}

function install() {
  // The lockfile is committed and the registry here is a partial mirror: never re-resolve.
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
}

function build() {
  run('pnpm', ['-r', '--reporter=append-only', 'run', 'build']);
  // After the packages: Storybook reads the elements' custom-elements.json. Served at /storybook/.
  const storybook = buildStorybook(root, env);
  console.log(storybook.built ? `storybook-static/ built in ${(storybook.ms / 1000).toFixed(1)} s (served at /storybook/)` : 'storybook-static/ is up to date');
}

function exec(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

switch (command) {
  case 'start':
    install();
    build();
    exec('node', [join('packages', 'server', 'dist', 'cli', 'main.js'), 'start', '--demo', ...process.argv.slice(3)]);
    break;
  case 'build':
    install();
    build();
    break;
  case 'test': {
    install();
    build();
    const { passed, failed } = await runTestSuites(env, process.argv.slice(3));
    // CI counts tests from this line: keep it plain and last.
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed > 0 || passed === 0 ? 1 : 0);
    break;
  }
  case 'bench':
    install();
    build();
    exec('node', [join('bench', 'run.mjs'), ...process.argv.slice(3)]);
    break;
  case 'cli':
    if (!existsSync(join(root, 'packages', 'server', 'dist', 'cli', 'main.js'))) {
      install();
      build();
    }
    exec('node', [join('packages', 'server', 'dist', 'cli', 'main.js'), ...process.argv.slice(3)]);
    break;
  default:
    console.error(`unknown command "${command}": use start, test, build, bench or cli`);
    process.exit(2);
}
