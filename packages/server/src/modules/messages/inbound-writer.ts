// Group commit for inbound messages. Webhooks that arrive while a workspace's previous write is
// committing wait for the next one, and are written together in one transaction: one lock on
// the workspace's event counter and one commit (one fsync) for the lot, instead of one each.
// Durability does not bend: each webhook is answered only after the commit that holds its
// message. When too many are waiting, a webhook is refused at once with 503 and Retry-After
// (the provider retries it) rather than held for seconds.
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import { recordInboundBatch, type InboundMessage, type InboundOutcome } from './inbound.js';
import { linkWhatsAppUser } from '../contacts/whatsapp-link.js';

/** Messages written per transaction at most. */
const MAX_BATCH = 100;
/** What a refused provider is told to wait. */
const RETRY_AFTER_MS = 1000;

interface Waiting {
  input: InboundMessage;
  resolve(outcome: InboundOutcome): void;
  reject(error: unknown): void;
}

export class InboundWriter {
  readonly #orm: Orm;
  readonly #publish: (workspaceId: string, events: ServerEvent[]) => void;
  /** Messages waiting on this node at most (limits' inboundWaiting); more are refused with `busy`. */
  readonly #maxWaiting: number;
  /** Per workspace: the messages waiting for its next transaction. */
  readonly #queues = new Map<string, Waiting[]>();
  #waiting = 0;

  readonly #log: (error: unknown) => void;

  constructor(orm: Orm, publish: (workspaceId: string, events: ServerEvent[]) => void, maxWaiting: number, log: (error: unknown) => void) {
    this.#orm = orm;
    this.#publish = publish;
    this.#maxWaiting = maxWaiting;
    this.#log = log;
  }

  /** Messages accepted and not yet committed (the write queue's depth). */
  get waiting(): number {
    return this.#waiting;
  }

  /** Resolves once the message is committed and its event published. */
  write(input: InboundMessage): Promise<InboundOutcome> {
    if (this.#waiting >= this.#maxWaiting) {
      return Promise.reject(new AppError('busy', 'Too many messages are waiting to be written: retry shortly.', { retryAfterMs: RETRY_AFTER_MS }));
    }
    this.#waiting++;
    return new Promise<InboundOutcome>((resolve, reject) => {
      const queue = this.#queues.get(input.workspaceId);
      const waiting = { input, resolve, reject };
      if (queue) {
        queue.push(waiting);
        return;
      }
      // No transaction running for this workspace: start one; later arrivals queue behind it.
      this.#queues.set(input.workspaceId, [waiting]);
      void this.#run(input.workspaceId);
    });
  }

  async #run(workspaceId: string): Promise<void> {
    const queue = this.#queues.get(workspaceId)!;
    while (queue.length > 0) {
      // One turn of the event loop first, so that webhooks already received join this batch.
      // SQLite's driver answers synchronously: without the turn, a transaction would run to its
      // commit before any other request was even read, and nothing would ever be grouped.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = queue.splice(0, MAX_BATCH);
      await this.#write(workspaceId, batch);
      this.#waiting -= batch.length;
    }
    this.#queues.delete(workspaceId);
  }

  async #write(workspaceId: string, batch: Waiting[]): Promise<void> {
    await this.#linkWhatsAppUsers(workspaceId, batch);
    let written: Awaited<ReturnType<typeof recordInboundBatch>>;
    try {
      written = await recordInboundBatch(this.#orm, workspaceId, batch.map((w) => w.input));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Something in the batch cannot be written: each alone, so only that one fails.
      for (const waiting of batch) await this.#write(workspaceId, [waiting]);
      return;
    }
    // Committed: every one is answered, whatever publishing does.
    batch.forEach((waiting, i) => waiting.resolve(written.outcomes[i]!));
    try {
      this.#publish(workspaceId, written.events);
    } catch (error) {
      this.#log(error);
    }
  }

  /**
   * A WhatsApp message naming both a user id and a number makes them one contact before it is
   * written (modules/contacts/whatsapp-link.ts), here, in the workspace's write queue: no batch of
   * the workspace reads or writes its contacts meanwhile. A link that fails leaves them apart for
   * now (the next such message tries again): the message itself is written all the same.
   */
  async #linkWhatsAppUsers(workspaceId: string, batch: Waiting[]): Promise<void> {
    for (const { input } of batch) {
      if (!input.from || !input.whatsappUserId) continue;
      try {
        this.#publish(workspaceId, await linkWhatsAppUser(this.#orm, workspaceId, input.from, input.whatsappUserId));
      } catch (error) {
        this.#log(error);
      }
    }
  }
}
