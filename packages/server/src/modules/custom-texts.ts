// A contact's custom fields and a workspace's custom values (what merge tags read): changes by
// key, null removing one, kept as texts that store and display safely, at most 50 of them.
import { AppError } from '../errors.js';
import { storableLine } from '../text/storable.js';

const MAX_KEYS = 50;

/** `current` with `changes` applied; `path` names the field in an error. */
export function changedTexts(current: unknown, changes: Record<string, string | null>, path: string): Record<string, string> {
  const next: Record<string, string> = typeof current === 'object' && current && !Array.isArray(current) ? { ...(current as Record<string, string>) } : {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = storableLine(value).trim();
  }
  if (Object.keys(next).length > MAX_KEYS) throw new AppError('too_long', `${path}: at most ${MAX_KEYS} keys; remove some (null) to add others.`, { path, limit: MAX_KEYS });
  return next;
}
