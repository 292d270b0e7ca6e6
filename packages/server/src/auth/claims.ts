// Limits and shapes of token claims. A claim that does not fit is refused with a reason
// (`unauthenticated`), before any query: the claims come from whoever holds a token, and the
// workspace claim is read before the signature is checked.
import { AppError } from '../errors.js';
import { charCount, storableLine } from '../text/storable.js';

/** New workspace slugs: lowercase letters, digits and dashes, at most 64. */
export const SLUG_FORMAT = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * What a slug looked up from a URL or a token must be: storable (a workspace made before slugs
 * had a format may hold other characters, and must still be found), at most 64.
 */
export function isStorableSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 64 && slug.isWellFormed() && !/[\u0000-\u001F\u007F-\u009F]/.test(slug);
}

/** The most characters each claim takes (the columns they are stored in). */
export const CLAIM_LIMITS = { sub: 200, name: 200, email: 320 } as const;

/** A whole token longer than this is not one a host minted. */
export const TOKEN_MAX_LENGTH = 8192;

// Identifiers must compare exactly: controls and lone surrogates are refused, never replaced.
const IDENTIFIER_UNSAFE = /[\u0000-\u001F\u007F-\u009F]|\p{Cs}/u;

export function refused(reason: string): AppError {
  return new AppError('unauthenticated', `The token was refused: ${reason}`);
}

export function checkSlugClaim(wsp: unknown): string {
  if (typeof wsp !== 'string' || !wsp) throw refused('it names no workspace (claim "wsp").');
  if (!isStorableSlug(wsp)) throw refused('claim "wsp" is not a workspace slug (at most 64 characters, no control characters).');
  return wsp;
}

export function checkSubClaim(sub: unknown): string {
  if (typeof sub !== 'string' || !sub) throw refused('claim "sub" (the host\'s id for the user) is required.');
  if (charCount(sub) > CLAIM_LIMITS.sub) throw refused(`claim "sub" is longer than ${CLAIM_LIMITS.sub} characters.`);
  if (IDENTIFIER_UNSAFE.test(sub)) throw refused('claim "sub" holds control characters or broken UTF-16.');
  return sub;
}

/** name and email are shown to people: made storable, but refused when over their limit. */
export function checkTextClaim(claim: 'name' | 'email', value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw refused(`claim "${claim}" must be a string.`);
  if (charCount(value) > CLAIM_LIMITS[claim]) throw refused(`claim "${claim}" is longer than ${CLAIM_LIMITS[claim]} characters.`);
  const text = storableLine(value).trim();
  return text || undefined;
}

/** The latest time a Date can hold, in seconds: a later `exp` or `iat` is no time at all. */
const LATEST_SECONDS = 8.64e12;

/** `exp` and `iat`: whole seconds a date can hold (jose has checked that they are numbers). */
export function checkTimeClaim(claim: 'exp' | 'iat', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > LATEST_SECONDS) throw refused(`claim "${claim}" is not a time in seconds.`);
  return value;
}
