// Twilio credentials by workspace slug, kept for a short while. Checking a signature needs the
// workspace's auth token; with this cache a flood of forged requests costs an HMAC each, not a
// query, and a known workspace's real deliveries are never refused because of it. A changed
// auth token is picked up within CREDENTIALS_TTL_MS.
import type { Orm } from '../../db/orm.js';
import { findWorkspaceBySlug } from '../../modules/workspaces/workspaces.service.js';

export interface WebhookCredentials {
  workspaceId: string;
  authToken: string;
}

const CREDENTIALS_TTL_MS = 30_000;
/** Slugs remembered at once, unknown ones included; the oldest is forgotten first. */
const MAX_ENTRIES = 1000;

export class WebhookCredentialsCache {
  readonly #orm: Orm;
  readonly #entries = new Map<string, { value: WebhookCredentials | null; until: number }>();

  constructor(orm: Orm) {
    this.#orm = orm;
  }

  /** Whether the slug was looked up lately (so asking again costs no query). */
  isCached(slug: string): boolean {
    const entry = this.#entries.get(slug);
    return entry !== undefined && entry.until > Date.now();
  }

  async get(slug: string): Promise<WebhookCredentials | null> {
    const entry = this.#entries.get(slug);
    if (entry && entry.until > Date.now()) return entry.value;
    const workspace = await findWorkspaceBySlug(this.#orm, slug);
    const value = workspace?.twilioAuthToken ? { workspaceId: workspace.id, authToken: workspace.twilioAuthToken } : null;
    this.#entries.delete(slug);
    this.#entries.set(slug, { value, until: Date.now() + CREDENTIALS_TTL_MS });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }
}
