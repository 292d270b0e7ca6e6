// Twilio credentials by workspace slug, kept for a short while. Checking a signature needs the
// workspace's auth token; with this cache a flood of forged requests costs an HMAC each, not a
// query. A changed auth token is picked up within CREDENTIALS_TTL_MS.
import type { Orm } from '../../db/orm.js';
import { findWorkspaceBySlug } from '../../modules/workspaces/workspaces.service.js';
import { isStorableSlug } from '../../auth/claims.js';

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

  async get(slug: string): Promise<WebhookCredentials | null> {
    // A slug that cannot exist is neither looked up nor remembered.
    if (!isStorableSlug(slug)) return null;
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
