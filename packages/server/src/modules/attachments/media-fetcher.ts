// Fetches the media of inbound messages after their webhook was answered (and, now and then,
// removes uploads that were never sent). Pending attachments
// live in the database (written with their message), so a restart loses none: each is claimed
// with a lease, fetched through provider-media-fetch.ts, and kept with its bytes, checked type
// and size in one transaction with the message's update (message.updated tells the thread). A
// host that fails for now is tried again later; a refusal (not Twilio's host, too large, gone)
// or the last attempt marks the file failed, with the reason the agent sees in its place.
import { createHash } from 'node:crypto';
import type { Attachment as WireAttachment, ServerEvent } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../../db/orm.js';
import { sqlAll } from '../../db/sql.js';
import { changeMessage } from '../messages/message-change.js';
import type { Keyring } from '../../secrets/keyring.js';
import { loadTwilioAccount, restCredentials } from '../../channels/twilio/settings.js';
import { fetchProviderMedia, MediaRefusedError } from './provider-media-fetch.js';
import { checkedType } from './media-types.js';
import { BackgroundWorker } from '../../dispatch/background-worker.js';

/** Attempts a file gets while its host fails for now: pauses doubling up to 10 minutes, over two hours in all. */
export const MEDIA_FETCH_ATTEMPTS = 20;
/** The most bytes kept of one file: WhatsApp's largest media (Twilio's MMS are 5 MB at most). */
export const MEDIA_MAX_BYTES = 16 * 1024 * 1024;
/** A call's recording may be larger: two hours of a two-channel MP3 fit. */
export const RECORDING_MAX_BYTES = 64 * 1024 * 1024;
/** Twilio's URL of a recording's file (voice-webhook.ts asks for it as MP3). */
const RECORDING_FILE = /\/Recordings\/RE[0-9a-fA-F]{32}\.(mp3|wav)$/;
const LEASE_MS = 60_000;
/** Every fetch ends well within its lease, so no other node takes the file up meanwhile. */
const FETCH_DEADLINE_MS = 30_000;
const BATCH = 10;

export interface MediaFetcherOptions {
  keyring: Keyring;
  /** CONVKIT_TWILIO_API_URL: its origin is trusted as Twilio's. */
  twilioApiUrl: string | null;
  maxBytes?: number;
  /** The first pause before a failed fetch is tried again (doubling). */
  retryMs?: number;
  resolve?: (host: string) => Promise<string[]>;
  /** How often uploads never sent are looked for (tests: 0, every round). */
  sweepEveryMs?: number;
}

/** An upload not sent with a message within this long is removed. */
export const UNSENT_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

interface PendingRow {
  id: string;
  workspace_id: string;
  message_id: string;
  source_url: string;
  content_type: string;
  attempts: number | string;
}

export class MediaFetcher extends BackgroundWorker {
  readonly #orm: Orm;
  readonly #publish: (workspaceId: string, events: ServerEvent[]) => void;
  readonly #options: MediaFetcherOptions;

  constructor(orm: Orm, publish: (workspaceId: string, events: ServerEvent[]) => void, log: (error: unknown) => void, options: MediaFetcherOptions) {
    super(log);
    this.#orm = orm;
    this.#publish = publish;
    this.#options = options;
  }

  protected override round(): Promise<void> {
    return this.#drain();
  }

  #sweptAt = 0;

  async #drain(): Promise<void> {
    await this.#sweepUnsent();
    for (;;) {
      const claimed = await this.#claim();
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((row) => this.#fetch(row)));
    }
  }

  /** Uploads an agent never sent: removed after a day, bytes and all (attachment_contents cascades). */
  async #sweepUnsent(): Promise<void> {
    const now = Date.now();
    if (now - this.#sweptAt < (this.#options.sweepEveryMs ?? 10 * 60_000)) return;
    this.#sweptAt = now;
    const em = this.#orm.em.fork() as unknown as EntityManager;
    await sqlAll(em, "delete from attachments where id in (select id from attachments where status = 'uploaded' and message_id is null and created_at < ? limit 500)", [now - UNSENT_UPLOAD_TTL_MS]);
  }

