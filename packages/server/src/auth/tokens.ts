// Host-signed user tokens: HS256 JWTs signed with the workspace's secret. The host's backend
// mints them for its signed-in user; the browser never sees the secret.
import { SignJWT, decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { Role } from '@convkit/sdk/protocol';
import { AppError } from '../errors.js';

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
}

/** Reads the workspace a token claims, before verifying it (to pick the secret to verify with). */
export function claimedWorkspace(token: string): string {
  try {
    const { wsp } = decodeJwt(token);
    if (typeof wsp === 'string' && wsp) return wsp;
  } catch {
    // fall through: malformed
  }
  throw new AppError('unauthenticated', 'The token is malformed or names no workspace (claim "wsp").');
}

/**
 * Verifies signature, algorithm (HS256 only: `none` and every other algorithm are refused) and
 * expiry (`exp` is required). A token signed with workspace A's secret claiming B fails here.
 */
export async function verifyToken(token: string, secret: string): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'wsp'] });
    const role = payload.role === 'admin' ? 'admin' : 'agent';
    return {
      wsp: String(payload.wsp),
      sub: String(payload.sub),
      exp: payload.exp!,
      role,
      ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
      ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
    };
  } catch (error) {
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
