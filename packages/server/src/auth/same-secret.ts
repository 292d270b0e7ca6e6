// Compares a presented secret with the expected one in time that does not depend on where they
// differ: both are hashed first, so their lengths do not show either.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
