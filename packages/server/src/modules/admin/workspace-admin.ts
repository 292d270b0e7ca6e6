// What the server's operator does to workspaces (admin REST and `convkit admin`): create, list
// and rename them, read and rotate their signing secret. Rotation keeps the previous secret for
// a grace period, so tokens minted just before it go on working while every host backend
// switches to the new secret.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import { retryReason } from '../../db/transaction.js';
import { storableLine } from '../../text/storable.js';
import { isTimeZone } from '../schedule/quiet-hours.js';
import { createWorkspace, findWorkspaceBySlug } from '../workspaces/workspaces.service.js';
import { WorkspaceSchema, type Workspace } from '../workspaces/workspace.entity.js';

/** The longest grace a rotation gives the old secret: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 24 * 3600;
/** By default the old secret is honoured for a day. */
export const DEFAULT_GRACE_SECONDS = 24 * 3600;

export interface WorkspaceAdminView {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  createdAt: string;
}

export interface SigningSecretView {
  signingSecret: string;
  /** Until when the secret before the last rotation is still honoured; null: it is not. */
  previousValidUntil: string | null;
}

export const toAdminView = (w: Workspace): WorkspaceAdminView => ({ id: w.id, slug: w.slug, name: w.name, timezone: w.timezone, createdAt: new Date(w.createdAt).toISOString() });

const fork = (orm: Orm) => orm.em.fork() as unknown as EntityManager;

/** The workspace of a slug from a URL, or not_found naming it. */
export async function workspaceOf(orm: Orm, slug: string): Promise<Workspace> {
  const workspace = await findWorkspaceBySlug(orm, slug);
  if (!workspace) throw new AppError('not_found', `No workspace "${slug.slice(0, 64)}" on this server.`, { path: 'slug' });
  return workspace;
}

function checkedName(name: unknown): string {
  const text = typeof name === 'string' ? storableLine(name).trim() : '';
  if (!text) throw new AppError('invalid_params', 'name: the workspace needs a name (the host account it serves).', { path: 'name' });
  return text;
}

function checkedTimezone(timezone: string): string {
  if (!isTimeZone(timezone)) throw new AppError('invalid_params', `timezone: "${timezone.slice(0, 64)}" is no time zone; use an IANA name such as America/Chicago.`, { path: 'timezone' });
  return timezone;
}

export async function listWorkspaces(orm: Orm): Promise<WorkspaceAdminView[]> {
  const workspaces = (await fork(orm).find(WorkspaceSchema, {}, { orderBy: { createdAt: 'asc', id: 'asc' } })) as Workspace[];
  return workspaces.map(toAdminView);
}

/** Creates a workspace in sandbox mode; its signing secret is in the answer (and readable later). */
export async function provisionWorkspace(orm: Orm, input: { slug: string; name: string; timezone?: string }): Promise<{ workspace: WorkspaceAdminView } & SigningSecretView> {
  const name = checkedName(input.name);
  const timezone = input.timezone === undefined ? 'UTC' : checkedTimezone(input.timezone);
  const taken = () => new AppError('conflict', `slug: a workspace "${input.slug}" exists already; choose another slug.`, { path: 'slug' });
  if (await findWorkspaceBySlug(orm, input.slug)) throw taken();
  let workspace: Workspace;
  try {
    workspace = await createWorkspace(orm, { slug: input.slug, name, timezone });
  } catch (error) {
    // Two creations racing for one slug: the unique index decides, the loser is told.
    if (retryReason(error) === 'unique') throw taken();
    throw error;
  }
  return { workspace: toAdminView(workspace), signingSecret: workspace.signingSecret, previousValidUntil: null };
}

export async function updateWorkspaceByAdmin(orm: Orm, slug: string, change: { name?: string; timezone?: string }): Promise<WorkspaceAdminView> {
  const em = fork(orm);
  const workspace = (await em.findOneOrFail(WorkspaceSchema, { id: (await workspaceOf(orm, slug)).id })) as Workspace;
  if (change.name !== undefined) workspace.name = checkedName(change.name);
  if (change.timezone !== undefined) workspace.timezone = checkedTimezone(change.timezone);
  await em.flush();
  return toAdminView(workspace);
}

const secretView = (w: Workspace): SigningSecretView => {
  const until = w.previousSigningSecret && (w.previousSecretUntil ?? 0) > Date.now() ? w.previousSecretUntil! : null;
  return { signingSecret: w.signingSecret, previousValidUntil: until === null ? null : new Date(until).toISOString() };
};

export async function readSigningSecret(orm: Orm, slug: string): Promise<SigningSecretView> {
  return secretView(await workspaceOf(orm, slug));
}

/**
 * A new secret; the current one stays valid for `graceSeconds` (0: refused at once, when it has
 * leaked). A rotation during another's grace ends that grace: only one previous secret is kept.
 */
export async function rotateSigningSecret(orm: Orm, slug: string, graceSeconds = DEFAULT_GRACE_SECONDS): Promise<SigningSecretView> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    throw new AppError('invalid_params', `graceSeconds: a whole number of seconds from 0 to ${MAX_GRACE_SECONDS} (30 days).`, { path: 'graceSeconds' });
  }
  const em = fork(orm);
  // A slug from a URL is looked up only when it could exist (no control characters).
  const workspace = (await em.findOneOrFail(WorkspaceSchema, { id: (await workspaceOf(orm, slug)).id })) as Workspace;
  workspace.previousSigningSecret = graceSeconds > 0 ? workspace.signingSecret : null;
  workspace.previousSecretUntil = graceSeconds > 0 ? Date.now() + graceSeconds * 1000 : null;
  workspace.signingSecret = randomBytes(32).toString('base64url');
  await em.flush();
  return secretView(workspace);
}
