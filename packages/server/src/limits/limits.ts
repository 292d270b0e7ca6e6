// What one client may ask of the server, and how the numbers are chosen. The defaults leave an
// agent working fast far below every limit (opening the inbox sends about ten commands; a busy
// agent sends a few a second) and stop a runaway tab or script within a fraction of a second.
// Workspace-scoped limits can be changed per workspace (`convkit limits`); the rest are per
// server (CONVKIT_LIMITS).
import { AppError } from '../errors.js';

/** A token bucket: `burst` commands at once, refilled at `perSecond`. */
export interface Bucket {
  burst: number;
  perSecond: number;
}

/** Limits a workspace may set for itself (within LIMIT_CEILINGS). */
export interface WorkspaceLimits {
  /** Commands of one socket. */
  socketCommands: Bucket;
  /** Commands of one agent, over all their sockets and REST calls. */
  userCommands: Bucket;
  /** Commands of one socket being worked on at once; more are refused, never queued. */
  inFlightPerSocket: number;
  /** Commands of one agent being worked on at once, over all their sockets and REST calls. */
  inFlightPerUser: number;
}

/** Every limit of a server; per-IP ones protect the work done before a token is verified. */
export interface ServerLimits extends WorkspaceLimits {
  /** Socket commands from one IP address, over all its sockets (an office shares one). */
  ipCommands: Bucket;
  /** REST requests from one IP address per minute (@fastify/rate-limit). */
  restPerIpPerMinute: number;
  /** Socket handshakes (each verifies a token and writes the user row) from one IP address. */
  handshakes: Bucket;
  /** Webhook requests from one IP address that fail their signature or name no workspace. */
  webhookFailures: Bucket;
  /** Refusals a socket may collect before it is closed as a flood. */
  floodStrikes: Bucket;
  /** How long a socket closed as a flood, and its user, must wait before connecting again. */
  floodPenaltyMs: number;
  /** Inbound messages waiting for their commit on this node; more are answered 503 with Retry-After. */
  inboundWaiting: number;
  /**
   * The most events `events.since` replays to a caller that far behind; further behind, it
   * answers resync_required and the client reloads its views instead.
   */
  catchUpEvents: number;
  /** Bytes of files one agent (or API key) has uploaded and not yet sent with a message; more uploads are refused. */
  pendingUploadBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  socketCommands: { burst: 200, perSecond: 50 },
  userCommands: { burst: 400, perSecond: 100 },
  // Below the database pool (orm.ts): one socket can never take every connection.
  inFlightPerSocket: 8,
  inFlightPerUser: 16,
  ipCommands: { burst: 2000, perSecond: 500 },
  restPerIpPerMinute: 6000,
  handshakes: { burst: 300, perSecond: 20 },
  webhookFailures: { burst: 50, perSecond: 1 },
  // Well above what a client that ignores nothing can collect (its commands already on the
  // wire when the first refusal arrives), well below what a flood sends in a fraction of a second.
  floodStrikes: { burst: 300, perSecond: 10 },
  floodPenaltyMs: 30_000,
  // About two seconds of the most this node commits: a provider that waits longer should retry.
  inboundWaiting: 2000,
  // Twenty pages of events.since: past that, reloading the views is the quicker way back.
  catchUpEvents: 10_000,
  // Eight files at the largest an upload may be: more than any message carries.
  pendingUploadBytes: 200 * 1024 * 1024,
};

/** The most a workspace may raise its own limits to: past these it harms its neighbours. */
export const LIMIT_CEILINGS: WorkspaceLimits = {
  socketCommands: { burst: 2000, perSecond: 500 },
  userCommands: { burst: 4000, perSecond: 1000 },
  inFlightPerSocket: 256,
  inFlightPerUser: 512,
};

export type LimitsOverride = {
  [K in keyof ServerLimits]?: ServerLimits[K] extends Bucket ? Partial<Bucket> : ServerLimits[K];
};

/** `base` with `override` laid over it, each value checked; throws invalid_params naming the key. */
export function mergeLimits<T extends WorkspaceLimits>(base: T, override: unknown, ceilings?: WorkspaceLimits, path = 'limits'): T {
  if (override === undefined || override === null) return base;
  if (typeof override !== 'object' || Array.isArray(override)) throw new AppError('invalid_params', `${path}: must be an object`, { path });
  const merged = { ...base } as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(override)) {
    const current = (base as unknown as Record<string, unknown>)[key];
    const ceiling = (ceilings as unknown as Record<string, unknown> | undefined)?.[key];
    if (current === undefined || (ceilings && ceiling === undefined)) throw new AppError('invalid_params', `${path}.${key}: not a limit${ceilings ? ' a workspace can set' : ''}`, { path: `${path}.${key}` });
    if (typeof current === 'number') {
      merged[key] = checkNumber(value, `${path}.${key}`, ceiling as number | undefined, 1);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('invalid_params', `${path}.${key}: must be { burst, perSecond }`, { path: `${path}.${key}` });
    const bucket = { ...(current as Bucket) };
    for (const [field, number] of Object.entries(value)) {
      if (field !== 'burst' && field !== 'perSecond') throw new AppError('invalid_params', `${path}.${key}.${field}: not a bucket field (burst, perSecond)`, { path: `${path}.${key}.${field}` });
      // A burst is whole commands; a rate may be slower than one a second.
      bucket[field] = checkNumber(number, `${path}.${key}.${field}`, (ceiling as Bucket | undefined)?.[field], field === 'burst' ? 1 : 0.01);
    }
    merged[key] = bucket;
  }
  return merged as T;
}

/** Above this a limit is no limit, and the token bucket package refuses the number. */
const LIMIT_MAX = 1e9;

function checkNumber(value: unknown, path: string, ceiling: number | undefined, floor: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < floor) throw new AppError('invalid_params', `${path}: must be a number of at least ${floor}`, { path });
  if (value > LIMIT_MAX) throw new AppError('invalid_params', `${path}: at most ${LIMIT_MAX}`, { path });
  if (ceiling !== undefined && value > ceiling) throw new AppError('invalid_params', `${path}: at most ${ceiling}`, { path });
  return value;
}

/** The server's limits: the defaults under CONVKIT_LIMITS (JSON), checked at start. */
export function limitsFromEnv(json: string | undefined): ServerLimits {
  if (!json) return DEFAULT_LIMITS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('CONVKIT_LIMITS is not JSON: see docs/server.md, "Limits".');
  }
  return mergeLimits(DEFAULT_LIMITS, parsed, undefined, 'CONVKIT_LIMITS');
}

/** The limits that apply in one workspace: the server's, under the workspace's own. */
export function workspaceLimits(server: ServerLimits, override: unknown): ServerLimits {
  if (!override) return server;
  const scoped = mergeLimits<WorkspaceLimits>(pickWorkspace(server), override, LIMIT_CEILINGS);
  return { ...server, ...scoped };
}

export function pickWorkspace(limits: WorkspaceLimits): WorkspaceLimits {
  return { socketCommands: limits.socketCommands, userCommands: limits.userCommands, inFlightPerSocket: limits.inFlightPerSocket, inFlightPerUser: limits.inFlightPerUser };
}
