// A real Convkit server for tests (server, SDK, elements, end to end): a fresh database,
// migrated and optionally seeded, listening on an ephemeral loopback port.
import type { Role } from '@convkit/sdk/protocol';
import { createServer, type ConvkitServer } from '../server.js';
import { configFromEnv } from '../config.js';
import { mintToken } from '../auth/tokens.js';
import { seedDemo } from '../seed/demo.js';
import { createWorkspace, findWorkspaceBySlug, setWorkspaceLimits } from '../modules/workspaces/workspaces.service.js';
import { postSimulatedSms } from '../channels/twilio/simulator.js';
import { createTestDatabase, type TestDatabaseKind } from './databases.js';
import { DEFAULT_LIMITS, mergeLimits, type LimitsOverride } from '../limits/limits.js';
import type { TrustProxy } from '../http/client-address.js';
import { generateSecretKey } from '../secrets/keyring.js';

export { coversStorageAgnosticTests, createTestDatabase, testDatabaseKind, type TestDatabaseKind } from './databases.js';
export { generateConversations, type GenerateOptions } from './generate.js';
export { generateThread, type GenerateThreadOptions } from './generate-thread.js';
export { generateEmail, type GenerateEmailOptions } from './generate-email.js';
export { commandRunner } from './command-context.js';
/** The view counts by a full SQL recount: the reference the maintained counts are checked and measured against. */
export { recountConversations } from '../modules/conversations/conversations.service.js';
import type { MediaFetcherOptions } from '../modules/attachments/media-fetcher.js';
import type { CallReconcilerOptions } from '../channels/twilio/call-reconciler.js';
export { startTwilioApi, type TwilioApi, type ScriptedAnswer } from '../test-support/twilio-api.js';
export { startServerProcess, type ServerProcess, type ServerProcessOptions } from './server-process.js';

export interface TestServerOptions {
  seed?: 'demo' | 'empty';
  database?: TestDatabaseKind;
  /** Rate limits over the defaults, e.g. { socketCommands: { burst: 5, perSecond: 2 } }. */
  limits?: LimitsOverride;
  /** TRUST_PROXY for per-address limits (tests stand in for a proxy with X-Forwarded-For). */
  trustProxy?: TrustProxy;
  /** REDIS_URL: events go through Redis, as with more than one node. */
  redisUrl?: string;
  /** CONVKIT_METRICS_TOKEN: /metrics wants it as a bearer token. */
  metricsToken?: string;
  /** CONVKIT_OUTBOX_RETRY_MS: the first pause before a send refused for now is tried again. */
  outboxRetryMs?: number;
  /** CONVKIT_OUTBOX_LEASE_MS: how long a claimed send is this node's before it may be claimed again. */
  outboxLeaseMs?: number;
  /** CONVKIT_TWILIO_API_URL: a loopback server that speaks Twilio's REST API (test-support/twilio-api.ts). */
  twilioApiUrl?: string;
  /** CONVKIT_SANDBOX_DELIVERY_MS: how long after a sandbox send its delivery report comes. */
  sandboxDeliveryMs?: number;
  /** CONVKIT_CORS_ORIGINS: host pages whose scripts may call the REST API. */
  corsOrigins?: string[] | '*';
  /** CONVKIT_SMTP_URL, CONVKIT_EMAIL_FROM and CONVKIT_EMAIL_INBOUND_SECRET: replies by SMTP, inbound mail's webhook. */
  email?: { smtpUrl?: string; from?: string; inboundSecret?: string };
  /** Inbound media fetching: a smaller size cap, shorter pauses, or a resolver that points Twilio's host names elsewhere. */
  mediaFetch?: Pick<MediaFetcherOptions, 'maxBytes' | 'resolve' | 'retryMs' | 'sweepEveryMs'>;
  /** How often /v1/stream pings its sockets and checks their keys (30 s by default). */
  streamHeartbeatMs?: number;
  /** Outgoing webhooks: retried sooner, given up sooner (the defaults: 30 s, a day). Private addresses are always allowed (receivers run on loopback). */
  webhooks?: { retryMs?: number; retryForMs?: number };
  /** CONVKIT_ADMIN_KEY: the operator's key for /v1/admin. */
  adminKey?: string;
  /** Calls whose ending never arrived: looked up this long after they began, and how often to look. */
  callReconcile?: Pick<CallReconcilerOptions, 'staleMs' | 'pollMs'>;
}

