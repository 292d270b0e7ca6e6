import type { EntityManager } from '@mikro-orm/sql';
import type { CommandResult } from '@convkit/sdk/protocol';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../../commands/context.js';
import { toUserDto } from '../dto.js';
import { UserSchema, type User } from './user.entity.js';

export async function listUsers(ctx: CommandContext): Promise<CommandResult<'users.list'>> {
  // API keys' service users are not agents: never listed, never assigned, never mentioned.
  const users = (await ctx.em.find(UserSchema, { workspace: ctx.actor.workspaceId, kind: 'agent' }, { orderBy: { name: 'asc' } })) as User[];
  return users.map(toUserDto);
}

/** Resolves user ids inside the workspace; an id of another workspace is not found. */
export async function findUsers(em: EntityManager, workspaceId: string, ids: string[], path: string): Promise<User[]> {
  if (ids.length === 0) return [];
  const users = (await em.find(UserSchema, { id: { $in: ids }, workspace: workspaceId, kind: 'agent', deactivatedAt: null })) as User[];
  if (users.length !== new Set(ids).size) throw new AppError('not_found', 'No active agent with this id in your workspace.', { path });
  return users;
}
