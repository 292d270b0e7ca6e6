// Socket.IO on Fastify's HTTP server: handshake auth with the host-signed token, one room per
// workspace, acknowledged commands through the shared registry, events after commit. Every
// packet passes the socket's rate gate before any work: a refused command is answered at once
// and a socket that keeps flooding is closed.
import type { ProviderServices } from '../commands/context.js';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { EntityManager } from '@mikro-orm/sql';
import type { ConversationFilter, Result, ServerEvent, ServerToClientEvents, ViewCounts } from '@convkit/sdk/protocol';
import type { Orm } from '../db/orm.js';
import { sqlAll } from '../db/sql.js';
import { AppError, toProtocolError } from '../errors.js';
import { authenticate, deactivated, userLimitKey, type Authenticated } from '../auth/authenticate.js';
import { currentActor } from '../auth/current-actor.js';
import { unverifiedClaims } from '../auth/tokens.js';
import { isRegistryCommand, runCommand } from '../commands/registry.js';
import { validateParams } from '../commands/validate.js';
import type { CommandContext } from '../commands/context.js';
import { toUserDto, toWorkspaceDto } from '../modules/dto.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';
import { penaltyKey, type RateLimiter } from '../limits/rate-limiter.js';
import { SocketGate } from '../limits/socket-gate.js';
import type { ServerLimits } from '../limits/limits.js';
import type { AddressOf } from '../http/client-address.js';
import type { Metrics } from '../metrics/metrics.js';
import { storableParams } from '../text/storable.js';
import { CountPush, type CountWatcher } from './count-push.js';
import { leavePresence, setPresence, type PresenceState } from './presence.js';

type Ack = (result: Result<unknown>) => void;
type ClientToServer = Record<string, (params: unknown, ack: Ack) => void>;
interface SocketData {
  auth: Authenticated;
  gate: SocketGate;
  limits: ServerLimits;
  expiryTimer?: ReturnType<typeof setTimeout>;
  closing?: boolean;
  countWatcher?: CountWatcher;
  /** The conversation this socket shows and whether its agent is typing there (presence.ts). */
  presence?: PresenceState;
}
/** Between the nodes of one deployment (through the Redis adapter): a workspace changed. */
interface NodeEvents {
  'workspace.changed': (workspaceId: string) => void;
}
type ConvSocket = Socket<ClientToServer, ServerToClientEvents, NodeEvents, SocketData>;

export const workspaceRoom = (workspaceId: string) => `ws:${workspaceId}`;
/** Each user's sockets, so an admin's deactivation closes them all, on every node. */
const userRoom = (workspaceId: string, userId: string) => `user:${workspaceId}:${userId}`;
export type SocketServer = Server<ClientToServer, ServerToClientEvents, NodeEvents, SocketData>;

// setTimeout cannot wait longer than 2^31-1 ms; longer-lived tokens are re-checked per command.
const MAX_TIMER_MS = 2 ** 31 - 1;
// The longest command is a 10,000-character body; a packet twice the size of a 1 MB string is
// still answered (too_long) rather than cutting the connection, and nothing larger is read.
const MAX_PACKET_BYTES = 2 * 1024 * 1024;
// Answers and events waiting for a client that does not read them (its network stalled, or it
// stopped reading on purpose). Past this many the socket is closed: the server holds what a
// client has not taken, and that must not grow without end. A reconnect catches up by events.
const MAX_UNSENT_PACKETS = 500;
const SLOW_READER_CHECK_MS = 5_000;

export interface RealtimeServices {
  kickDispatcher(): void;
  providers: ProviderServices;
  log(error: unknown): void;
  limiter: RateLimiter;
  metrics: Metrics;
  /** The client's address from the handshake (TRUST_PROXY applied). */
  addressOf: AddressOf;
}

