import { changedTexts } from '../custom-texts.js';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { newId } from '../../db/columns.js';
import type { Orm } from '../../db/orm.js';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { SLUG_FORMAT, isStorableSlug } from '../../auth/claims.js';
import { pickWorkspace, workspaceLimits, type LimitsOverride, type ServerLimits, type WorkspaceLimits } from '../../limits/limits.js';
import type { CommandContext } from '../../commands/context.js';
import { toWorkspaceDto } from '../dto.js';
import { isTimeZone } from '../schedule/quiet-hours.js';
import { storableLine } from '../../text/storable.js';
import { sqlAll } from '../../db/sql.js';
import { WorkspaceSchema, type Workspace } from './workspace.entity.js';
import { changedVoiceSettings, voiceSettingsOf } from '../calls/voice-settings.js';

export interface NewWorkspace {
  slug: string;
  name: string;
  /** Defaults to a random 256-bit secret. */
  signingSecret?: string;
  smsNumber?: string;
  timezone?: string;
}

/** Creates a workspace with sandbox Twilio credentials (used to sign simulated webhooks). */
export async function createWorkspace(orm: Orm, input: NewWorkspace): Promise<Workspace> {
  if (!SLUG_FORMAT.test(input.slug)) throw new AppError('invalid_params', 'slug: lowercase letters, digits and dashes, at most 64.', { path: 'slug' });
  const em = orm.em.fork() as unknown as EntityManager;
  const workspace = em.create(WorkspaceSchema, {
    id: newId(),
    slug: input.slug,
    name: input.name,
    timezone: input.timezone ?? 'UTC',
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
  if (!isStorableSlug(slug)) return null;
  const em = orm.em.fork() as unknown as EntityManager;
  return (await em.findOne(WorkspaceSchema, { slug })) as Workspace | null;
}

export async function updateWorkspace(ctx: CommandContext, params: CommandParams<'workspace.update'>): Promise<CommandResult<'workspace.update'>> {
  if (ctx.actor.role !== 'admin') throw new AppError('forbidden', 'Only admins change workspace settings.');
  const { result, events } = await writeTransaction(ctx.orm, ctx.actor.workspaceId, async (em, events) => {
    const workspace = (await em.findOne(WorkspaceSchema, { id: ctx.actor.workspaceId })) as Workspace;
    if (params.recentDays !== undefined) workspace.recentDays = params.recentDays;
    if (params.timezone !== undefined) {
      if (!isTimeZone(params.timezone)) throw new AppError('invalid_params', `timezone: "${params.timezone.slice(0, 64)}" is no time zone; use an IANA name such as America/Chicago.`, { path: 'timezone' });
      workspace.timezone = params.timezone;
    }
    if (params.quietHours !== undefined) {
      if (params.quietHours && params.quietHours.start === params.quietHours.end) throw new AppError('invalid_params', 'quietHours: start and end are the same time; give a window, or null for none.', { path: 'quietHours' });
      workspace.quietHours = params.quietHours;
    }
    if (params.consentRequired !== undefined) workspace.consentRequired = params.consentRequired;
    if (params.helpText !== undefined) workspace.helpText = params.helpText === null ? null : storableLine(params.helpText).trim() || null;
    if (params.voice !== undefined) {
      const voice = changedVoiceSettings(voiceSettingsOf(workspace), params.voice);
      // Ringing one of the workspace's own numbers calls the workspace again, and again.
      if (voice.forwardTo && (await ownNumbers(em, workspace)).has(voice.forwardTo)) {
        throw new AppError('invalid_params', "voice.forwardTo: that is one of the workspace's own numbers; give the phone calls should ring.", { path: 'voice.forwardTo' });
      }
      workspace.voice = voice;
    }
    if (params.customValues !== undefined) workspace.customValues = changedTexts(workspace.customValues, params.customValues, 'customValues');
    events.add('workspace.updated', () => ({ workspace: toWorkspaceDto(workspace) }));
    return toWorkspaceDto(workspace);
  });
  ctx.publish(events);
  return result;
}

/** The numbers the workspace sends and takes calls on. */
async function ownNumbers(em: EntityManager, workspace: Workspace): Promise<Set<string>> {
  const [account] = await sqlAll<{ voice_number: string | null; messaging_numbers: unknown }>(em, 'select voice_number, messaging_numbers from twilio_accounts where workspace_id = ?', [workspace.id]);
  const messaging = typeof account?.messaging_numbers === 'string' ? (JSON.parse(account.messaging_numbers) as string[]) : ((account?.messaging_numbers as string[] | undefined) ?? []);
  return new Set([workspace.smsNumber, account?.voice_number, ...messaging].filter((n): n is string => !!n));
}

/**
 * Sets a workspace's own rate limits over the server's (`convkit limits`): `override` is laid
 * over what the workspace has, checked against LIMIT_CEILINGS; null goes back to the server's.
 * Running servers apply it at each socket's next command.
 */
export async function setWorkspaceLimits(orm: Orm, slug: string, server: ServerLimits, override: LimitsOverride | null): Promise<{ override: LimitsOverride | null; limits: WorkspaceLimits }> {
  const em = orm.em.fork() as unknown as EntityManager;
  const workspace = (await em.findOne(WorkspaceSchema, { slug })) as Workspace | null;
  if (!workspace) throw new AppError('not_found', `No workspace "${slug}".`);
  let next: LimitsOverride | null = null;
  if (override) {
    const current = (workspace.rateLimits ?? {}) as LimitsOverride;
    // Checked as a whole before it is stored: a bad value never reaches the running servers.
    next = mergeOverrides(current, override);
    workspaceLimits(server, next);
  }
  workspace.rateLimits = next as Record<string, unknown> | null;
  await em.flush();
  return { override: next, limits: pickWorkspace(workspaceLimits(server, next)) };
}

export async function workspaceLimitsOf(orm: Orm, slug: string, server: ServerLimits): Promise<{ override: LimitsOverride | null; limits: WorkspaceLimits }> {
  const workspace = await findWorkspaceBySlug(orm, slug);
  if (!workspace) throw new AppError('not_found', `No workspace "${slug}".`);
  const override = (workspace.rateLimits ?? null) as LimitsOverride | null;
  return { override, limits: pickWorkspace(workspaceLimits(server, override)) };
}

function mergeOverrides(current: LimitsOverride, change: LimitsOverride): LimitsOverride {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    const before = merged[key];
    merged[key] = value && typeof value === 'object' && before && typeof before === 'object' ? { ...before, ...value } : value;
  }
  return merged as LimitsOverride;
}
