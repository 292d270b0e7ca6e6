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
const BATCH = 100;
const LOOKUP_TIMEOUT_MS = 10_000;

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
  meta: unknown;
  created_at: unknown;
}

type Ending = Omit<CallProgress, 'callSid'>;

export class CallReconciler extends BackgroundWorker {
  readonly #orm: Orm;
  readonly #publish: (workspaceId: string, events: ServerEvent[]) => void;
  readonly #options: CallReconcilerOptions;
  /** When each call is looked at next, and the pause after that. */
  readonly #next = new Map<string, { at: number; pauseMs: number }>();

  constructor(orm: Orm, publish: (workspaceId: string, events: ServerEvent[]) => void, log: (error: unknown) => void, options: CallReconcilerOptions) {
    super(log, options.pollMs ?? 60_000);
    this.#orm = orm;
    this.#publish = publish;
    this.#options = options;
  }

  protected override async round(): Promise<void> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const now = Date.now();
    const staleMs = this.#options.staleMs ?? STALE_MS;
    const outcome = isPostgres(em) ? "meta->>'outcome'" : "json_extract(meta, '$.outcome')";
    const open = await sqlAll<OpenCall>(
      em,
      `select id, workspace_id, direction, provider_id, meta, created_at from messages
        where kind = 'call' and created_at < ? and ${outcome} in ('ringing', 'in-progress') order by created_at limit ${BATCH}`,
      [now - staleMs],
    );
    const seen = new Set(open.map((call) => call.id));
    for (const id of this.#next.keys()) if (!seen.has(id)) this.#next.delete(id);
    for (const call of open) {
      const next = this.#next.get(call.id);
      if (next && next.at > now) continue;
      const pauseMs = Math.min((next?.pauseMs ?? staleMs / 2) * 2, MAX_PAUSE_MS);
      this.#next.set(call.id, { at: now + pauseMs, pauseMs });
      const ending = await this.#endingOf(em, call, now);
      if (ending) await applyCallProgress(this.#orm, this.#publish, call.workspace_id, call.id, { callSid: null, ...ending });
    }
  }

  /** What became of the call, or null while it goes on (or Twilio cannot say yet). */
  async #endingOf(em: EntityManager, call: OpenCall, now: number): Promise<Ending | null> {
    const current = String(parseJson<Record<string, unknown>>(call.meta).outcome ?? '');
    const account = await loadTwilioAccount(em, this.#options.keyring, call.workspace_id).catch(() => null);
    const credentials = account ? restCredentials(account) : null;
    if (!credentials || !call.provider_id) return lost(call.direction, current, "This call's progress was lost (the server restarted during it), so how it ended is not known.");
    try {
      const found = await twilioClient(credentials, { apiUrl: this.#options.twilioApiUrl, timeoutMs: LOOKUP_TIMEOUT_MS }).calls(call.provider_id).fetch();
      return endingOf(call.direction, current, found.status, Number.parseInt(found.duration ?? '0', 10) || 0);
    } catch (error) {
      if ((error as { status?: unknown }).status === 404) return lost(call.direction, current, 'Twilio has no record of this call, so how it ended is not known.');
      // Twilio unreachable or refusing for now: looked up again later, until it is no use.
      if (now - Number(call.created_at) > GIVE_UP_MS) return lost(call.direction, current, 'Twilio never said how this call ended.');
      return null;
    }
  }
}

/**
 * A call whose ending cannot be known: answered when it was in progress (its length unknown);
 * otherwise a contact's call was missed, and a click to call failed, saying why.
 */
function lost(direction: 'inbound' | 'outbound', current: string, message: string): Ending {
  if (current === 'in-progress') return { outcome: 'answered' };
  return direction === 'inbound' ? { outcome: 'missed' } : { outcome: 'failed', reason: { code: 'unknown_ending', message } };
}
