// Prometheus metrics for operators (GET /metrics), through prom-client. Each server has its own
// registry, so several servers in one process (tests) never mix their figures. The process's
// own metrics (CPU, memory, event loop, GC) are one registry per process: prom-client starts an
// event-loop monitor and a GC observer for each registry it collects them into, and offers no way
// to stop them.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { sqlAll } from '../db/sql.js';
import { writeStats, type RetryReason } from './write-stats.js';
import { AppError } from '../errors.js';

/** Seconds: from a cached read (0.5 ms) to a bulk action or a stalled database (10 s). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export interface MetricsSources {
  orm: Orm;
  /** Sockets connected to this node now. */
  sockets(): number;
  /** Inbound messages accepted and waiting for their commit. */
  writeQueue(): number;
}

let processRegistry: Registry | undefined;

export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'convkit_' });
  }
  return processRegistry;
}

export class Metrics {
  readonly registry = new Registry();
  readonly #requests: Histogram<'method' | 'route' | 'status'>;
  readonly #commands: Histogram<'command' | 'outcome'>;
  readonly #webhooks: Counter<'provider' | 'outcome'>;
  readonly #backgroundErrors: Counter;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.#requests = new Histogram({ name: 'convkit_http_request_duration_seconds', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS, registers });
    this.#commands = new Histogram({ name: 'convkit_command_duration_seconds', help: 'Commands (socket and REST) by name and outcome: ok or the error code', labelNames: ['command', 'outcome'], buckets: LATENCY_BUCKETS, registers });
    this.#webhooks = new Counter({ name: 'convkit_webhooks_total', help: 'Provider webhooks by outcome: stored, duplicate, or the error code', labelNames: ['provider', 'outcome'], registers });
    this.#backgroundErrors = new Counter({ name: 'convkit_background_errors_total', help: 'Errors of work no request waits for (a failed Redis broadcast, an outbox send), logged and survived', registers });
    new Gauge({
      name: 'convkit_sockets_connected',
      help: 'Sockets connected to this node',
      registers,
      collect() {
        this.set(sources.sockets());
      },
    });
    new Gauge({
      name: 'convkit_write_queue_depth',
      help: 'Inbound messages accepted on this node and waiting for their commit',
      registers,
      collect() {
        this.set(sources.writeQueue());
      },
    });
    new Gauge({
      name: 'convkit_write_transactions_active',
      help: 'Write transactions running or waiting for the database on this node',
      registers,
      collect() {
        this.set(writeStats.active);
      },
    });
    new Counter({
      name: 'convkit_transaction_retries_total',
      help: 'Write transactions run again after a deadlock, serialisation failure, busy database or unique-key race',
      labelNames: ['reason'],
      registers,
      collect() {
        this.reset();
        for (const [reason, count] of Object.entries(writeStats.retries) as [RetryReason, number][]) this.inc({ reason }, count);
      },
    });
    new Gauge({
      name: 'convkit_outbox_backlog',
      help: 'Sends waiting for a channel (queued) or being handed to it (sending), all nodes',
      labelNames: ['status'],
      registers,
      async collect() {
        this.reset();
        try {
          const em = sources.orm.em.fork() as unknown as EntityManager;
          const rows = await sqlAll<{ status: string; n: unknown }>(em, "select status, count(*) as n from messages where status in ('queued', 'sending') group by status");
          for (const status of ['queued', 'sending']) this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
        } catch {
          // The database is away: the other metrics still serve (/health says what is down).
        }
      },
    });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.#requests.observe({ method, route, status: String(status) }, seconds);
  }

  /** Runs a command and records how long it took and how it ended. */
  async command<T>(name: string, run: () => Promise<T>): Promise<T> {
    const end = this.#commands.startTimer({ command: name });
    try {
      const result = await run();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: error instanceof AppError ? error.code : 'internal' });
      throw error;
    }
  }

  backgroundError(): void {
    this.#backgroundErrors.inc();
  }

  webhook(provider: string, outcome: string): void {
    this.#webhooks.inc({ provider, outcome });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    const body = (await Promise.all([this.registry.metrics(), processMetrics().metrics()])).join('\n');
    return { contentType: this.registry.contentType, body };
  }
}
