// The operator's view of a workspace's agents: list them (service users of API keys are not
// agents and are not listed), deactivate one (their tokens are refused from then on, their open
// sockets closed by the caller) or activate them again.
import type { EntityManager } from '@mikro-orm/sql';
import type { User as UserDto } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import { toUserDto } from '../dto.js';
import { UserSchema, type User } from '../users/user.entity.js';
import type { Workspace } from '../workspaces/workspace.entity.js';

export async function listAgents(orm: Orm, workspace: Workspace): Promise<UserDto[]> {
  const em = orm.em.fork() as unknown as EntityManager;
  const users = (await em.find(UserSchema, { workspace: workspace.id, kind: 'agent' }, { orderBy: { name: 'asc', id: 'asc' } })) as User[];
  return users.map(toUserDto);
}

export async function setAgentActive(orm: Orm, workspace: Workspace, userId: string, active: boolean): Promise<UserDto> {
  const em = orm.em.fork() as unknown as EntityManager;
  const user = (await em.findOne(UserSchema, { id: userId, workspace: workspace.id, kind: 'agent' })) as User | null;
  if (!user) throw new AppError('not_found', 'No agent with this id in this workspace.', { path: 'id' });
  // Deactivating twice keeps the first time.
  if (active) user.deactivatedAt = null;
  else user.deactivatedAt ??= Date.now();
  await em.flush();
  return toUserDto(user);
}