  async #claim(): Promise<PendingRow[]> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const now = Date.now();
    const due = await sqlAll<PendingRow>(em, "select id, workspace_id, message_id, source_url, content_type, attempts from attachments where status = 'pending' and lease_until <= ? order by lease_until limit ?", [now, BATCH]);
    const claimed: PendingRow[] = [];
    for (const row of due) {
      // Conditional: another node (or an earlier round) may have taken it meanwhile.
      const [taken] = await sqlAll<{ attempts: number | string }>(em, "update attachments set lease_until = ?, attempts = attempts + 1 where id = ? and status = 'pending' and lease_until <= ? returning attempts", [now + LEASE_MS, row.id, now]);
      if (taken) claimed.push({ ...row, attempts: Number(taken.attempts) });
    }
    return claimed;
  }

  async #fetch(row: PendingRow): Promise<void> {
    let outcome: { bytes: Buffer; contentType: string } | { error: string; final: boolean };
    try {
      const fetched = await fetchProviderMedia(row.source_url, {
        credentials: await this.#credentials(row.workspace_id),
        maxBytes: this.#options.maxBytes ?? (RECORDING_FILE.test(row.source_url) ? RECORDING_MAX_BYTES : MEDIA_MAX_BYTES),
        deadlineMs: FETCH_DEADLINE_MS,
        standInOrigin: this.#options.twilioApiUrl ? new URL(this.#options.twilioApiUrl).origin : null,
        resolve: this.#options.resolve,
      });
      outcome = { bytes: fetched.bytes, contentType: checkedType(fetched.contentType ?? row.content_type, fetched.bytes) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcome = { error: reason.slice(0, 400), final: error instanceof MediaRefusedError || Number(row.attempts) >= MEDIA_FETCH_ATTEMPTS };
    }
    // Every write is conditional on this claim (status and attempt): a claim that ran out and was
    // taken over elsewhere changes nothing here.
    const claim = "status = 'pending' and attempts = ?";
    const found = await changeMessage(this.#orm, row.workspace_id, row.message_id, this.#publish, async (message, em) => {
      const summaries = (Array.isArray(message.meta.attachments) ? message.meta.attachments : []) as WireAttachment[];
      let next: Partial<WireAttachment>;
      if ('bytes' in outcome) {
        const { bytes, contentType } = outcome;
        const [kept] = await sqlAll(em, `update attachments set status = 'stored', size = ?, sha256 = ?, content_type = ?, lease_until = null, error = null where id = ? and ${claim} returning id`, [bytes.length, createHash('sha256').update(bytes).digest('hex'), contentType, row.id, row.attempts]);
        if (!kept) return { announce: false, result: true };
        await sqlAll(em, 'insert into attachment_contents (attachment_id, data) values (?, ?)', [row.id, bytes]);
        next = { state: 'ready', size: bytes.length, contentType, error: null };
      } else if (outcome.final) {
        const error = `Could not fetch this file from the provider: ${outcome.error}`;
        const [marked] = await sqlAll(em, `update attachments set status = 'failed', lease_until = null, error = ? where id = ? and ${claim} returning id`, [error, row.id, row.attempts]);
        if (!marked) return { announce: false, result: true };
        next = { state: 'failed', error };
      } else {
        // Kept pending: tried again after a pause; the thread keeps showing it as on its way.
        const pause = Math.min(10 * 60_000, (this.#options.retryMs ?? 5_000) * 2 ** (Number(row.attempts) - 1));
        await sqlAll(em, `update attachments set lease_until = ?, error = ? where id = ? and ${claim}`, [Date.now() + pause, outcome.error, row.id, row.attempts]);
        this.kickAfter(pause);
        return { announce: false, result: true };
      }
      message.meta = { ...message.meta, attachments: summaries.map((a) => (a.id === row.id ? { ...a, ...next } : a)) };
      return { announce: true, result: true };
    });
    // Its message is gone (the conversation was deleted): so is the file.
    if (!found) await sqlAll(this.#orm.em.fork() as unknown as EntityManager, 'delete from attachments where id = ? and workspace_id = ?', [row.id, row.workspace_id]);
  }

  /** Basic credentials for Twilio's media URLs: the workspace's API key, else its auth token. */
  async #credentials(workspaceId: string): Promise<{ username: string; password: string } | null> {
    const account = await loadTwilioAccount(this.#orm.em.fork() as unknown as EntityManager, this.#options.keyring, workspaceId);
    const credentials = account ? restCredentials(account) : null;
    return credentials ? { username: credentials.apiKeySid ?? credentials.accountSid, password: credentials.secret } : null;
  }
}
