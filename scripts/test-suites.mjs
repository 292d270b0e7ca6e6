// Every test suite of the project, run one after another with their counts summed.
// A suite whose runner prints no count, or exits non-zero with no failure counted, counts as
// one failure: a suite that silently ran nothing must not look green.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { root } from './toolchain.mjs';

const nodeTest = (pattern) => ['node', ['--test', '--test-reporter=spec', '--test-timeout=120000', pattern]];

/** name, command, environment additions, how to read the counts. */
const suites = [
  { name: 'sdk', cmd: nodeTest('packages/sdk/test/dist/**/*.test.js'), counts: nodeCounts },
  { name: 'server on SQLite', cmd: nodeTest('packages/server/dist/**/*.test.js'), env: { CONVKIT_TEST_DB: 'sqlite' }, counts: nodeCounts },
  { name: 'server on PostgreSQL', cmd: nodeTest('packages/server/dist/**/*.test.js'), env: { CONVKIT_TEST_DB: 'postgres' }, counts: nodeCounts },
  { name: 'elements in Chromium', cmd: ['pnpm', ['--dir', 'packages/elements', 'exec', 'wtr']], counts: wtrCounts, browser: true },
  { name: 'end to end in Chromium', cmd: nodeTest('e2e/dist/**/*.test.js'), counts: nodeCounts, browser: true },
];

function nodeCounts(output) {
  const pass = /^\S*\s*pass (\d+)$/m.exec(lastLines(output));
  const fail = /^\S*\s*fail (\d+)$/m.exec(lastLines(output));
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

function wtrCounts(output) {
  const all = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

function lastLines(output) {
  return output.split('\n').slice(-40).join('\n');
}

const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's Chromium when it is missing and we may (root with apt). */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() !== 0) return false;
  try {
    console.error('[convkit] Chromium is missing: installing it with apt-get (about a minute)');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
  } catch {
    return false;
  }
  return existsSync(CHROMIUM);
}

function runSuite(suite, env) {
  return new Promise((resolve) => {
    const [cmd, args] = suite.cmd;
    const child = spawn(cmd, args, { cwd: root, env: { ...env, ...suite.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (stream, sink) => stream.on('data', (chunk) => { output += chunk; sink.write(chunk); });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export async function runTestSuites(env, only) {
  let passed = 0;
  let failed = 0;
  const summary = [];
  const chosen = only.length ? suites.filter((s) => only.some((o) => s.name.includes(o))) : suites;
  for (const suite of chosen) {
    if (suite.browser && !ensureChromium()) {
      console.error(`[convkit] ${suite.name}: needs ${CHROMIUM}; install it with: apt-get install chromium`);
      failed += 1;
      summary.push(`${suite.name}: not run (no Chromium)`);
      continue;
    }
    console.log(`\n=== ${suite.name} ===`);
    const { code, output } = await runSuite(suite, env);
    let counts = suite.counts(output);
    if (!counts || (code !== 0 && counts.failed === 0)) counts = { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + 1 };
    passed += counts.passed;
    failed += counts.failed;
    summary.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed${code ? ` (exit ${code})` : ''}`);
  }
  console.log('\n=== summary ===');
  for (const line of summary) console.log(`  ${line}`);
  return { passed, failed };
}
