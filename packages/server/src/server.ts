// Builds the whole server (database, HTTP, Socket.IO, dispatcher) and listens.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerEvent } from '@convkit/sdk/protocol';
import { migrate, openOrm, type Orm } from './db/orm.js';
import type { ServerConfig } from './config.js';
import { app } from './app.js';
import { attachSocketServer, type SocketServer } from './realtime/socket-server.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { MediaFetcher, type MediaFetcherOptions } from './modules/attachments/media-fetcher.js';
import { ChannelRegistry } from './channels/registry.js';
import { SandboxAdapter } from './channels/sandbox.js';
import { EmailAdapter } from './channels/email/email-adapter.js';
import { seedDemo } from './seed/demo.js';
import { RateLimiter } from './limits/rate-limiter.js';
import { clientAddressResolver, trustFunction } from './http/client-address.js';
import { answerFrameworkError, MAX_URL_BYTES } from './http/error-handler.js';
import { useRedisAdapter, type RedisLink } from './realtime/redis-adapter.js';
import { Metrics } from './metrics/metrics.js';
import { InboundWriter } from './modules/messages/inbound-writer.js';
import { closeCountIndex } from './modules/conversations/count-index.js';
import { closePipelinedPool } from './db/pipelined-pool.js';
import { sqlAll } from './db/sql.js';
import { Keyring } from './secrets/keyring.js';
import { WorkspaceChannels } from './channels/workspace-channels.js';
import { WebhookCredentialsCache } from './channels/twilio/webhook-credentials.js';
import { applyDeliveryReport } from './modules/messages/delivery-report.js';
import { twilioDeliveryReport } from './channels/twilio/status.js';
import { SandboxCalls } from './modules/calls/sandbox-calls.js';
import { applyCallProgress } from './modules/calls/call-entry.js';
import { CallReconciler, type CallReconcilerOptions } from './channels/twilio/call-reconciler.js';
import type { ProviderServices } from './commands/context.js';
import { WebhookOutbox } from './modules/webhooks/webhook-outbox.js';
import { StreamHub } from './realtime/event-stream.js';

export interface ConvkitServer {
  fastify: FastifyInstance;
  orm: Orm;
  dispatcher: Dispatcher;
  /** Fetches inbound media after the webhook is answered. */
  mediaFetcher: MediaFetcher;
  /** Looks up at Twilio the calls whose ending never arrived. */
  callReconciler: CallReconciler;
  sandbox: SandboxAdapter;
  /** What commands reaching a provider use; its sandboxCalls make up click-to-call's progress without one. */
  providers: ProviderServices;
  /** The adapter each channel sends through (the sandbox until one is registered). */
  channels: ChannelRegistry;
  /** This node's rate limiter (tests read its state). */
  limiter: RateLimiter;
  /** This node's /v1/stream connections. */
  streams: StreamHub;
  /** Posts the workspaces' events to their webhook endpoints. */
  webhooks: WebhookOutbox;
  /** The Socket.IO server (tests reach in to simulate lost packets). */
  io: SocketServer;
  metrics: Metrics;
  config: ServerConfig;
  /** The base URL clients and providers use. */
  url: string;
  close(): Promise<void>;
}

