// A call's ending comes from Twilio's callbacks, and some never come: the voice number's status
// callback not set in Twilio's console, a caller who hangs up during the voicemail greeting (no
// recording, so no voicemail step), a report lost for good. Such an entry would say "Ringing…"
// forever. So a call still ringing or in progress a few minutes after it began is looked up at
// Twilio (its Calls resource), again less and less often while it goes on, and its ending is
// applied as a callback's would be. A call Twilio has no record of, or one made up in sandbox
// mode whose simulation stopped with a restarted server, is closed as what it can be known to be.
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { isPostgres, parseJson, sqlAll } from '../../db/sql.js';
import type { Keyring } from '../../secrets/keyring.js';
import { BackgroundWorker } from '../../dispatch/background-worker.js';
import { applyCallProgress, type CallProgress } from '../../modules/calls/call-entry.js';
import { loadTwilioAccount, restCredentials } from './settings.js';
import { twilioClient } from './client.js';
import { endingOf } from './call-status.js';

/** A call still ringing or in progress this long after it began is looked up. */
const STALE_MS = 3 * 60_000;
/** A call Twilio has said nothing about for this long is closed without it. */
const GIVE_UP_MS = 24 * 60 * 60_000;
/** The longest pause between two looks at one call (a long call is looked at less and less often). */
const MAX_PAUSE_MS = 30 * 60_000;
const BATCH = 50;
/** Lookups at once: a slow Twilio holds a round up by this many at a time, not by all of them. */
const PARALLEL = 5;
const LOOKUP_TIMEOUT_MS = 10_000;

/** The open-call test, written as the partial index (Migration20261202OpenCalls) writes it, so the index serves it. */
export const OPEN_CALL = { sqlite: "json_extract(meta, '$.outcome') in ('ringing', 'in-progress')", postgres: "(meta ->> 'outcome') in ('ringing', 'in-progress')" };

export interface CallReconcilerOptions {
  keyring: Keyring;
  /** CONVKIT_TWILIO_API_URL: a stand-in for Twilio's API. */
  twilioApiUrl: string | null;
  /** How long after it began a call is looked up (tests: shorter). */
  staleMs?: number;
  /** How often the worker looks for such calls. */
  pollMs?: number;
}

interface OpenCall {
  id: string;
  workspace_id: string;
  direction: 'inbound' | 'outbound';
  provider_id: string | null;
  created_at: unknown;
}

type Ending = Omit<CallProgress, 'callSid'>;

export class CallReconciler extends BackgroundWorker {
  readonly #orm: Orm;
  readonly #publish: (workspaceId: string, events: ServerEvent[]) => void;
  readonly #log: (error: unknown) => void;
  readonly #options: CallReconcilerOptions;

  constructor(orm: Orm, publish: (workspaceId: string, events: ServerEvent[]) => void, log: (error: unknown) => void, options: CallReconcilerOptions) {
    super(log, options.pollMs ?? 60_000);
    this.#orm = orm;
    this.#publish = publish;
    this.#log = log;
    this.#options = options;
  }

  protected override async round(): Promise<void> {
    const claimed = await this.#claim();
    for (let i = 0; i < claimed.length; i += PARALLEL) {
      await Promise.all(claimed.slice(i, i + PARALLEL).map((call) => this.#reconcile(call).catch(this.#log)));
    }
  }

  /**
   * The open calls due for a look, each given its next look in the same statement (lease_until,
   * which the outbox never reads for a call): later the older the call, up to MAX_PAUSE_MS. On
   * PostgreSQL, SKIP LOCKED gives each node of a deployment its own calls to look up.
   */
  async #claim(): Promise<OpenCall[]> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const now = Date.now();
    const staleMs = this.#options.staleMs ?? STALE_MS;
    const postgres = isPostgres(em);
    const pause = postgres ? `least(greatest((? - created_at) / 2, ?), ${MAX_PAUSE_MS})` : `min(max((? - created_at) / 2, ?), ${MAX_PAUSE_MS})`;
    return sqlAll<OpenCall>(
      em,
      `update messages set lease_until = ? + ${pause} where id in (
         select id from messages where kind = 'call' and ${postgres ? OPEN_CALL.postgres : OPEN_CALL.sqlite} and created_at < ? and (lease_until is null or lease_until <= ?)
         order by created_at limit ${BATCH}${postgres ? ' for update skip locked' : ''}
       ) returning id, workspace_id, direction, provider_id, created_at`,
      [now, now, staleMs, now - staleMs, now],
    );
  }

  async #reconcile(call: OpenCall): Promise<void> {
    const ending = await this.#endingOf(call, Date.now());
    if (ending) await applyCallProgress(this.#orm, this.#publish, call.workspace_id, call.id, { callSid: null, ...ending });
  }

  /** What became of the call, or null while it goes on (or cannot be known yet). */
  async #endingOf(call: OpenCall, now: number): Promise<Ending | null> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    // An account that cannot be read now (a database error, a server key that does not open it)
    // is no reason to close anything: the call is looked up again later.
    const account = await loadTwilioAccount(em, this.#options.keyring, call.workspace_id);
    const credentials = account ? restCredentials(account) : null;
    if (!credentials || !call.provider_id) return lost(call.direction, await currentOutcome(em, call.id), account ? "This workspace's Twilio settings have no credentials to ask Twilio how this call ended." : "This call's progress was lost (the server restarted during it), so how it ended is not known.");
    let found: { status: string; duration: string | null };
    try {
      found = await twilioClient(credentials, { apiUrl: this.#options.twilioApiUrl, timeoutMs: LOOKUP_TIMEOUT_MS }).calls(call.provider_id).fetch();
    } catch (error) {
      const { status, code } = error as { status?: unknown; code?: unknown };
      if (status === 404 && code === 20404) return lost(call.direction, await currentOutcome(em, call.id), 'Twilio has no record of this call, so how it ended is not known.');
      // Twilio unreachable or refusing for now: looked up again later, until it is no use.
      if (now - Number(call.created_at) > GIVE_UP_MS) return lost(call.direction, await currentOutcome(em, call.id), 'Twilio never said how this call ended.');
      return null;
    }
    // How far the entry got is read after Twilio answered: a callback may have come meanwhile.
    return endingOf(call.direction, await currentOutcome(em, call.id), found.status, Number.parseInt(found.duration ?? '0', 10) || 0);
  }
}

/** The entry's outcome as it is now. */
async function currentOutcome(em: EntityManager, id: string): Promise<string> {
  const [row] = await sqlAll<{ meta: unknown }>(em, 'select meta from messages where id = ?', [id]);
  return String((row ? parseJson<Record<string, unknown>>(row.meta).outcome : '') ?? '');
}

/**
 * A call whose ending cannot be known: answered when it was in progress (its length unknown);
 * otherwise a contact's call was missed, and a click to call failed, saying why.
 */
function lost(direction: 'inbound' | 'outbound', current: string, message: string): Ending {
  if (current === 'in-progress') return { outcome: 'answered' };
  return direction === 'inbound' ? { outcome: 'missed' } : { outcome: 'failed', reason: { code: 'unknown_ending', message } };
}
