import { startTestServer } from '@convkit/server/testing';
const t = await startTestServer({ seed: 'demo' });
const phones = Array.from({ length: 50 }, (_, i) => `+1555880${String(i).padStart(4, '0')}`);
const lat = [];
for (let i = 0; i < 3000; i++) {
  const s = performance.now();
  const r = await t.simulateSms({ from: phones[i % 50], body: `m ${i}` });
  if (r.status !== 200) throw new Error(String(r.status));
  if (i >= 100) lat.push(performance.now() - s);
}
lat.sort((a, b) => a - b);
console.log('POST->200 p50', lat[Math.floor(lat.length / 2)].toFixed(3));
await t.close();
const med = (a) => { const b = [...a].sort((x, y) => x - y); return b[Math.floor(b.length / 2)]; };
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
for (const [k, v] of globalThis.__prof ?? []) if (v.length > 100) console.log(k.replace(/\s+/g, ' ').padEnd(42), 'n', v.length, 'p50', med(v).toFixed(3), 'mean', mean(v).toFixed(3));
