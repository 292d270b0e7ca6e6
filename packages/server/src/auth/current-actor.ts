// The actor of a long-lived socket, as it stands now. A socket authenticates once, but the host
// may change an agent's role or name at any time (a new token used anywhere updates the user
// row): each command reads the row again, so a demoted admin is an agent at their next command,
// on every node, with no cache to invalidate. The same read brings the workspace's own rate
// limits, so a change to them is picked up without a query of its own.
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { parseJson, sqlAll } from '../db/sql.js';
import { AppError } from '../errors.js';
import type { Actor } from '../commands/context.js';
import { deactivated, secretFingerprint } from './authenticate.js';

export interface CurrentActor {
  actor: Actor;
  /** The workspace's own rate limits (null: the server's). */
  rateLimits: unknown;
}

export async function currentActor(orm: Orm, actor: Actor, signedWith: string): Promise<CurrentActor> {
  const em = orm.em.fork() as unknown as EntityManager;
  const [row] = await sqlAll<{ name: string; role: Actor['role']; deactivated_at: unknown; rate_limits: unknown; signing_secret: string; previous_signing_secret: string | null; previous_secret_until: unknown }>(
    em,
    'select u.name, u.role, u.deactivated_at, w.rate_limits, w.signing_secret, w.previous_signing_secret, w.previous_secret_until from users u join workspaces w on w.id = u.workspace_id where u.id = ? and u.workspace_id = ?',
    [actor.userId, actor.workspaceId],
  );
  if (!row) throw new AppError('unauthenticated', 'Your user no longer exists in this workspace: sign in again.');
  if (row.deactivated_at !== null) throw deactivated();
  // The socket's token was signed with a secret a rotation replaced, and its grace is over.
  const honoured = signedWith === secretFingerprint(row.signing_secret) || (row.previous_signing_secret !== null && Number(row.previous_secret_until) > Date.now() && signedWith === secretFingerprint(row.previous_signing_secret));
  if (!honoured) throw new AppError('unauthenticated', "The workspace's signing secret was replaced since this connection signed in: sign in again with a new token.");
  const next = row.name === actor.userName && row.role === actor.role ? actor : { ...actor, userName: row.name, role: row.role };
  return { actor: next, rateLimits: row.rate_limits === null ? null : parseJson(row.rate_limits) };
}
