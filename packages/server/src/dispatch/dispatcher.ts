// The outbox worker. Queued sends live in the database, so they survive a restart: a send is
// claimed with a conditional update and a lease (another worker or a restarted one takes it
// over only when the lease has run out), handed to the channel's adapter, and its outcome is
// written with a message.updated event. A refusal the adapter calls retryable (a provider's 429
// or 5xx) puts the send back in the queue after a growing pause instead of failing it.
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import type { WorkspaceChannels } from '../channels/workspace-channels.js';
import { isPostgres, sqlAll } from '../db/sql.js';
import { MessageSchema, type Message } from '../modules/messages/message.entity.js';
import { changeMessage } from '../modules/messages/message-change.js';
import type { Conversation } from '../modules/conversations/conversation.entity.js';
import type { Contact } from '../modules/contacts/contact.entity.js';
import type { Workspace } from '../modules/workspaces/workspace.entity.js';
import type { ChannelAdapter, OutboundMessage, SendOutcome } from '../channels/channel.js';
import { retiredProviderIds } from '../modules/messages/retry.js';
import { templateOf } from '../modules/messages/template-send.js';
import { outboundEmail } from '../channels/email/outbound-email.js';
import { gate, type SendPurpose } from '../modules/consent/gate.js';
import { quietHoursEnd } from '../modules/schedule/quiet-hours.js';
import { cutText, storableLine } from '../text/storable.js';
import { BackgroundWorker } from './background-worker.js';

/** Sends claimed per round. */
const BATCH = 20;
/** Safety net poll: picks up sends whose kick was lost (a crash between commit and kick). */
const POLL_MS = 2_000;
/** Attempts a send gets when its provider keeps refusing it for now; the last refusal fails it. */
export const MAX_SEND_ATTEMPTS = 5;
/** The longest pause between two attempts. */
export const MAX_RETRY_MS = 5 * 60_000;
/** What consent a queued message needs: an agent's reply, a compliance text (a confirmation request), or anything automated. */
function purposeOf(message: Message): SendPurpose {
  if (message.authorType === 'user') return message.meta.scheduledFor ? 'scheduled' : 'agent';
  return message.meta.purpose === 'compliance' ? 'compliance' : 'automated';
}

/** How far our clock and the provider's may disagree when matching its messages to ours. */
const CLOCK_SKEW_MS = 60_000;
const UNCONFIRMED = `Sending did not finish after ${MAX_SEND_ATTEMPTS} attempts, and the provider may have received it: check with the contact before sending it again.`;

/**
 * The pause before attempt `attempts + 1`: doubling from `baseMs`, capped, and spread over its
 * upper half at random so that sends refused together (a provider's 429) do not return together.
 */
