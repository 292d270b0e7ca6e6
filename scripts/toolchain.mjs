// Project-local toolchain: Node 24 and pnpm installed from the npm registry into .tools/.
// The machine's own Node may be 20 (MikroORM 7, better-sqlite3 13 and @web/test-runner need
// >= 22), and corepack cannot verify pnpm's signature offline, so neither is relied on.
// Plain Node 20 JavaScript with no dependencies: this runs before anything is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '12.21.0';
const tools = join(root, '.tools');

function log(message) {
  process.stderr.write(`[convkit] ${message}\n`);
}

function npmInstall(prefix, spec) {
  log(`installing ${spec} into ${prefix}`);
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--prefix', prefix, spec], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

function installedVersion(packageDir) {
  const file = join(packageDir, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** Installs (once) and returns the directory holding the project's Node 24 binary. */
function ensureNode() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(tools, 'node', 'node_modules', pkg);
  if (installedVersion(dir) !== NODE_VERSION) npmInstall(join(tools, 'node'), `${pkg}@${NODE_VERSION}`);
  return dir;
}

function ensurePnpm() {
  const prefix = join(tools, 'pnpm');
  if (installedVersion(join(prefix, 'node_modules', 'pnpm')) !== PNPM_VERSION) npmInstall(prefix, `pnpm@${PNPM_VERSION}`);
  return join(prefix, 'node_modules', '.bin');
}

/**
 * Returns an environment whose PATH starts with the project's Node 24 and pnpm, and whose
 * native-addon builds use Node 24's headers (the machine's npmrc points at Node 20's).
 */
export function toolchainEnv() {
  const nodeDir = ensureNode();
  const pnpmBin = ensurePnpm();
  return {
    ...process.env,
    PATH: [join(nodeDir, 'bin'), pnpmBin, join(root, 'node_modules', '.bin'), process.env.PATH].join(':'),
    npm_config_nodedir: nodeDir,
    COREPACK_ENABLE_STRICT: '0',
  };
}
