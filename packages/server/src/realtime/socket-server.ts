// Socket.IO on Fastify's HTTP server: handshake auth with the host-signed token, one room per
// workspace, acknowledged commands through the shared registry, events after commit.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { EntityManager } from '@mikro-orm/sql';
import { COMMAND_NAMES, type Result, type ServerEvent, type ServerToClientEvents } from '@convkit/sdk/protocol';
import type { Orm } from '../db/orm.js';
import { AppError, toProtocolError } from '../errors.js';
import { authenticate, type Authenticated } from '../auth/authenticate.js';
import { claimedWorkspace, verifyToken } from '../auth/tokens.js';
import { isRegistryCommand, runCommand } from '../commands/registry.js';
import { validateParams } from '../commands/validate.js';
import type { CommandContext } from '../commands/context.js';
import { toUserDto, toWorkspaceDto } from '../modules/dto.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';

type Ack = (result: Result<unknown>) => void;
type ClientToServer = Record<string, (params: unknown, ack: Ack) => void>;
interface SocketData {
  auth: Authenticated;
  expiryTimer?: ReturnType<typeof setTimeout>;
}
type ConvSocket = Socket<ClientToServer, ServerToClientEvents, Record<string, never>, SocketData>;

export const workspaceRoom = (workspaceId: string) => `ws:${workspaceId}`;
export type SocketServer = Server<ClientToServer, ServerToClientEvents, Record<string, never>, SocketData>;

// setTimeout cannot wait longer than 2^31-1 ms; longer-lived tokens are re-checked per command.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RealtimeServices {
  kickDispatcher(): void;
  log(error: unknown): void;
}

export function attachSocketServer(httpServer: HttpServer, orm: Orm, services: RealtimeServices) {
  const io: SocketServer = new Server(httpServer, {
    path: '/socket.io/',
    serveClient: false,
    // Embedded on host pages of any origin; the token, not the origin, is the credential.
    cors: { origin: true, credentials: false },
  });

  const publish = (workspaceId: string, events: ServerEvent[]) => {
    for (const event of events) io.to(workspaceRoom(workspaceId)).emit('event', event);
  };

  io.use((socket, next) => {
    authenticate(orm, (socket.handshake.auth as { token?: unknown } | undefined)?.token).then(
      (auth) => {
        socket.data.auth = auth;
        next();
      },
      (error: unknown) => {
        const protocolError = toProtocolError(error, services.log);
        next(Object.assign(new Error(protocolError.message), { data: protocolError }));
      },
    );
  });

  io.on('connection', (socket: ConvSocket) => {
    // Handlers first, synchronously: packets that arrive while we await below must find them.
    for (const name of COMMAND_NAMES) socket.on(name, (params, ack) => void handle(socket, name, params, ack));
    socket.onAny((name: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (!(COMMAND_NAMES as readonly string[]).includes(name) && typeof ack === 'function') {
        (ack as Ack)({ ok: false, error: new AppError('unknown_command', `Unknown command "${name}".`).toProtocol() });
      }
    });
    socket.on('error', services.log);
    socket.on('disconnect', () => clearTimeout(socket.data.expiryTimer));
    const { auth } = socket.data;
    void socket.join(workspaceRoom(auth.actor.workspaceId));
    scheduleExpiry(socket);
    // The seq is read after joining the room, so no event falls between the two.
    void sendSession(socket).catch(services.log);
  });

  async function sendSession(socket: ConvSocket) {
    const { auth } = socket.data;
    const em = orm.em.fork() as unknown as EntityManager;
    const workspace = (await em.findOne(WorkspaceSchema, { id: auth.actor.workspaceId })) as Workspace;
    socket.emit('session', { user: toUserDto(auth.user), workspace: toWorkspaceDto(workspace), latestEventSeq: workspace.lastEventSeq });
  }

  function scheduleExpiry(socket: ConvSocket) {
    clearTimeout(socket.data.expiryTimer);
    const delay = socket.data.auth.expiresAt - Date.now();
    if (delay > MAX_TIMER_MS) return;
    socket.data.expiryTimer = setTimeout(() => {
      // A socket whose token expired stops being served; the SDK reconnects with a fresh token.
      socket.emit('session.expired');
      socket.disconnect(true);
    }, Math.max(0, delay));
  }

  async function handle(socket: ConvSocket, name: string, params: unknown, ack: unknown) {
    if (typeof ack !== 'function') return;
    const reply = ack as Ack;
    try {
      const { auth } = socket.data;
      if (Date.now() >= auth.expiresAt) throw new AppError('token_expired', 'The token has expired: ask the host for a new one.');
      if (name === 'session.refresh') {
        reply({ ok: true, data: await refreshSession(socket, params) });
        return;
      }
      if (!isRegistryCommand(name)) throw new AppError('unknown_command', `Unknown command "${name}".`);
      const ctx: CommandContext = {
        actor: auth.actor,
        em: orm.em.fork() as unknown as EntityManager,
        orm,
        publish: (events) => publish(auth.actor.workspaceId, events),
        kickDispatcher: services.kickDispatcher,
        reportProgress: (progress) => socket.emit('bulk.progress', progress),
      };
      reply({ ok: true, data: await runCommand(ctx, name, params) });
    } catch (error) {
      reply({ ok: false, error: toProtocolError(error, services.log) });
    }
  }

  /** A new token for the same user of the same workspace replaces the socket's one. */
  async function refreshSession(socket: ConvSocket, params: unknown) {
    validateParams('session.refresh', params);
    const { token } = params as { token: string };
    const current = socket.data.auth;
    if (claimedWorkspace(token) !== current.workspace.slug) throw new AppError('forbidden', 'The new token is for another workspace.');
    const claims = await verifyToken(token, current.workspace.signingSecret);
    if (claims.sub !== current.user.externalId) throw new AppError('forbidden', 'The new token is for another user.');
    socket.data.auth = { ...current, expiresAt: claims.exp * 1000 };
    scheduleExpiry(socket);
    return { expiresAt: new Date(claims.exp * 1000).toISOString() };
  }

  return { io, publish };
}