export function retryDelay(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export class Dispatcher extends BackgroundWorker {
  readonly #orm: Orm;
  readonly #channels: WorkspaceChannels;
  readonly #publish: (workspaceId: string, events: ServerEvent[]) => void;
  readonly #log: (error: unknown) => void;
  /** How long a claimed send belongs to this node before another may retry it. */
  readonly #leaseMs: number;
  /** The first pause before a send refused for now is tried again. */
  readonly #retryMs: number;

  constructor(orm: Orm, channels: WorkspaceChannels, publish: (workspaceId: string, events: ServerEvent[]) => void, log: (error: unknown) => void, leaseMs: number, retryMs: number) {
    super(log, POLL_MS);
    this.#orm = orm;
    this.#leaseMs = leaseMs;
    this.#retryMs = retryMs;
    this.#channels = channels;
    this.#publish = publish;
    this.#log = log;
  }

  protected override round(): Promise<void> {
    return this.#drain();
  }

  async #drain(): Promise<void> {
    for (;;) {
      const { ids, lease } = await this.#claim();
      if (ids.length === 0) return;
      for (const id of ids) await this.#deliver(id, lease).catch(this.#log);
    }
  }

  /**
   * Claims due sends in one statement: queued ones (past their pause, for a retry), and ones
   * whose lease ran out (their node died mid-send). Each claim counts as an attempt. On PostgreSQL, SKIP LOCKED lets the nodes of a deployment claim side by side,
   * each taking rows no other is taking; SQLite has one writer, so its claims never overlap.
   */
  async #claim(): Promise<{ ids: string[]; lease: number }> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const now = Date.now();
    const lease = now + this.#leaseMs;
    const rows = await sqlAll<{ id: string }>(
      em,
      `update messages set status = 'sending', lease_until = ?, send_attempts = send_attempts + 1 where id in (
         select id from messages where kind = 'message' and ((status in ('queued', 'scheduled') and (lease_until is null or lease_until <= ?)) or (status = 'sending' and lease_until < ?))
         order by created_at limit ${BATCH}${isPostgres(em) ? ' for update skip locked' : ''}
       ) returning id`,
      [lease, now, now],
    );
    return { ids: rows.map((row) => row.id), lease };
  }

  /**
   * Renews this node's lease on a send just before handing it over, and says whether it still
   * holds it. The lease's expiry doubles as the claim's token: a send whose lease ran out while
   * it waited in this node's batch, and that another node claimed meanwhile, has a new expiry,
   * so this node leaves it alone instead of sending it a second time.
   */
  async #stillOurs(em: EntityManager, id: string, lease: number): Promise<number | null> {
    const renewed = Date.now() + this.#leaseMs;
    const rows = await sqlAll(em, `update messages set lease_until = ? where id = ? and status = 'sending' and lease_until = ? returning id`, [renewed, id, lease]);
    return rows.length > 0 ? renewed : null;
  }

  async #deliver(id: string, lease: number): Promise<void> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const held = await this.#stillOurs(em, id, lease);
    if (held === null) return;
    const message = (await em.findOne(MessageSchema, { id }, { populate: ['conversation', 'conversation.contact', 'workspace'] })) as Message | null;
    if (!message || !message.channel) return;
    const conversation = message.conversation as unknown as Conversation;
    const contact = conversation.contact as unknown as Contact;
    const workspace = message.workspace as unknown as Workspace;
    const fail = (code: string, text: string) => this.#record(id, held, workspace.id, '', { ok: false, code, message: text, retryable: false }, false);
    if (message.sendAttempts > MAX_SEND_ATTEMPTS) {
      // Claimed again and again after sends that never said how they ended (a timeout, a node
      // that died): the provider may have the message. Stop here rather than risk sending it twice.
      await fail('unconfirmed', UNCONFIRMED);
      return;
    }
    let route;
    try {
      route = await this.#channels.route(em, workspace, message.channel as Channel, message.id);
    } catch (error) {
      // The workspace's provider settings cannot be read here (a server key that does not open
      // them): a final, visible failure, not a send claimed again forever.
      this.#log(error);
      await fail('provider_settings', "This workspace's channel settings cannot be read on this server: an admin must check CONVKIT_SECRET_KEY, then send it again.");
      return;
    }
    const { adapter, from, statusCallback } = route;
    const outbound: OutboundMessage = {
      id: message.id,
      workspaceId: workspace.id,
      channel: message.channel as Channel,
      body: message.body,
      subject: message.subject ?? null,
      to: { phone: contact.phone ?? null, email: contact.email ?? null, whatsappUserId: contact.whatsappUserId ?? null },
      from,
      statusCallback,
      mediaUrls: (Array.isArray(message.meta.attachments) ? (message.meta.attachments as { id: string }[]) : []).map((file) => route.mediaLink(file.id)),
      template: templateOf(message.meta),
      email: message.channel === 'email' ? await outboundEmail(em, message, workspace.name, route.mediaLink) : null,
    };
    const purpose = purposeOf(message);
    // Automated and scheduled messages wait out quiet hours, in the contact's time when known;
    // an agent's own send never does.
    const quietUntil = purpose === 'agent' || purpose === 'compliance' ? null : quietHoursEnd(workspace.quietHours ?? null, contact.timezone ?? workspace.timezone, Date.now());
    if (quietUntil !== null) {
      await this.#holdUntil(id, held, workspace.id, quietUntil);
      return;
    }
    // Asked again here: the contact may have opted out, or gone quiet on WhatsApp, since it was queued.
    const reach = await gate(em, workspace, contact, outbound.channel, purpose);
    if (!reach.ok && !(outbound.template && reach.reason === 'whatsapp_window')) {
      await fail(reach.reason!, reach.message!);
      return;
    }
    // From the call on until a definite answer, the provider may have the message: marked before
    // the call, so a node that dies during it leaves the mark for the next one.
    const inDoubt = message.sendInDoubtSince ?? null;
    if (inDoubt === null) await sqlAll(em, 'update messages set send_in_doubt_since = ? where id = ? and lease_until = ?', [Date.now(), id, held]);
    let outcome: SendOutcome;
    try {
      // An earlier attempt's answer never came back: ask the provider before sending it again.
      const earlier = inDoubt !== null ? await this.#earlierAttempt(em, adapter, outbound, message, inDoubt) : null;
      // A delivery report may have settled it meanwhile (it names the earlier attempt): not again.
      if (!earlier && !(await this.#stillHeld(em, id, held))) return;
      outcome = earlier ? { ok: true, providerId: earlier, status: 'queued' } : await adapter.send(outbound);
    } catch (error) {
      // In doubt: the provider may have accepted it, or could not be asked. Leave it claimed; the
      // lease expiry tries again, asking the provider first.
      this.#log(error);
      return;
    }
    await this.#record(id, held, workspace.id, adapter.provider, outcome, inDoubt === null);
  }

  async #stillHeld(em: EntityManager, id: string, held: number): Promise<boolean> {
    return (await sqlAll(em, "select id from messages where id = ? and status = 'sending' and lease_until = ?", [id, held])).length > 0;
  }

  /**
   * The provider's id for an earlier attempt at `message` that reached it, if any: one of the
   * provider's candidates that no other message holds and that is not an attempt an agent has
   * since retried.
   */
  async #earlierAttempt(em: EntityManager, adapter: ChannelAdapter, outbound: OutboundMessage, message: Message, inDoubtSince: number): Promise<string | null> {
    if (!adapter.findEarlierAttempts) return null;
    const retired = new Set(retiredProviderIds(message));
    const candidates = (await adapter.findEarlierAttempts(outbound, inDoubtSince - CLOCK_SKEW_MS)).filter((sid) => !retired.has(sid));
    if (candidates.length === 0) return null;
    const marks = candidates.map(() => '?').join(', ');
    const held = await sqlAll<{ provider_id: string }>(em, `select provider_id from messages where workspace_id = ? and provider = ? and id <> ? and provider_id in (${marks})`, [outbound.workspaceId, adapter.provider, outbound.id, ...candidates]);
    const taken = new Set(held.map((row) => row.provider_id));
    return candidates.find((sid) => !taken.has(sid)) ?? null;
  }

  /**
   * Writes a send's outcome, if this node still holds the send (its lease is `held`): a node that
   * stalled past its lease while another took the send over must not undo what that one wrote.
   */
  async #record(id: string, held: number, workspaceId: string, provider: string, outcome: SendOutcome, freshDoubt: boolean): Promise<void> {
    const delay = await changeMessage<number>(this.#orm, workspaceId, id, this.#publish, (message) => {
      // Another node took the send over, or a delivery report settled it while it was in flight.
      if (message.status !== 'sending' || message.leaseUntil !== held) return null;
      if (!outcome.ok && outcome.retryable && message.sendAttempts < MAX_SEND_ATTEMPTS) {
        // Refused for now: back in the queue, due after the pause. Clients still see it queued.
        const pause = retryDelay(message.sendAttempts, this.#retryMs);
        message.status = 'queued';
        message.leaseUntil = Date.now() + pause;
        // A definite "not now": this attempt left nothing at the provider (an earlier doubt stays).
        if (freshDoubt) message.sendInDoubtSince = null;
        return { announce: false, result: pause };
      }
      if (outcome.ok) {
        message.status = outcome.status === 'queued' ? 'sent' : outcome.status;
        message.provider = provider;
        message.providerId = outcome.providerId;
      } else {
        message.status = 'failed';
        message.errorCode = outcome.code;
        // Provider text comes from outside: one line, no control characters, cut on a character.
        message.errorMessage = cutText(storableLine(outcome.retryable ? `${outcome.message} Tried ${message.sendAttempts} times: send it again later.` : outcome.message), 500);
      }
      message.leaseUntil = null;
      message.sendInDoubtSince = null;
      return { announce: true };
    });
    // After the commit, once: a transaction can run its work again, and a failed one kicks nothing.
    if (delay !== undefined) this.#retryAfter(delay);
  }

  /** Puts a claimed send back as scheduled until `until` (quiet hours): not an attempt, and the thread says till when. */
  async #holdUntil(id: string, held: number, workspaceId: string, until: number): Promise<void> {
    await changeMessage(this.#orm, workspaceId, id, this.#publish, (message) => {
      if (message.status !== 'sending' || message.leaseUntil !== held) return null;
      message.status = 'scheduled';
      message.leaseUntil = until;
      message.sendAttempts = Math.max(0, message.sendAttempts - 1);
      message.meta = { ...message.meta, heldForQuietHoursUntil: new Date(until).toISOString() };
      return { announce: true };
    });
  }

  #retryAfter(delay: number): void {
    this.kickAfter(delay);
  }
}
