// Runs every benchmark and prints its figures. Benchmarks print; they never pass or fail on time.
// `npm run bench` or `npm run bench -- inbound` for one.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = ['bundle-size.mjs', 'inbound-latency.mjs', 'inbound-throughput.mjs', 'list-queries.mjs', 'list-render.mjs', 'sms-count.mjs', 'merge-tags.mjs', 'thread-render.mjs', 'flood.mjs'];
const only = process.argv.slice(2);
let failed = false;
for (const bench of benches.filter((b) => only.length === 0 || only.some((o) => b.includes(o)))) {
  console.log(`\n## ${bench}`);
  const result = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