export interface TokenOptions {
  workspace?: string;
  user?: string;
  name?: string;
  role?: Role;
  ttlSeconds?: number;
}

export interface TestServer {
  url: string;
  server: ConvkitServer;
  token(options?: TokenOptions): Promise<string>;
  /**
   * A signed inbound message, as Twilio posts it. `whatsapp` sends it over WhatsApp: `from` may
   * then be a WhatsApp user id ("US.1349…"), and `userId` beside a number names both.
   */
  simulateSms(input: { from: string; body: string; workspace?: string; messageSid?: string; whatsapp?: boolean | { userId?: string; profileName?: string } }): Promise<{ status: number; messageSid: string; body: string }>;
  /** A new workspace; `limits` are its own rate limits (as `convkit limits --set` stores them). */
  createWorkspace(slug: string, limits?: LimitsOverride): Promise<void>;
  /** Stops the server and starts it again on the same database and key (a new port, so a new `url`). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = await createTestDatabase(options.database, { migrated: true });
  const limits = mergeLimits(DEFAULT_LIMITS, options.limits ?? null);
  const config = configFromEnv({}, {
    database: db.database,
    host: '127.0.0.1',
    port: 0,
    demo: false,
    logLevel: 'silent',
    limits,
    trustProxy: options.trustProxy ?? false,
    redisUrl: options.redisUrl ?? null,
    metricsToken: options.metricsToken ?? null,
    // Each test server its own key, never a file left behind.
    secretKey: { key: generateSecretKey(), file: '' },
    twilioApiUrl: options.twilioApiUrl ?? null,
    corsOrigins: options.corsOrigins ?? [],
    adminKey: options.adminKey ?? null,
    webhooks: { retryMs: options.webhooks?.retryMs ?? 30_000, retryForMs: options.webhooks?.retryForMs ?? 86_400_000, allowPrivate: true },
    email: { smtpUrl: options.email?.smtpUrl ?? null, from: options.email?.from ?? null, inboundSecret: options.email?.inboundSecret ?? null },
    ...(options.outboxRetryMs !== undefined ? { outboxRetryMs: options.outboxRetryMs } : {}),
    ...(options.outboxLeaseMs !== undefined ? { outboxLeaseMs: options.outboxLeaseMs } : {}),
    ...(options.sandboxDeliveryMs !== undefined ? { sandboxDeliveryMs: options.sandboxDeliveryMs } : {}),
  });
  const serverOptions = { logger: false, ...(options.mediaFetch ? { mediaFetch: options.mediaFetch } : {}), ...(options.callReconcile ? { callReconcile: options.callReconcile } : {}), ...(options.streamHeartbeatMs ? { streamHeartbeatMs: options.streamHeartbeatMs } : {}) };
  let server = await createServer(config, serverOptions).catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  if (options.seed !== 'empty') await seedDemo(server.orm);

  const workspaceOf = async (slug: string) => {
    const workspace = await findWorkspaceBySlug(server.orm, slug);
    if (!workspace) throw new Error(`test server: no workspace "${slug}"`);
    return workspace;
  };

  return {
    get url() {
      return server.url;
    },
    get server() {
      return server;
    },
    async restart() {
      await server.close();
      server = await createServer(config, serverOptions);
    },
    async token({ workspace = 'demo', user = 'agent-1', name, role, ttlSeconds = 3600 } = {}) {
      const ws = await workspaceOf(workspace);
      return mintToken(ws.signingSecret, { wsp: ws.slug, sub: user, ...(name ? { name } : {}), ...(role ? { role } : {}) }, ttlSeconds);
    },
    async simulateSms({ from, body, workspace = 'demo', messageSid, whatsapp }) {
      const ws = await workspaceOf(workspace);
      return postSimulatedSms({
        baseUrl: server.url,
        workspaceSlug: ws.slug,
        accountSid: ws.twilioAccountSid!,
        authToken: ws.twilioAuthToken!,
        from,
        to: ws.smsNumber ?? '',
        body,
        ...(messageSid ? { messageSid } : {}),
        ...(whatsapp ? { whatsapp } : {}),
      });
    },
    async createWorkspace(slug, limits) {
      await createWorkspace(server.orm, { slug, name: slug });
      if (limits) await setWorkspaceLimits(server.orm, slug, server.config.limits, limits);
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}
