// Every test suite of the project, with their counts summed. The two server suites run side by
// side (each keeps about one core busy, and they share nothing: each test makes its own database);
// the browser suites run alone, so that pages are not starved of CPU.
// A suite whose runner prints no count, or exits non-zero with no failure counted, counts as
// one failure: a suite that silently ran nothing must not look green.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { root } from './toolchain.mjs';

const nodeTest = (pattern, concurrency) => [
  'node',
  ['--test', '--test-reporter=spec', '--test-timeout=120000', ...(concurrency ? [`--test-concurrency=${concurrency}`] : []), pattern],
];

/**
 * name, command, environment additions, how to read the counts. Suites that share a `group` run
 * at the same time. The SDK's files mostly wait (on reconnect back-off and rate-limit windows),
 * so four of them run at once.
 */
const suites = [
  { name: 'sdk', cmd: nodeTest('packages/sdk/test/dist/**/*.test.js', 4), counts: nodeCounts },
  { name: 'server on SQLite', group: 'server', cmd: nodeTest('packages/server/dist/**/*.test.js'), env: { CONVKIT_TEST_DB: 'sqlite' }, counts: nodeCounts },
  { name: 'server on PostgreSQL', group: 'server', cmd: nodeTest('packages/server/dist/**/*.test.js'), env: { CONVKIT_TEST_DB: 'postgres' }, counts: nodeCounts },
  { name: 'elements in Chromium', cmd: ['pnpm', ['--dir', 'packages/elements', 'exec', 'wtr']], counts: wtrCounts, browser: true },
  { name: 'end to end in Chromium', cmd: nodeTest('e2e/dist/**/*.test.js'), counts: nodeCounts, browser: true },
];

/** The runner's closing counts: the last "pass N" and "fail N" lines, wherever the failures' details leave them. */
function nodeCounts(output) {
  const pass = [...output.matchAll(/^\S*\s*pass (\d+)$/gm)].at(-1);
  const fail = [...output.matchAll(/^\S*\s*fail (\d+)$/gm)].at(-1);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

function wtrCounts(output) {
  const all = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
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

/** Runs one suite. `live` streams its output as it comes; otherwise the caller prints it. */
function runSuite(suite, env, live) {
  const started = Date.now();
  return new Promise((resolve) => {
    const [cmd, args] = suite.cmd;
    const child = spawn(cmd, args, { cwd: root, env: { ...env, ...suite.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (stream, sink) => stream.on('data', (chunk) => { output += chunk; if (live) sink.write(chunk); });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code, output, seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

/** The suites in running order: one alone, or the members of a group together. */
function batches(chosen) {
  const out = [];
  for (const suite of chosen) {
    const last = out.at(-1);
    if (suite.group && last?.[0].group === suite.group) last.push(suite);
    else out.push([suite]);
  }
  return out;
}

export async function runTestSuites(env, only) {
  let passed = 0;
  let failed = 0;
  const summary = [];
  const chosen = only.length ? suites.filter((s) => only.some((o) => s.name.includes(o))) : suites;
  for (const batch of batches(chosen)) {
    if (batch[0].browser && !ensureChromium()) {
      console.error(`[convkit] ${batch[0].name}: needs ${CHROMIUM}; install it with: apt-get install chromium`);
      failed += 1;
      summary.push(`${batch[0].name}: not run (no Chromium)`);
      continue;
    }
    console.log(`\n=== ${batch.map((s) => s.name).join(' and ')}${batch.length > 1 ? ' (side by side; the first streams, the others print after it)' : ''} ===`);
    const results = await Promise.all(batch.map((suite, i) => runSuite(suite, env, i === 0)));
    batch.forEach((suite, i) => {
      const { code, output, seconds } = results[i];
      if (i > 0) process.stdout.write(`\n=== ${suite.name} (ran alongside ${batch[0].name}) ===\n${output}`);
      let counts = suite.counts(output);
      if (!counts || (code !== 0 && counts.failed === 0)) counts = { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + 1 };
      passed += counts.passed;
      failed += counts.failed;
      summary.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed in ${seconds} s${code ? ` (exit ${code})` : ''}`);
    });
  }
  console.log('\n=== summary ===');
  for (const line of summary) console.log(`  ${line}`);
  return { passed, failed };
}
