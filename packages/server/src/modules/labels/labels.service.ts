import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../../commands/context.js';
import { toLabelDto } from '../dto.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { LabelSchema, type Label } from './label.entity.js';
import { storableLine } from '../../text/storable.js';

/** Resolves label ids inside the workspace; an id of another workspace is not found. */
export async function findLabels(em: EntityManager, workspaceId: string, ids: string[]): Promise<Label[]> {
  if (ids.length === 0) return [];
  const labels = (await em.find(LabelSchema, { id: { $in: ids }, workspace: workspaceId })) as Label[];
  if (labels.length !== ids.length) throw new AppError('not_found', 'No label with this id in your workspace.', { path: 'labelId' });
  return labels;
}

export async function listLabels(ctx: CommandContext): Promise<CommandResult<'labels.list'>> {
  const labels = (await ctx.em.find(LabelSchema, { workspace: ctx.actor.workspaceId }, { orderBy: { name: 'asc' } })) as Label[];
  return labels.map(toLabelDto);
}

export async function createLabel(ctx: CommandContext, params: CommandParams<'labels.create'>): Promise<CommandResult<'labels.create'>> {
  if (ctx.actor.role !== 'admin') throw new AppError('forbidden', 'Only admins manage labels.');
  const name = storableLine(params.name).trim();
  if (!name) throw new AppError('invalid_params', 'name: a label needs a name.', { path: 'name' });
  const { result, events } = await writeTransaction(ctx.orm, ctx.actor.workspaceId, async (em, events) => {
    const taken = await em.count(LabelSchema, { workspace: ctx.actor.workspaceId, name });
    if (taken > 0) throw new AppError('conflict', `A label named "${name}" exists already.`, { path: 'name' });
    const label = em.create(LabelSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, ctx.actor.workspaceId), name, color: params.color.toLowerCase(), createdAt: Date.now() }) as Label;
    events.add('label.created', () => ({ label: toLabelDto(label) }));
    return toLabelDto(label);
  });
  ctx.publish(events);
  return result;
}
