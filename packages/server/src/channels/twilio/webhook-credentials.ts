// Twilio credentials by workspace slug, kept for a short while. Checking a signature needs the
// workspace's auth token: its own Twilio account's (opened with the server key), or in sandbox
// mode the one generated for the simulator. With this cache a flood of forged requests costs an
// HMAC each, not a query. This node forgets a slug when its settings are saved; other nodes pick
// up a change within CREDENTIALS_TTL_MS.
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../../db/orm.js';
import type { Keyring } from '../../secrets/keyring.js';
import { findWorkspaceBySlug } from '../../modules/workspaces/workspaces.service.js';
import type { Workspace } from '../../modules/workspaces/workspace.entity.js';
import { isStorableSlug } from '../../auth/claims.js';
import { loadTwilioAccount } from './settings.js';

export interface WebhookCredentials {
  workspaceId: string;
  authToken: string;
  /** The base URL Twilio was given for this workspace; null: the server's PUBLIC_URL. */
  publicUrl: string | null;
}

const CREDENTIALS_TTL_MS = 30_000;
/** Slugs remembered at once, unknown ones included; the oldest is forgotten first. */
const MAX_ENTRIES = 1000;

export class WebhookCredentialsCache {
  readonly #orm: Orm;
  readonly #keyring: Keyring;
  readonly #entries = new Map<string, { value: WebhookCredentials | null; until: number }>();

  constructor(orm: Orm, keyring: Keyring) {
    this.#orm = orm;
    this.#keyring = keyring;
  }

  /** Drops what this node remembers of a workspace (its settings changed). */
  forget(slug: string): void {
    this.#entries.delete(slug);
  }

  async get(slug: string): Promise<WebhookCredentials | null> {
    // A slug that cannot exist is neither looked up nor remembered.
    if (!isStorableSlug(slug)) return null;
    const entry = this.#entries.get(slug);
    if (entry && entry.until > Date.now()) return entry.value;
    const workspace = await findWorkspaceBySlug(this.#orm, slug);
    const value = workspace ? await webhookCredentials(this.#orm, this.#keyring, workspace) : null;
    this.#entries.delete(slug);
    this.#entries.set(slug, { value, until: Date.now() + CREDENTIALS_TTL_MS });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }
}

/**
 * What Twilio signs a workspace's webhooks with: its own account's auth token, or in sandbox mode
 * the simulator's. Null for a live workspace without its auth token: nothing it is sent is believed.
 */
export async function webhookCredentials(orm: Orm, keyring: Keyring, workspace: Workspace): Promise<WebhookCredentials | null> {
  const account = await loadTwilioAccount(orm.em.fork() as unknown as EntityManager, keyring, workspace.id);
  const authToken = account ? account.secrets.authToken : workspace.twilioAuthToken;
  return authToken ? { workspaceId: workspace.id, authToken, publicUrl: account?.publicUrl ?? null } : null;
}
