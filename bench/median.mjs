// The median time of `fn` over `runs` runs, after 20 to warm up: what the micro-benchmarks print.
import { performance } from 'node:perf_hooks';

export function median(fn, runs = 200) {
  for (let i = 0; i < 20; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
