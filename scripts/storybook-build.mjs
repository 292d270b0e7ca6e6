// The static Storybook that `npm run build` (and so `npm start` and `npm test`) writes to
// storybook-static/, which the server serves at /storybook/. Skipped when nothing it is built
// from changed since the last complete build: the stamp file's mtime is set to when that build
// started, so a file edited during a build is newer than the stamp and triggers the next one.
// Directories count too (their mtime changes when a file is added, removed or renamed).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = '.convkit-build-stamp';

/** What the site is built from: its config, the stories and every source they import. */
function inputs(root) {
  return [
    join(root, '.storybook'),
    join(root, 'packages', 'elements', 'src'),
    join(root, 'packages', 'elements', 'package.json'),
    join(root, 'packages', 'elements', 'custom-elements-manifest.config.mjs'),
    join(root, 'packages', 'sdk', 'src'),
    join(root, 'pnpm-lock.yaml'),
    join(root, 'scripts', 'storybook-build.mjs'),
  ];
}

/** The newest mtime under `path` (files and directories), 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  let time = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      // Written by the elements' build from the sources already counted here.
      if (entry === 'generated' || entry === 'node_modules') continue;
      time = Math.max(time, newest(join(path, entry)));
    }
  }
  return time;
}

/** Builds into <root>/storybook-static unless it is up to date. Returns what it did. */
export function buildStorybook(root, env) {
  const out = join(root, 'storybook-static');
  const stamp = join(out, STAMP);
  const inputTime = Math.max(...inputs(root).map(newest));
  if (existsSync(join(out, 'index.html')) && existsSync(stamp) && statSync(stamp).mtimeMs >= inputTime) {
    return { built: false, ms: 0 };
  }
  const started = Date.now();
  const elements = join(root, 'packages', 'elements');
  try {
    // Its output lists every asset: kept out of the build log unless the build fails.
    execFileSync(join(elements, 'node_modules', '.bin', 'storybook'), ['build', '-c', '../../.storybook', '-o', out, '--disable-telemetry', '--quiet'], {
      cwd: elements,
      env: { ...env, STORYBOOK_DISABLE_TELEMETRY: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? ''));
    throw error;
  }
  // Only a complete build leaves a stamp (storybook build empties the folder first).
  writeFileSync(stamp, `built ${new Date(started).toISOString()}\n`);
  utimesSync(stamp, started / 1000, started / 1000);
  return { built: true, ms: Date.now() - started };
}
