// Token -> actor. The workspace comes from the verified token only; the user row is created
// or refreshed from the token's claims (the host is the source of truth for its users).
import type { EntityManager } from '@mikro-orm/sql';
import { createHash } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import { newId } from '../db/columns.js';
import { runTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import type { Actor } from '../commands/context.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';
import { UserSchema, type User } from '../modules/users/user.entity.js';
import { claimedWorkspace, verifyToken, type VerifiedToken } from './tokens.js';
import { storableLine } from '../text/storable.js';

export interface Authenticated {
  actor: Actor;
  user: User;
  workspace: Workspace;
  /** Token expiry, epoch ms (the grace's end, when the token was signed with the secret a rotation replaced). */
  expiresAt: number;
  /** Which of the workspace's secrets verified the token (a fingerprint): a socket's commands stop once it is no longer honoured. */
  signedWith: string;
}

/** A token verified against its workspace's secret; nothing written yet. */
export interface VerifiedCredentials {
  workspace: Workspace;
  claims: VerifiedToken;
  /** The secret that verified it: the current one, or the replaced one with the end of its grace. */
  secret: { fingerprint: string; until: number | null };
}

/** A secret's fingerprint: tells secrets apart without keeping them. */
export const secretFingerprint = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 16);

/** Verifies a token: its workspace, signature, expiry and claims. Reads, never writes. */
export async function verifyCredentials(orm: Orm, token: unknown): Promise<VerifiedCredentials> {
  if (typeof token !== 'string' || !token) throw new AppError('unauthenticated', 'A token is required (handshake auth.token or Authorization: Bearer).');
  const slug = claimedWorkspace(token);
  const em = orm.em.fork() as unknown as EntityManager;
  const workspace = (await em.findOne(WorkspaceSchema, { slug })) as Workspace | null;
  // An unknown workspace and a bad signature look the same from outside.
  if (!workspace) throw new AppError('unauthenticated', 'The token is invalid: its signature, algorithm or claims were refused.');
  return { workspace, ...(await verifyWithSecrets(token, workspace)) };
}

/**
 * Verifies against the workspace's secret, then against the one it replaced while the rotation's
 * grace period lasts: tokens the host minted just before rotating keep working until they expire
 * or the grace ends, whichever is first.
 */
async function verifyWithSecrets(token: string, workspace: Workspace): Promise<Pick<VerifiedCredentials, 'claims' | 'secret'>> {
  try {
    return { claims: await verifyToken(token, workspace.signingSecret), secret: { fingerprint: secretFingerprint(workspace.signingSecret), until: null } };
  } catch (error) {
    const previous = workspace.previousSigningSecret;
    const until = workspace.previousSecretUntil ?? 0;
    if (!previous || until <= Date.now() || !(error instanceof AppError) || error.code !== 'unauthenticated') throw error;
    return { claims: await verifyToken(token, previous), secret: { fingerprint: secretFingerprint(previous), until } };
  }
}

/** The key of a user's rate budget, known as soon as a token is verified (before any write). */
export const userLimitKey = (workspaceId: string, externalId: string) => `${workspaceId}\n${externalId}`;

export async function authenticate(orm: Orm, token: unknown): Promise<Authenticated> {
  return signIn(orm, await verifyCredentials(orm, token));
}

export const deactivated = () => new AppError('unauthenticated', 'Your account in this workspace has been deactivated: ask an admin of the workspace to reactivate it.');

/** Creates or refreshes the user row from verified claims: the host is the source of truth. */
export async function signIn(orm: Orm, { workspace, claims, secret }: VerifiedCredentials): Promise<Authenticated> {
  const user = await runTransaction(orm, async (tx) => {
    const existing = (await tx.findOne(UserSchema, { workspace: workspace.id, externalId: claims.sub })) as User | null;
    // Without a name claim the host's id stands in, on one line like every name.
    const name = claims.name ?? existing?.name ?? storableLine(claims.sub);
    const role = claims.role ?? 'agent';
    const email = claims.email ?? existing?.email ?? null;
    if (existing?.kind === 'service') throw new AppError('unauthenticated', 'The token names the user of an API key: a token is for an agent.');
    if (existing?.deactivatedAt) throw deactivated();
    if (existing) {
      // An older token (a tab that was not refreshed) must not undo a newer one's demotion.
      if (claims.issuedAt < (existing.claimsIssuedAt ?? 0)) return existing;
      if (existing.name !== name || existing.role !== role || existing.email !== email || existing.claimsIssuedAt !== claims.issuedAt) {
        Object.assign(existing, { name, role, email, claimsIssuedAt: claims.issuedAt });
      }
      return existing;
    }
    return tx.create(UserSchema, {
      id: newId(),
      workspace: tx.getReference(WorkspaceSchema, workspace.id),
      externalId: claims.sub,
      name,
      email,
      role,
      claimsIssuedAt: claims.issuedAt,
      createdAt: Date.now(),
    }) as User;
  });
  return {
    actor: { workspaceId: workspace.id, userId: user.id, userName: user.name, role: user.role },
    user,
    workspace,
    expiresAt: Math.min(claims.exp * 1000, secret.until ?? Number.POSITIVE_INFINITY),
    signedWith: secret.fingerprint,
  };
}
