// Outgoing webhooks, from the event log through the database: each round queues, for every
// enabled endpoint, one delivery per new event it wants (moving the endpoint's place in the log
// in the same transaction, so an event is queued once, whichever node queues it), then posts the
// deliveries that are due. A delivery is claimed with a lease, so a node that dies mid-post
// leaves it to another (or to itself, restarted): none is lost, and the receiver dedupes repeats
// by the event id. A failed post is tried again after a growing pause; one that has failed for
// `retryForMs` (a day) fails for good and disables its endpoint, and the workspace's event log
// says so (`webhook.disabled`).
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { newId } from '../../db/columns.js';
import { parseJson, sqlAll } from '../../db/sql.js';
import { runTransaction, writeTransaction } from '../../db/transaction.js';
import { BackgroundWorker } from '../../dispatch/background-worker.js';
import type { Keyring } from '../../secrets/keyring.js';
import { storableLine } from '../../text/storable.js';
import { secretField, type EndpointRow } from './endpoints.js';
import { postWebhook } from './post-webhook.js';
import { signatureHeader } from './signature.js';
import { eventEnvelope, type EventRow } from '../events/event-envelope.js';

/** Events queued per endpoint per round. */
const QUEUE_BATCH = 500;
/** Deliveries posted per round, at once. */
const POST_BATCH = 20;
/** The longest pause between two attempts of one delivery. */
const MAX_PAUSE_MS = 60 * 60_000;

export interface WebhookOutboxOptions {
  /** The first pause after a failed post; each later one doubles (CONVKIT_WEBHOOK_RETRY_MS). */
  retryMs: number;
  /** How long a delivery is tried before it fails and its endpoint is disabled (CONVKIT_WEBHOOK_RETRY_FOR_MS). */
  retryForMs: number;
  /** Post to private and loopback addresses too (CONVKIT_WEBHOOKS_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** How long a claimed delivery is this node's before another may post it. */
  leaseMs: number;
  pollMs?: number;
}

interface DueRow {
  id: string;
  /** This node's lease on it: what it records against. */
  lease: number;
  workspace_id: string;
  endpoint_id: string;
  event_id: string;
  attempts: unknown;
  created_at: unknown;
}

export class WebhookOutbox extends BackgroundWorker {
  readonly #orm: Orm;
  readonly #keyring: Keyring;
  readonly #publish: (workspaceId: string, events: ServerEvent[]) => void;
  readonly #options: WebhookOutboxOptions;
  /** Posts under way: a round does not wait for them (a slow host must not hold up the others), stopping does. */
  readonly #posting = new Set<Promise<void>>();
  readonly #onError: (error: unknown) => void;

  constructor(orm: Orm, keyring: Keyring, publish: (workspaceId: string, events: ServerEvent[]) => void, log: (error: unknown) => void, options: WebhookOutboxOptions) {
    super(log, options.pollMs ?? 1_000);
    this.#orm = orm;
    this.#keyring = keyring;
    this.#publish = publish;
    this.#options = options;
    this.#onError = log;
  }

