// A command context for a user, without a socket: benchmarks time the server's own work.
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandContext } from '../commands/context.js';
import { runCommand, type RegistryCommand } from '../commands/registry.js';
import { authenticate } from '../auth/authenticate.js';
import type { ConvkitServer } from '../server.js';

export async function commandRunner(server: ConvkitServer, token: string) {
  const { actor } = await authenticate(server.orm, token);
  return <N extends RegistryCommand>(name: N, params: unknown) => {
    const ctx: CommandContext = { actor, em: server.orm.em.fork() as unknown as EntityManager, orm: server.orm, limits: server.limiter.limitsFor(actor.workspaceId, null), publish: () => {}, kickDispatcher: () => {}, providers: server.providers };
    return runCommand(ctx, name, params);
  };
}
