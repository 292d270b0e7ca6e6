// Compares two PNG screenshots pixel by pixel (pixelmatch: anti-aliased edges are not counted).
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface Comparison {
  sameSize: boolean;
  /** Pixels that differ beyond the colour threshold. */
  differing: number;
  total: number;
  /** The differing pixels in red over a faded copy, to look at when a comparison fails. */
  diff: Buffer | null;
}

export function comparePngs(expected: Buffer, actual: Buffer): Comparison {
  const a = PNG.sync.read(expected);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height) return { sameSize: false, differing: Number.NaN, total: b.width * b.height, diff: null };
  const out = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, b.data, out.data, a.width, a.height, { threshold: 0.1 });
  return { sameSize: true, differing, total: a.width * a.height, diff: differing > 0 ? PNG.sync.write(out) : null };
}
