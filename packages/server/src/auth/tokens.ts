// Host-signed user tokens: HS256 JWTs signed with the workspace's secret. The host's backend
// mints them for its signed-in user; the browser never sees the secret.
import { SignJWT, decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { Role } from '@convkit/sdk/protocol';
import { AppError } from '../errors.js';
import { TOKEN_MAX_LENGTH, checkSlugClaim, checkSubClaim, checkTextClaim, checkTimeClaim, refused } from './claims.js';

export interface TokenClaims {
  /** The workspace's slug. */
  wsp: string;
  /** The host's id for the user. */
  sub: string;
  name?: string;
  email?: string;
  role?: Role;
}

export interface VerifiedToken extends TokenClaims {
  exp: number;
  /**
   * When the host minted it (`iat`, else `exp`), seconds: of two tokens of one user, the role
   * and name of the one issued later win, whichever is presented last.
   */
  issuedAt: number;
}

/**
 * The workspace and user a token names, unverified: only for choosing a key (a penalty, a
 * refusal worded for the right user), never for trust. Null when it names neither.
 */
export function unverifiedClaims(token: unknown): { wsp: string; sub: string } | null {
  if (typeof token !== 'string' || token.length > TOKEN_MAX_LENGTH) return null;
  try {
    const { wsp, sub } = decodeJwt(token);
    return typeof wsp === 'string' && typeof sub === 'string' ? { wsp, sub } : null;
  } catch {
    return null;
  }
}

/**
 * Reads the workspace a token claims, before verifying it (to pick the secret to verify with).
 * Nothing here is trusted yet: the claim is checked by shape before it reaches a query.
 */
export function claimedWorkspace(token: string): string {
  if (token.length > TOKEN_MAX_LENGTH) throw refused(`it is longer than ${TOKEN_MAX_LENGTH} characters.`);
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token);
  } catch {
    throw refused('it is not a JWT.');
  }
  return checkSlugClaim(claims.wsp);
}

/**
 * Verifies signature, algorithm (HS256 only: `none` and every other algorithm are refused) and
 * expiry (`exp` is required). A token signed with workspace A's secret claiming B fails here.
 */
export async function verifyToken(token: string, secret: string): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'wsp'] });
    const role = payload.role === 'admin' ? 'admin' : 'agent';
    const name = checkTextClaim('name', payload.name);
    const email = checkTextClaim('email', payload.email);
    return {
      wsp: checkSlugClaim(payload.wsp),
      sub: checkSubClaim(payload.sub),
      exp: checkTimeClaim('exp', payload.exp)!,
      issuedAt: checkTimeClaim('iat', payload.iat) ?? payload.exp!,
      role,
      ...(name ? { name } : {}),
      ...(email ? { email } : {}),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AppError('token_expired', 'The token has expired: ask the host for a new one.');
    throw new AppError('unauthenticated', 'The token is invalid: its signature, algorithm or claims were refused.');
  }
}

/** Mints a token the way a host backend would (CLI, demo page, tests). */
export async function mintToken(secret: string, claims: TokenClaims, ttlSeconds = 3600): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
