// Token -> actor. The workspace comes from the verified token only; the user row is created
// or refreshed from the token's claims (the host is the source of truth for its users).
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { newId } from '../db/columns.js';
import { writeTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import type { Actor } from '../commands/context.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';
import { UserSchema, type User } from '../modules/users/user.entity.js';
import { claimedWorkspace, verifyToken } from './tokens.js';

export interface Authenticated {
  actor: Actor;
  user: User;
  workspace: Workspace;
  /** Token expiry, epoch ms. */
  expiresAt: number;
}

export async function authenticate(orm: Orm, token: unknown): Promise<Authenticated> {
  if (typeof token !== 'string' || !token) throw new AppError('unauthenticated', 'A token is required (handshake auth.token or Authorization: Bearer).');
  const slug = claimedWorkspace(token);
  const em = orm.em.fork() as unknown as EntityManager;
  const workspace = (await em.findOne(WorkspaceSchema, { slug })) as Workspace | null;
  // An unknown workspace and a bad signature look the same from outside.
  if (!workspace) throw new AppError('unauthenticated', 'The token is invalid: its signature, algorithm or claims were refused.');
  const claims = await verifyToken(token, workspace.signingSecret);
  const { result: user } = await writeTransaction(orm, async (tx) => {
    const existing = (await tx.findOne(UserSchema, { workspace: workspace.id, externalId: claims.sub })) as User | null;
    const name = claims.name ?? existing?.name ?? claims.sub;
    const role = claims.role ?? 'agent';
    const email = claims.email ?? existing?.email ?? null;
    if (existing) {
      if (existing.name !== name || existing.role !== role || existing.email !== email) Object.assign(existing, { name, role, email });
      return existing;
    }
    return tx.create(UserSchema, {
      id: newId(),
      workspace: tx.getReference(WorkspaceSchema, workspace.id),
      externalId: claims.sub,
      name,
      email,
      role,
      createdAt: Date.now(),
    }) as User;
  });
  return {
    actor: { workspaceId: workspace.id, userId: user.id, userName: user.name, role: user.role },
    user,
    workspace,
    expiresAt: claims.exp * 1000,
  };
}