export async function createServer(config: ServerConfig, options: { orm?: Orm; seedDemo?: boolean; logger?: boolean; /** Tests: a file size cap, name resolution. */ mediaFetch?: Pick<MediaFetcherOptions, 'maxBytes' | 'resolve' | 'retryMs' | 'sweepEveryMs'>; /** Tests: calls looked up sooner. */ callReconcile?: Pick<CallReconcilerOptions, 'staleMs' | 'pollMs'>; /** Tests: event streams pinged (and their keys checked) sooner. */ streamHeartbeatMs?: number } = {}): Promise<ConvkitServer> {
  // Before anything opens: a key that cannot be read or parsed stops the start, saying why.
  const keyring = Keyring.load(config.secretKey);
  const orm = options.orm ?? (await openOrm(config.database));
  await migrate(orm);
  if (options.seedDemo) await seedDemo(orm, { signingSecret: process.env.CONVKIT_DEMO_SECRET });

  const fastify = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, serializers: { err: loggableError } },
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
  let sockets = () => 0;
  const metrics = new Metrics({ orm, sockets: () => sockets(), writeQueue: () => inbound.waiting });
  // Work no request waits for: its errors are logged, counted, and survived.
  const log = (error: unknown) => {
    metrics.backgroundError();
    fastify.log.error({ err: error }, 'background error');
  };
  let publish: (workspaceId: string, events: ServerEvent[]) => void = () => {};
  const publishLater = (workspaceId: string, events: ServerEvent[]) => publish(workspaceId, events);
  const sandbox = new SandboxAdapter({
    onSend: (message) => fastify.log.info({ messageId: message.id, channel: message.channel }, 'sandbox delivery (nothing left this machine)'),
    // The report a real provider would post, in Twilio's words, through the status callbacks' own path.
    report: async (message, params) => {
      const report = twilioDeliveryReport(message.workspaceId, message.id, params);
      if (report) await applyDeliveryReport(orm, publishLater, { ...report, provider: 'sandbox' }).catch(log);
    },
    deliveryMs: config.sandboxDeliveryMs,
  });
  const channels = new ChannelRegistry(sandbox);
  // Email replies go through the SMTP relay when one is set; otherwise the sandbox takes them.
  const mailer = config.email.smtpUrl && config.email.from ? new EmailAdapter({ smtpUrl: config.email.smtpUrl, from: config.email.from }) : null;
  if (mailer) channels.register('email', mailer);
  const state = { url: config.publicUrl };
  const sandboxCalls = new SandboxCalls((workspaceId, messageId, progress) => applyCallProgress(orm, publishLater, workspaceId, messageId, progress).catch(log), config.sandboxDeliveryMs);
  const providers: ProviderServices = { keyring, twilioApiUrl: config.twilioApiUrl, publicUrl: () => state.url, sandboxCalls };
  const workspaceChannels = new WorkspaceChannels(keyring, channels, { twilioApiUrl: config.twilioApiUrl, publicUrl: () => state.url, leaseMs: config.outboxLeaseMs });
  const dispatcher = new Dispatcher(orm, workspaceChannels, publishLater, log, config.outboxLeaseMs, config.outboxRetryMs);
  const twilioCredentials = new WebhookCredentialsCache(orm, keyring);
  const mediaFetcher = new MediaFetcher(orm, publishLater, log, { keyring, twilioApiUrl: config.twilioApiUrl, ...options.mediaFetch });
  const callReconciler = new CallReconciler(orm, publishLater, log, { keyring, twilioApiUrl: config.twilioApiUrl, ...options.callReconcile });
  const limiter = new RateLimiter(config.limits);
  const streams = new StreamHub(orm, log, options.streamHeartbeatMs);
  const webhooks = new WebhookOutbox(orm, keyring, publishLater, log, { ...config.webhooks, leaseMs: config.outboxLeaseMs });
  const inbound = new InboundWriter(orm, (workspaceId, events) => publish(workspaceId, events), config.limits.inboundWaiting, log);
  let redis: RedisLink | null = null;
  let disconnectUser: (workspaceId: string, userId: string) => Promise<void> = async () => {};
  let disconnectWorkspace: (workspaceId: string) => Promise<void> = async () => {};

  await fastify.register(app, {
    orm,
    demo: config.demo,
    publicUrl: () => state.url,
    publish: (workspaceId, events) => publish(workspaceId, events),
    webhooks: config.webhooks,
    webhookEndpointsChanged: () => webhooks.endpointsChanged(),
    streams,
    kickDispatcher: () => dispatcher.kick(),
    kickMediaFetcher: () => mediaFetcher.kick(),
    providers,
    limiter,
    metrics,
    metricsToken: config.metricsToken,
    emailInboundSecret: config.email.inboundSecret,
    corsOrigins: config.corsOrigins,
    adminKey: config.adminKey,
    disconnectUser: (workspaceId, userId) => disconnectUser(workspaceId, userId),
    disconnectWorkspace: (workspaceId) => disconnectWorkspace(workspaceId),
    inbound,
    twilioCredentials,
    twilioSettings: { orm, keyring, twilioApiUrl: config.twilioApiUrl },
    health: async () => ({ database: await databaseReachable(orm), redis: redis ? await redis.ping() : null }),
  });
  const realtime = attachSocketServer(fastify.server, orm, { kickDispatcher: () => dispatcher.kick(), providers, log, limiter, metrics, addressOf: clientAddressResolver(config.trustProxy) });
  // Every committed event may be due at a webhook endpoint and on this node's event streams.
  publish = (workspaceId, events) => {
    realtime.publish(workspaceId, events);
    if (events.length) {
      webhooks.eventsCommitted();
      streams.wake(workspaceId);
    }
  };
  disconnectUser = realtime.disconnectUser;
  disconnectWorkspace = realtime.disconnectWorkspace;
  sockets = () => realtime.io.engine.clientsCount;
  if (config.redisUrl) {
    try {
      redis = await useRedisAdapter(realtime.io, config.redisUrl, log);
      realtime.shareChanges();
    } catch (error) {
      // Nothing listens yet: give back what was opened, then say why the server cannot start.
      realtime.stop();
      streams.close();
      await realtime.io.close();
      await fastify.close().catch(() => {});
      if (!options.orm) await orm.close();
      limiter.close();
      throw error;
    }
  }

  await fastify.listen({ host: config.host, port: config.port });
  const address = fastify.server.address();
  if (config.port === 0 && address && typeof address === 'object') {
    // An ephemeral port (tests): the public URL is only known now.
    state.url = `http://127.0.0.1:${address.port}`;
  }
  dispatcher.start();
  mediaFetcher.start();
  callReconciler.start();
  webhooks.start();

  return {
    fastify,
    orm,
    dispatcher,
    mediaFetcher,
    callReconciler,
    webhooks,
    streams,
    sandbox,
    providers,
    channels,
    limiter,
    io: realtime.io,
    metrics,
    config,
    get url() {
      return state.url;
    },
    async close() {
      await dispatcher.stop();
      await mediaFetcher.stop();
      await callReconciler.stop();
      await webhooks.stop();
      sandbox.stop();
      mailer?.close();
      sandboxCalls.stop();
      realtime.stop();
      streams.close();
      await realtime.io.close();
      await realtime.drain();
      await redis?.close();
      await fastify.close().catch(() => {});
      closeCountIndex(orm);
      await closePipelinedPool(orm);
      await orm.close();
      limiter.close();
    },
  };
}

/**
 * What a log keeps of an error: its kind, message, code and stack. Never the rest: an HTTP
 * library's error carries the request it made, Authorization header (a provider's secret) included.
 */
export function loggableError(error: Error): { type: string; message: string; stack: string; [key: string]: unknown } {
  const code = (error as { code?: unknown }).code;
  return { type: error?.name ?? 'Error', message: error?.message ?? String(error), ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}), stack: error?.stack ?? '' };
}

async function databaseReachable(orm: Orm): Promise<boolean> {
  try {
    await sqlAll(orm.em.fork() as never, 'select 1');
    return true;
  } catch {
    return false;
  }
}
