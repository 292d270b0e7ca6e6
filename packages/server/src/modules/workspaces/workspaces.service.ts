import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { newId } from '../../db/columns.js';
import type { Orm } from '../../db/orm.js';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { SLUG_FORMAT } from '../../auth/claims.js';
import type { CommandContext } from '../../commands/context.js';
import { appendEvent, nextEventSeq } from '../events/event-log.js';
import { toWorkspaceDto } from '../dto.js';
import { WorkspaceSchema, type Workspace } from './workspace.entity.js';

export interface NewWorkspace {
  slug: string;
  name: string;
  /** Defaults to a random 256-bit secret. */
  signingSecret?: string;
  smsNumber?: string;
}

/** Creates a workspace with sandbox Twilio credentials (used to sign simulated webhooks). */
export async function createWorkspace(orm: Orm, input: NewWorkspace): Promise<Workspace> {
  if (!SLUG_FORMAT.test(input.slug)) throw new AppError('invalid_params', 'slug: lowercase letters, digits and dashes, at most 64.', { path: 'slug' });
  const em = orm.em.fork() as unknown as EntityManager;
  const workspace = em.create(WorkspaceSchema, {
    id: newId(),
    slug: input.slug,
    name: input.name,
    timezone: 'UTC',
    signingSecret: input.signingSecret ?? randomBytes(32).toString('base64url'),
    twilioAccountSid: `AC${randomBytes(16).toString('hex')}`,
    twilioAuthToken: randomBytes(16).toString('hex'),
    smsNumber: input.smsNumber ?? '+15550100000',
    lastEventSeq: 0,
    createdAt: Date.now(),
  }) as Workspace;
  await em.flush();
  return workspace;
}

export async function findWorkspaceBySlug(orm: Orm, slug: string): Promise<Workspace | null> {
  // Slugs arrive from URLs and tokens: one that cannot exist is not looked up.
  if (!SLUG_FORMAT.test(slug)) return null;
  const em = orm.em.fork() as unknown as EntityManager;
  return (await em.findOne(WorkspaceSchema, { slug })) as Workspace | null;
}

export async function updateWorkspace(ctx: CommandContext, params: CommandParams<'workspace.update'>): Promise<CommandResult<'workspace.update'>> {
  if (ctx.actor.role !== 'admin') throw new AppError('forbidden', 'Only admins change workspace settings.');
  const { result, events } = await writeTransaction(ctx.orm, async (em, events) => {
    const workspace = (await em.findOne(WorkspaceSchema, { id: ctx.actor.workspaceId })) as Workspace;
    if (params.recentDays !== undefined) workspace.recentDays = params.recentDays;
    const seq = await nextEventSeq(em, workspace.id);
    const dto = toWorkspaceDto(workspace);
    events.push(appendEvent(em, workspace.id, seq, 'workspace.updated', { workspace: dto }));
    return dto;
  });
  ctx.publish(events);
  return result;
}