export function attachSocketServer(httpServer: HttpServer, orm: Orm, services: RealtimeServices) {
  const { limiter } = services;
  // Commands at work on this node: closing waits for them before the database goes away.
  let working = 0;
  let drained: (() => void) | null = null;
  const io: SocketServer = new Server(httpServer, {
    path: '/socket.io/',
    serveClient: false,
    maxHttpBufferSize: MAX_PACKET_BYTES,
    // Embedded on host pages of any origin; the token, not the origin, is the credential.
    cors: { origin: true, credentials: false },
  });

  const countPush = new CountPush(orm, services.log);
  /** Set once the Redis adapter is in: other nodes hear of this node's writes. */
  let otherNodes = false;
  const publish = (workspaceId: string, events: ServerEvent[]) => {
    if (events.length === 0) return;
    for (const event of events) io.to(workspaceRoom(workspaceId)).emit('event', event);
    countPush.changed(workspaceId);
    if (otherNodes) io.serverSideEmit('workspace.changed', workspaceId);
  };
  io.on('workspace.changed', (workspaceId) => countPush.changed(workspaceId));

  io.use((socket, next) => {
    const refuse = (error: unknown) => {
      const protocolError = toProtocolError(error, services.log);
      next(Object.assign(new Error(protocolError.message), { data: protocolError }));
    };
    const ip = services.addressOf(socket.handshake.address, socket.handshake.headers);
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      // Before any query: the address's handshake budget, then a user closed for flooding.
      limiter.takeHandshake(ip);
      const claimed = unverifiedClaims(token);
      if (claimed) limiter.checkPenalty(penaltyKey(claimed.wsp, claimed.sub));
    } catch (error) {
      refuse(error);
      return;
    }
    authenticate(orm, token).then((auth) => {
      socket.data.auth = auth;
      socket.data.limits = limiter.limitsFor(auth.workspace.id, auth.workspace.rateLimits);
      socket.data.gate = new SocketGate(limiter, ip, userLimitKey(auth.workspace.id, auth.user.externalId), socket.data.limits);
      next();
    }, refuse);
  });

  // Events reach every socket of a workspace whether it reads them or not: check them all.
  const slowReaders = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) closeIfBackedUp(socket);
  }, SLOW_READER_CHECK_MS);
  slowReaders.unref();

  io.on('connection', (socket: ConvSocket) => {
    // The dispatcher first, synchronously: packets that arrive while we await below must find it.
    socket.onAny((name: string, ...args: unknown[]) => void handle(socket, name, args));
    socket.on('error', services.log);
    const { auth } = socket.data;
    socket.data.countWatcher = {
      id: socket.id,
      workspaceId: () => socket.data.auth.actor.workspaceId,
      userId: () => socket.data.auth.actor.userId,
      send: (filter, counts) => socket.emit('counts', { filter, counts }),
    };
    socket.on('disconnect', () => {
      clearTimeout(socket.data.expiryTimer);
      leavePresence(io, socket, workspaceRoom(socket.data.auth.actor.workspaceId));
      countPush.forget(socket.data.countWatcher!);
    });
    void socket.join([workspaceRoom(auth.actor.workspaceId), userRoom(auth.actor.workspaceId, auth.actor.userId)]);
    scheduleExpiry(socket);
    // The seq is read after joining the room, so no event falls between the two.
    void sendSession(socket).catch(services.log);
  });

  async function sendSession(socket: ConvSocket) {
    const { auth } = socket.data;
    const em = orm.em.fork() as unknown as EntityManager;
    const workspace = (await em.findOne(WorkspaceSchema, { id: auth.actor.workspaceId })) as Workspace;
    // Deactivated between its sign-in and joining its rooms: the deactivation's close missed it.
    const [user] = await sqlAll<{ deactivated_at: unknown }>(em, 'select deactivated_at from users where id = ?', [auth.actor.userId]);
    if (user?.deactivated_at !== null && user?.deactivated_at !== undefined) {
      socket.emit('session.closed', deactivated().toProtocol());
      socket.disconnect(true);
      return;
    }
    const { limits } = socket.data;
    socket.emit('session', {
      user: toUserDto(auth.user),
      workspace: toWorkspaceDto(workspace),
      latestEventSeq: workspace.lastEventSeq,
      // The tighter of the socket's and the agent's bucket: what one socket can count on.
      limits: {
        inFlight: Math.min(limits.inFlightPerSocket, limits.inFlightPerUser),
        burst: Math.min(limits.socketCommands.burst, limits.userCommands.burst),
        perSecond: Math.min(limits.socketCommands.perSecond, limits.userCommands.perSecond),
      },
    });
  }

  function scheduleExpiry(socket: ConvSocket) {
    clearTimeout(socket.data.expiryTimer);
    // A refresh answered after the socket closed must not leave a timer behind.
    if (socket.disconnected) return;
    const delay = socket.data.auth.expiresAt - Date.now();
    if (delay > MAX_TIMER_MS) return;
    socket.data.expiryTimer = setTimeout(() => {
      // A socket whose token expired stops being served; the SDK reconnects with a fresh token.
      socket.emit('session.expired');
      socket.disconnect(true);
    }, Math.max(0, delay));
  }

  /** Closes a socket that kept sending after being refused; its user waits out a penalty. */
  function closeForFlood(socket: ConvSocket) {
    if (socket.data.closing) return;
    socket.data.closing = true;
    const { auth } = socket.data;
    const retryAfterMs = limiter.penalize(penaltyKey(auth.workspace.slug, auth.user.externalId));
    const reason = new AppError('rate_limited', `This connection kept sending commands after being told to slow down, so it was closed: reconnect in ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs });
    socket.emit('session.closed', reason.toProtocol());
    socket.disconnect(true);
  }

  /** Closes a socket whose unsent answers and events pile up; true when it did. */
  function closeIfBackedUp(socket: ConvSocket): boolean {
    const unsent = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
    if (unsent <= MAX_UNSENT_PACKETS) return false;
    socket.data.closing = true;
    socket.disconnect(true);
    return true;
  }

  async function handle(socket: ConvSocket, name: string, args: unknown[]) {
    if (socket.data.closing || closeIfBackedUp(socket)) return;
    const ack = args.at(-1);
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
    // Every packet counts, acknowledged or not, known or not: a flood of junk is still a flood.
    const admission = socket.data.gate.admit(socket.data.limits);
    if (!admission.ok) {
      reply({ ok: false, error: admission.error.toProtocol() });
      if (admission.flood) closeForFlood(socket);
      return;
    }
    working++;
    try {
      if (typeof ack !== 'function') return;
      const params = args.length > 1 ? args[0] : undefined;
      const { auth } = socket.data;
      if (Date.now() >= auth.expiresAt) throw new AppError('token_expired', 'The token has expired: ask the host for a new one.');
      if (name === 'session.refresh') {
        reply({ ok: true, data: await refreshSession(socket, params) });
        return;
      }
      if (name === 'presence.set') {
        reply({ ok: true, data: await setPresence(io, socket, orm, workspaceRoom(auth.actor.workspaceId), params) });
        return;
      }
      if (!isRegistryCommand(name)) throw new AppError('unknown_command', `Unknown command "${name}".`);
      const current = await currentActor(orm, auth.actor, auth.signedWith);
      socket.data.auth = { ...socket.data.auth, actor: current.actor };
      socket.data.limits = limiter.limitsFor(current.actor.workspaceId, current.rateLimits);
      const ctx: CommandContext = {
        actor: current.actor,
        em: orm.em.fork() as unknown as EntityManager,
        orm,
        limits: socket.data.limits,
        publish: (events) => publish(auth.actor.workspaceId, events),
        kickDispatcher: services.kickDispatcher,
        providers: services.providers,
        reportProgress: (progress) => socket.emit('bulk.progress', progress),
      };
      const data = await services.metrics.command(name, () => runCommand(ctx, name, params));
      // The socket is told when these counts change from now on (count-push.ts), unless it left
      // while they were counted (its watch would never be forgotten). The filter is the one the
      // handler counted, cleaned of text that cannot be stored.
      if (name === 'conversations.counts' && socket.connected) countPush.watch(socket.data.countWatcher!, storableParams((params ?? {}) as ConversationFilter), data as ViewCounts);
      reply({ ok: true, data });
    } catch (error) {
      reply({ ok: false, error: toProtocolError(error, services.log) });
    } finally {
      admission.release();
      if (--working === 0) drained?.();
    }
  }

  /** Resolves once no command is at work, or after `timeoutMs`: a shutdown must end. */
  function drain(timeoutMs = 10_000): Promise<void> {
    if (working === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      drained = () => {
        clearTimeout(timer);
        drained = null;
        resolve();
      };
    });
  }

  /**
   * A new token for the same user of the same workspace replaces the socket's one. Its role and
   * name apply from the next command on (authenticate writes them to the user row).
   */
  async function refreshSession(socket: ConvSocket, params: unknown) {
    validateParams('session.refresh', params);
    const { token } = params as { token: string };
    const current = socket.data.auth;
    const claimed = unverifiedClaims(token);
    if (claimed && claimed.wsp !== current.workspace.slug) throw new AppError('forbidden', 'The new token is for another workspace.');
    if (claimed && claimed.sub !== current.user.externalId) throw new AppError('forbidden', 'The new token is for another user.');
    const next = await authenticate(orm, token);
    if (next.workspace.id !== current.workspace.id || next.user.id !== current.user.id) throw new AppError('forbidden', 'The new token is for another user.');
    socket.data.auth = next;
    scheduleExpiry(socket);
    return { expiresAt: new Date(next.expiresAt).toISOString(), user: toUserDto(next.user) };
  }

  return {
    io,
    publish,
    drain,
    /** With the Redis adapter: tell the other nodes of this one's writes, and hear of theirs. */
    shareChanges: () => (otherNodes = true),
    /** Closes every socket of a workspace on every node (its signing secret leaked and was replaced at once). */
    disconnectWorkspace: async (workspaceId: string) => {
      const room = io.in(workspaceRoom(workspaceId));
      room.emit('session.closed', new AppError('unauthenticated', "The workspace's signing secret was replaced: sign in again with a new token.").toProtocol());
      room.disconnectSockets(true);
    },
    /** Closes a user's sockets on every node, telling them why (an admin deactivated them). */
    disconnectUser: async (workspaceId: string, userId: string) => {
      const room = io.in(userRoom(workspaceId, userId));
      room.emit('session.closed', deactivated().toProtocol());
      room.disconnectSockets(true);
    },
    stop: () => {
      clearInterval(slowReaders);
      countPush.stop();
    },
  };
}
