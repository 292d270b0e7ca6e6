// Builds the whole server (database, HTTP, Socket.IO, dispatcher) and listens.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerEvent } from '@convkit/sdk/protocol';
import { migrate, openOrm, type Orm } from './db/orm.js';
import type { ServerConfig } from './config.js';
import { app } from './app.js';
import { attachSocketServer, type SocketServer } from './realtime/socket-server.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { ChannelRegistry } from './channels/registry.js';
import { SandboxAdapter } from './channels/sandbox.js';
import { seedDemo } from './seed/demo.js';
import { RateLimiter } from './limits/rate-limiter.js';
import { clientAddressResolver, trustFunction } from './http/client-address.js';
import { answerFrameworkError, MAX_URL_BYTES } from './http/error-handler.js';

export interface ConvkitServer {
  fastify: FastifyInstance;
  orm: Orm;
  dispatcher: Dispatcher;
  sandbox: SandboxAdapter;
  /** This node's rate limiter (tests read its state). */
  limiter: RateLimiter;
  /** The Socket.IO server (tests reach in to simulate lost packets). */
  io: SocketServer;
  config: ServerConfig;
  /** The base URL clients and providers use. */
  url: string;
  close(): Promise<void>;
}

export async function createServer(config: ServerConfig, options: { orm?: Orm; seedDemo?: boolean; logger?: boolean } = {}): Promise<ConvkitServer> {
  const orm = options.orm ?? (await openOrm(config.database));
  await migrate(orm);
  if (options.seedDemo) await seedDemo(orm, { signingSecret: process.env.CONVKIT_DEMO_SECRET });

  const fastify = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // Ids are checked by format in the route schemas, at any length a request line can carry:
    // a long malformed id is invalid_params like a short one, never a different status.
    routerOptions: { maxParamLength: MAX_URL_BYTES },
    // Per-address limits need the client's address, not the proxy's (docs/server.md, "Limits").
    trustProxy: trustFunction(config.trustProxy),
    // A URL that cannot be decoded (broken percent-encoding) gets the same error shape as
    // every other refusal.
    frameworkErrors: answerFrameworkError,
    // A field the route does not know is refused, as on the socket, never silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const log = (error: unknown) => fastify.log.error({ err: error }, 'background error');
  const sandbox = new SandboxAdapter();
  const channels = new ChannelRegistry(sandbox);
  let publish: (workspaceId: string, events: ServerEvent[]) => void = () => {};
  const dispatcher = new Dispatcher(orm, channels, (workspaceId, events) => publish(workspaceId, events), log);
  const state = { url: config.publicUrl };
  const limiter = new RateLimiter(config.limits);

  await fastify.register(app, {
    orm,
    demo: config.demo,
    publicUrl: () => state.url,
    publish: (workspaceId, events) => publish(workspaceId, events),
    kickDispatcher: () => dispatcher.kick(),
    limiter,
  });
  const realtime = attachSocketServer(fastify.server, orm, { kickDispatcher: () => dispatcher.kick(), log, limiter, addressOf: clientAddressResolver(config.trustProxy) });
  publish = realtime.publish;

  await fastify.listen({ host: config.host, port: config.port });
  const address = fastify.server.address();
  if (config.port === 0 && address && typeof address === 'object') {
    // An ephemeral port (tests): the public URL is only known now.
    state.url = `http://127.0.0.1:${address.port}`;
  }
  dispatcher.start();

  return {
    fastify,
    orm,
    dispatcher,
    sandbox,
    limiter,
    io: realtime.io,
    config,
    get url() {
      return state.url;
    },
    async close() {
      await dispatcher.stop();
      realtime.stop();
      await realtime.io.close();
      await realtime.drain();
      await fastify.close().catch(() => {});
      await orm.close();
      limiter.close();
    },
  };
}