  override async stop(): Promise<void> {
    await super.stop();
    await Promise.allSettled([...this.#posting]);
  }

  /**
   * Whether any endpoint is enabled, as last read: a server with none (most, and every test
   * server) does no webhook work for its writes. Read again by each poll, and set at once when
   * an endpoint is added or enabled on this node.
   */
  #active = false;

  get active(): boolean {
    return this.#active;
  }

  /** An endpoint was added or enabled here: start now, not at the next poll. */
  endpointsChanged(): void {
    this.#active = true;
    this.kick();
  }

  /** A workspace's events were committed: queue and post them, when anything listens. */
  eventsCommitted(): void {
    if (this.#active) this.kick();
  }

  protected async round(): Promise<void> {
    const [any] = await sqlAll<{ id: string }>(this.#em(), 'select id from webhook_endpoints where disabled_at is null limit 1');
    this.#active = Boolean(any);
    if (!this.#active) return;
    await this.#queue();
    await this.#postDue();
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  /** Queues the new events of every enabled endpoint that is behind its workspace's log. */
  async #queue(): Promise<void> {
    const behind = await sqlAll<EndpointRow>(this.#em(), 'select e.* from webhook_endpoints e join workspaces w on w.id = e.workspace_id where e.disabled_at is null and e.cursor_seq < w.last_event_seq');
    for (const endpoint of behind) {
      await runTransaction(this.#orm, async (em) => {
        const from = Number(endpoint.cursor_seq);
        const events = await sqlAll<{ id: string; seq: unknown; type: string }>(em, 'select id, seq, type from events where workspace_id = ? and seq > ? order by seq limit ?', [endpoint.workspace_id, from, QUEUE_BATCH]);
        if (events.length === 0) return;
        const wanted = endpoint.event_types === null ? null : new Set(typeof endpoint.event_types === 'string' ? parseJson<string[]>(endpoint.event_types) : (endpoint.event_types as string[]));
        // Another node that queued these first moved the place: then this one writes nothing.
        const to = Number(events.at(-1)!.seq);
        const moved = await sqlAll<{ id: string }>(em, 'update webhook_endpoints set cursor_seq = ? where id = ? and cursor_seq = ? returning id', [to, endpoint.id, from]);
        if (moved.length === 0) return;
        const now = Date.now();
        for (const event of events) {
          if (wanted && !wanted.has(event.type)) continue;
          await sqlAll(
            em,
            "insert into webhook_deliveries (id, workspace_id, endpoint_id, event_id, event_seq, event_type, status, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
            [newId(), endpoint.workspace_id, endpoint.id, event.id, Number(event.seq), event.type, now, now],
          );
        }
      });
    }
  }

  /** Claims the deliveries that are due (of enabled endpoints) and posts them, all at once. */
  async #postDue(): Promise<void> {
    const now = Date.now();
    const due = await sqlAll<DueRow>(
      this.#em(),
      `select d.id, d.workspace_id, d.endpoint_id, d.event_id, d.attempts, d.created_at, 0 as lease from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where d.status = 'pending' and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?) and e.disabled_at is null
        order by d.next_attempt_at, d.event_seq limit ?`,
      [now, now, POST_BATCH],
    );
    for (const row of due) {
      // Claimed only as it was read: another node that posted it meanwhile moved its attempts or its time.
      const lease = now + this.#options.leaseMs;
      const won = await sqlAll<{ id: string }>(
        this.#em(),
        "update webhook_deliveries set lease_until = ? where id = ? and status = 'pending' and attempts = ? and next_attempt_at <= ? and (lease_until is null or lease_until < ?) returning id",
        [lease, row.id, Number(row.attempts), now, now],
      );
      if (!won.length) continue;
      const posting: Promise<void> = this.#post({ ...row, lease })
        .catch(this.#onError)
        .finally(() => this.#posting.delete(posting));
      this.#posting.add(posting);
    }
    // A full batch: more may be due.
    if (due.length === POST_BATCH) this.kick();
  }

  async #post(delivery: DueRow): Promise<void> {
    const em = this.#em();
    const [endpoint] = await sqlAll<EndpointRow & { slug: string }>(em, 'select e.*, w.slug from webhook_endpoints e join workspaces w on w.id = e.workspace_id where e.id = ?', [delivery.endpoint_id]);
    const [event] = await sqlAll<EventRow>(em, 'select id, seq, type, payload, created_at from events where id = ?', [delivery.event_id]);
    if (!endpoint) return;
    if (!event) {
      // Deleted with its conversation (conversation.delete): the host hears conversation.deleted instead.
      await sqlAll(em, "update webhook_deliveries set status = 'skipped', lease_until = null, last_error = ? where id = ? and lease_until = ?", ['The event was deleted with its conversation.', delivery.id, delivery.lease]);
      return;
    }
    const body = JSON.stringify(eventEnvelope(event, endpoint.slug));
    const secret = this.#keyring.open(endpoint.workspace_id, secretField(endpoint.id), endpoint.secret);
    const outcome = await postWebhook(endpoint.url, {
      'content-type': 'application/json',
      'user-agent': 'Convkit-Webhooks/1',
      'convkit-event-id': event.id,
      'convkit-event-type': event.type,
      'convkit-delivery-id': delivery.id,
      'convkit-signature': signatureHeader(secret, body),
    }, body, this.#options.allowPrivate);
    await this.#record(delivery, endpoint, outcome);
  }

  async #record(delivery: DueRow, endpoint: EndpointRow, outcome: { status: number | null; error: string | null }): Promise<void> {
    const now = Date.now();
    const attempts = Number(delivery.attempts) + 1;
    const error = outcome.error === null ? null : storableLine(outcome.error).slice(0, 1000);
    if (error === null) {
      await sqlAll(this.#em(), "update webhook_deliveries set status = 'delivered', attempts = ?, last_status = ?, last_error = null, delivered_at = ?, lease_until = null where id = ? and lease_until = ?", [attempts, outcome.status, now, delivery.id, delivery.lease]);
      return;
    }
    if (now - Number(delivery.created_at) < this.#options.retryForMs) {
      const pause = Math.min(MAX_PAUSE_MS, this.#options.retryMs * 2 ** (attempts - 1));
      const next = now + Math.round(pause / 2 + (pause / 2) * Math.random());
      await sqlAll(this.#em(), 'update webhook_deliveries set attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?, lease_until = null where id = ? and lease_until = ?', [attempts, outcome.status, error, next, delivery.id, delivery.lease]);
      this.kickAfter(next - now);
      return;
    }
    // Failing for as long as it may: the delivery fails, and the endpoint stops until an admin enables it.
    const reason = `Deliveries failed for ${Math.round(this.#options.retryForMs / 3_600_000) || '<1'} h; the last attempt: ${error}`;
    const { events } = await writeTransaction(this.#orm, endpoint.workspace_id, async (em, batch) => {
      const failed = await sqlAll<{ id: string }>(em, "update webhook_deliveries set status = 'failed', attempts = ?, last_status = ?, last_error = ?, lease_until = null where id = ? and lease_until = ? returning id", [attempts, outcome.status, error, delivery.id, delivery.lease]);
      // Its lease ran out meanwhile and another node has it: that node decides.
      if (!failed.length) return;
      const disabled = await sqlAll<{ id: string }>(em, 'update webhook_endpoints set disabled_at = ?, disabled_reason = ? where id = ? and disabled_at is null returning id', [now, reason, endpoint.id]);
      // The event names the endpoint only: its URL and the host's answer are for admins (GET /v1/webhooks), not every agent's socket.
      if (disabled.length) batch.add('webhook.disabled', () => ({ endpointId: endpoint.id }));
    });
    this.#publish(endpoint.workspace_id, events);
  }
}
