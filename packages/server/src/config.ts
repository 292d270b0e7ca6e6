// Server configuration from the environment, read once at start.
import { resolve } from 'node:path';
import type { Database } from './db/orm.js';
import { limitsFromEnv, type ServerLimits } from './limits/limits.js';
import { trustProxyFromEnv, type TrustProxy } from './http/client-address.js';
import type { SecretKeySource } from './secrets/keyring.js';

export interface ServerConfig {
  database: Database;
  host: string;
  port: number;
  /** The URL providers call us at; webhook signatures are checked against it, not the request's. */
  publicUrl: string;
  /** Serve the demo host page and its helper routes (demo token minting, simulator). */
  demo: boolean;
  logLevel: string;
  /** Rate limits and caps (docs/server.md, "Limits"): the defaults under CONVKIT_LIMITS. */
  limits: ServerLimits;
  /** Which proxies' X-Forwarded-For to believe for a client's address (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** Redis shared by the nodes of one deployment (REDIS_URL): events reach sockets on every node. */
  redisUrl: string | null;
  /** How long a claimed send belongs to its node before another may retry it (CONVKIT_OUTBOX_LEASE_MS). */
  outboxLeaseMs: number;
  /**
   * The first pause before a send a provider refused for now (429, 5xx) is tried again; each
   * later one doubles, with jitter (CONVKIT_OUTBOX_RETRY_MS).
   */
  outboxRetryMs: number;
  /** When set (CONVKIT_METRICS_TOKEN), GET /metrics answers only `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** The key workspace secrets are sealed with (CONVKIT_SECRET_KEY, or a file in the data folder). */
  secretKey: SecretKeySource;
  /**
   * Where Twilio's REST API is reached (CONVKIT_TWILIO_API_URL); null: Twilio itself. Set to a
   * stand-in that speaks Twilio's API, to try a deployment without reaching Twilio.
   */
  twilioApiUrl: string | null;
  /** In sandbox mode, how long after a send its delivery report comes (CONVKIT_SANDBOX_DELIVERY_MS). */
  sandboxDeliveryMs: number;
  /** Email: how replies leave (SMTP) and how inbound mail is let in; every part null when unset. */
  email: EmailConfig;
  /**
   * The host pages' origins whose scripts may call the REST API (CONVKIT_CORS_ORIGINS, comma
   * separated, or "*" for any); empty: none but the server's own.
   */
  corsOrigins: string[] | '*';
  /** The operator's key for /v1/admin and `convkit admin` (CONVKIT_ADMIN_KEY, at least 32 characters); null: admin routes refused. */
  adminKey: string | null;
  /** Outgoing webhooks: how they are retried, and whether private addresses may take them. */
  webhooks: WebhookConfig;
}

export interface WebhookConfig {
  /** The first pause after a failed delivery (CONVKIT_WEBHOOK_RETRY_MS); each later one doubles, at most an hour. */
  retryMs: number;
  /** How long a delivery is retried before it fails and disables its endpoint (CONVKIT_WEBHOOK_RETRY_FOR_MS): a day. */
  retryForMs: number;
  /** Endpoints on loopback and private addresses are allowed (CONVKIT_WEBHOOKS_ALLOW_PRIVATE=1): a host backend on the server's own network. */
  allowPrivate: boolean;
}

function corsOriginsFromEnv(value: string | undefined): string[] | '*' {
  if (!value?.trim()) return [];
  if (value.trim() === '*') return '*';
  return value.split(',').map((part) => part.trim()).filter(Boolean).map((origin) => {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(`CONVKIT_CORS_ORIGINS: "${origin}" is no origin; give scheme, host and port only, e.g. https://crm.example.com`);
    }
    return origin;
  });
}

export interface EmailConfig {
  /** The SMTP relay replies go through (CONVKIT_SMTP_URL: smtp:// or smtps://user:password@host:port); null: sandbox. */
  smtpUrl: string | null;
  /** The address replies come from (CONVKIT_EMAIL_FROM), shown with the workspace's name. */
  from: string | null;
  /** The password of inbound mail's webhook (CONVKIT_EMAIL_INBOUND_SECRET); null: the webhook is closed. */
  inboundSecret: string | null;
}

