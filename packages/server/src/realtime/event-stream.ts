// GET /v1/stream: the workspace's events over a plain WebSocket (@fastify/websocket), for host
// backends with no Socket.IO client (Python, Go, Java…). An API key with `events:read` opens it
// (Authorization: Bearer), `?since=<seq>` resumes after that event; each message is one event,
// the same JSON a webhook posts. Every stream reads the event log itself, from its own place,
// whenever this node commits events and once a second for other nodes' (so order holds, and a
// slow reader neither loses events nor holds the server's memory: while its socket's buffer is
// full, reading waits).
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { sqlAll } from '../db/sql.js';
import { AppError } from '../errors.js';
import { bearerToken, serviceActor } from '../http/rest.js';
import { isApiKey, verifyApiKey, type VerifiedApiKey } from '../modules/api-keys/api-keys.js';
import { requireScope } from '../modules/api-keys/scopes.js';
import { eventEnvelope, type EventRow } from '../modules/events/event-envelope.js';

export const STREAM_PATH = '/v1/stream';
/** Events read from the log at a time. */
const PAGE = 200;
/** Reading pauses while this much is waiting in a socket's buffer. */
const HIGH_WATER_BYTES = 1024 * 1024;
/** How often streams look for other nodes' events, and wait out a full buffer. */
const POLL_MS = 1_000;
/** How often a stream is pinged, and its key checked again (revoked: the stream closes). */
const HEARTBEAT_MS = 30_000;
/** Streams open at once per workspace. */
export const MAX_STREAMS_PER_WORKSPACE = 20;
/** Close codes, beside the standard ones: the key was revoked. */
export const CLOSE_REVOKED = 4401;

class EventStream {
  #reading = false;
  #again = false;
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly key: VerifiedApiKey,
    private cursor: number,
    private readonly orm: Orm,
  ) {}

  get workspaceId(): string {
    return this.key.workspace.id;
  }

  /** Sends what the log holds after the cursor, page by page, until it is read or the buffer is full. */
  async pump(): Promise<void> {
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = true;
    try {
      do {
        this.#again = false;
        while (this.socket.readyState === this.socket.OPEN && this.socket.bufferedAmount < HIGH_WATER_BYTES) {
          const rows = await sqlAll<EventRow>(this.orm.em.fork() as unknown as EntityManager, 'select id, seq, type, payload, created_at from events where workspace_id = ? and seq > ? order by seq limit ?', [this.workspaceId, this.cursor, PAGE]);
          for (const row of rows) {
            this.socket.send(JSON.stringify(eventEnvelope(row, this.key.workspace.slug)));
            this.cursor = Number(row.seq);
          }
          if (rows.length < PAGE) break;
        }
      } while (this.#again);
    } finally {
      this.#reading = false;
    }
  }
}

export class StreamHub {
  readonly #streams = new Set<EventStream>();
  readonly #poll: ReturnType<typeof setInterval>;
  readonly #heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly orm: Orm,
    private readonly log: (error: unknown) => void,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    this.#poll = setInterval(() => this.#pumpAll(() => true), POLL_MS);
    this.#poll.unref();
    this.#heartbeat = setInterval(() => void this.#beat().catch(log), heartbeatMs);
    this.#heartbeat.unref();
  }

  count(workspaceId: string): number {
    return [...this.#streams].filter((s) => s.workspaceId === workspaceId).length;
  }

  open(socket: WebSocket, key: VerifiedApiKey, since: number): void {
    const stream = new EventStream(socket, key, since, this.orm);
    this.#streams.add(stream);
    socket.on('pong', () => (stream.alive = true));
    socket.on('close', () => this.#streams.delete(stream));
    // What a backend sends is not read: the stream goes one way.
    socket.on('message', () => {});
    void stream.pump().catch(this.log);
  }

  /** This node committed events of a workspace: its streams read them now. */
  wake(workspaceId: string): void {
    this.#pumpAll((s) => s.workspaceId === workspaceId);
  }

  close(): void {
    clearInterval(this.#poll);
    clearInterval(this.#heartbeat);
    this.closeStreams();
  }

  /** Closes every stream as a node going away does (1001): their backends reconnect with `since`. */
  closeStreams(): void {
    for (const stream of this.#streams) stream.socket.close(1001, 'The server is going away: reconnect with since=<the last seq you got>.');
    this.#streams.clear();
  }

  #pumpAll(which: (stream: EventStream) => boolean): void {
    for (const stream of this.#streams) if (which(stream)) void stream.pump().catch(this.log);
  }

  /** Pings every stream (one that did not answer the last ping is gone) and checks each key again. */
  async #beat(): Promise<void> {
    for (const stream of [...this.#streams]) {
      if (!stream.alive) {
        stream.socket.terminate();
        continue;
      }
      stream.alive = false;
      stream.socket.ping();
      const revoked = await sqlAll<{ id: string }>(this.orm.em.fork() as unknown as EntityManager, 'select id from api_keys where id = ? and revoked_at is not null', [stream.key.keyId]).catch(() => []);
      if (revoked.length) stream.socket.close(CLOSE_REVOKED, 'The API key was revoked.');
    }
  }
}

interface StreamRequest {
  Querystring: { since?: number };
}

/**
 * Registers /v1/stream. Upgrades for other paths (Socket.IO's) never reach @fastify/websocket:
 * it is given only this path's upgrades, since it would answer any other with a 404.
 */
export async function eventStreamRoutes(app: FastifyInstance, services: { orm: Orm; hub: StreamHub }): Promise<void> {
  const streamUpgrades = new EventEmitter();
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((request.url ?? '').split('?')[0] === STREAM_PATH) streamUpgrades.emit('upgrade', request, socket, head);
  });
  await app.register(websocket, { options: { server: streamUpgrades as never, maxPayload: 4096 } });
  const keys = new WeakMap<FastifyRequest, { key: VerifiedApiKey; since: number }>();

  app.get<StreamRequest>(
    STREAM_PATH,
    {
      websocket: true,
      // OpenAPI has no words for a WebSocket: docs/server.md ("The event stream") describes it.
      schema: {
        hide: true,
        querystring: { type: 'object', additionalProperties: false, properties: { since: { type: 'integer', minimum: 0, description: 'The last seq you have; left out: from now on.' } } },
      },
      // Refused before the upgrade, as an HTTP answer with the usual error body.
      preHandler: async (request) => {
        if (!request.ws) throw new AppError('invalid_params', 'This is a WebSocket: connect with an Upgrade request (ws:// or wss://).');
        const token = bearerToken(request);
        if (!isApiKey(token)) throw new AppError('unauthenticated', 'The event stream takes an API key (Authorization: Bearer ck_…), not an agent\'s token.');
        const key = await verifyApiKey(services.orm, token);
        requireScope(serviceActor(key).actor, 'events:read', 'open the event stream');
        const latest = Number(key.workspace.lastEventSeq);
        const since = request.query.since ?? latest;
        if (since > latest) throw new AppError('invalid_params', `since: ahead of the newest event (${latest}).`, { path: 'since' });
        if (services.hub.count(key.workspace.id) >= MAX_STREAMS_PER_WORKSPACE) throw new AppError('rate_limited', `A workspace has at most ${MAX_STREAMS_PER_WORKSPACE} event streams open: close one first.`, { retryAfterMs: 5_000 });
        keys.set(request, { key, since });
      },
    },
    (socket, request) => {
      const opened = keys.get(request)!;
      services.hub.open(socket, opened.key, opened.since);
    },
  );
}