function emailFromEnv(env: NodeJS.ProcessEnv): EmailConfig {
  const smtpUrl = env.CONVKIT_SMTP_URL || null;
  const from = env.CONVKIT_EMAIL_FROM || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error('CONVKIT_SMTP_URL: expected smtp://user:password@host:port or smtps://…');
  if (smtpUrl && !from) throw new Error('CONVKIT_EMAIL_FROM: the address replies come from, needed with CONVKIT_SMTP_URL (e.g. inbox@example.com)');
  if (from && !/^[^\s@<>]+@[^\s@<>]+$/.test(from)) throw new Error(`CONVKIT_EMAIL_FROM: expected an address like inbox@example.com (got "${from}")`);
  const inboundSecret = env.CONVKIT_EMAIL_INBOUND_SECRET || null;
  if (inboundSecret && inboundSecret.length < 16) throw new Error('CONVKIT_EMAIL_INBOUND_SECRET: at least 16 characters');
  return { smtpUrl, from, inboundSecret };
}

function adminKeyFromEnv(value: string | undefined): string | null {
  if (!value) return null;
  // A short key could be guessed through the API itself.
  if (value.length < 32) throw new Error('CONVKIT_ADMIN_KEY: at least 32 characters (generate one with: convkit secret-key)');
  return value;
}

/** A whole number of milliseconds from `name`, at least `min`; `fallback` when unset or empty. */
function millisecondsFromEnv(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < min) throw new Error(`${name}: expected milliseconds, at least ${min} (got "${value}")`);
  return ms;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  const dataDir = env.CONVKIT_DATA_DIR || 'data';
  const database: Database = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'sqlite', path: resolve(dataDir, 'convkit.db') };
  return {
    database,
    host,
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    demo: env.CONVKIT_DEMO === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    limits: limitsFromEnv(env.CONVKIT_LIMITS),
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    redisUrl: env.REDIS_URL || null,
    outboxLeaseMs: millisecondsFromEnv('CONVKIT_OUTBOX_LEASE_MS', env.CONVKIT_OUTBOX_LEASE_MS, 60_000, 1000),
    outboxRetryMs: millisecondsFromEnv('CONVKIT_OUTBOX_RETRY_MS', env.CONVKIT_OUTBOX_RETRY_MS, 2_000, 1),
    metricsToken: env.CONVKIT_METRICS_TOKEN || null,
    secretKey: { key: env.CONVKIT_SECRET_KEY || undefined, previous: env.CONVKIT_SECRET_KEY_PREVIOUS || undefined, file: resolve(dataDir, 'secret.key') },
    twilioApiUrl: env.CONVKIT_TWILIO_API_URL ? env.CONVKIT_TWILIO_API_URL.replace(/\/$/, '') : null,
    sandboxDeliveryMs: millisecondsFromEnv('CONVKIT_SANDBOX_DELIVERY_MS', env.CONVKIT_SANDBOX_DELIVERY_MS, 1_500, 0),
    email: emailFromEnv(env),
    corsOrigins: corsOriginsFromEnv(env.CONVKIT_CORS_ORIGINS),
    adminKey: adminKeyFromEnv(env.CONVKIT_ADMIN_KEY),
    webhooks: {
      retryMs: millisecondsFromEnv('CONVKIT_WEBHOOK_RETRY_MS', env.CONVKIT_WEBHOOK_RETRY_MS, 30_000, 1),
      retryForMs: millisecondsFromEnv('CONVKIT_WEBHOOK_RETRY_FOR_MS', env.CONVKIT_WEBHOOK_RETRY_FOR_MS, 86_400_000, 1_000),
      allowPrivate: env.CONVKIT_WEBHOOKS_ALLOW_PRIVATE === '1' || env.CONVKIT_WEBHOOKS_ALLOW_PRIVATE === 'true',
    },
    ...overrides,
  };
}
