// The host's webhook endpoints: where a workspace's events are posted, signed with the endpoint's
// own secret (sealed in the database, shown once when the endpoint is made). A new endpoint gets
// the events from its creation on; one that was disabled gets, once enabled again, every event it
// missed meanwhile, since its place in the event log did not move.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { EntityManager } from '@mikro-orm/sql';
import { EVENT_TYPES } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { newId } from '../../db/columns.js';
import { parseJson, sqlAll } from '../../db/sql.js';
import { AppError } from '../../errors.js';
import type { Keyring } from '../../secrets/keyring.js';
import { isPrivateAddress } from '../attachments/provider-media-fetch.js';

/** Endpoints per workspace at most. */
export const MAX_ENDPOINTS = 10;
/** The longest endpoint URL. */
export const MAX_URL_LENGTH = 2000;

export interface EndpointRow {
  id: string;
  workspace_id: string;
  url: string;
  secret: string;
  event_types: unknown;
  cursor_seq: unknown;
  disabled_at: unknown;
  disabled_reason: string | null;
  created_at: unknown;
}

export interface EndpointView {
  id: string;
  url: string;
  /** The event types posted; null: every type. */
  events: string[] | null;
  enabled: boolean;
  /** Why the endpoint was disabled (by the server after failures, or by hand); null while enabled. */
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
}

export interface EndpointInput {
  url?: string;
  events?: string[] | null;
  enabled?: boolean;
}

const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());
export const secretField = (endpointId: string) => `webhookSecret:${endpointId}`;

export function toEndpointView(row: EndpointRow): EndpointView {
  const types = row.event_types === null ? null : typeof row.event_types === 'string' ? parseJson<string[]>(row.event_types) : (row.event_types as string[]);
  return { id: row.id, url: row.url, events: types, enabled: row.disabled_at === null, disabledReason: row.disabled_at === null ? null : row.disabled_reason, disabledAt: iso(row.disabled_at), createdAt: iso(row.created_at)! };
}

/** An endpoint URL: http(s), no credentials in it, and, unless the server allows it, not an address of our own network. */
export function checkedUrl(text: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('invalid_params', 'url: not a URL; give the https:// address your server takes webhooks at.', { path: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('invalid_params', 'url: only http:// and https:// addresses take webhooks.', { path: 'url' });
  if (url.username || url.password) throw new AppError('invalid_params', 'url: no user name or password in the URL; verify the signature instead.', { path: 'url' });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || (isIP(host) && isPrivateAddress(host)))) {
    throw new AppError('invalid_params', 'url: a private or loopback address; this server posts webhooks only to public addresses (CONVKIT_WEBHOOKS_ALLOW_PRIVATE allows others).', { path: 'url' });
  }
  return url.href;
}

function checkedEvents(events: string[] | null | undefined): string[] | null {
  if (events === undefined || events === null) return null;
  const unknown = events.find((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown !== undefined) throw new AppError('invalid_params', `events: "${unknown.slice(0, 64)}" is no event type; use ${EVENT_TYPES.join(', ')}, or leave it out for all.`, { path: 'events' });
  if (events.length === 0) throw new AppError('invalid_params', 'events: name at least one event type, or leave it out for all.', { path: 'events' });
  return [...new Set(events)];
}

const fork = (orm: Orm) => orm.em.fork() as unknown as EntityManager;

export async function endpointOf(em: EntityManager, workspaceId: string, id: string): Promise<EndpointRow> {
  const [row] = await sqlAll<EndpointRow>(em, 'select * from webhook_endpoints where id = ? and workspace_id = ?', [id, workspaceId]);
  if (!row) throw new AppError('not_found', 'No webhook endpoint with this id in your workspace.', { path: 'id' });
  return row;
}

export async function listEndpoints(orm: Orm, workspaceId: string): Promise<EndpointView[]> {
  return (await sqlAll<EndpointRow>(fork(orm), 'select * from webhook_endpoints where workspace_id = ? order by created_at, id', [workspaceId])).map(toEndpointView);
}

/** A new endpoint, from the workspace's next event on; its secret is in the answer only. */
export async function createEndpoint(orm: Orm, keyring: Keyring, workspaceId: string, input: EndpointInput, allowPrivate: boolean): Promise<EndpointView & { secret: string }> {
  const url = checkedUrl(input.url ?? '', allowPrivate);
  const events = checkedEvents(input.events);
  const em = fork(orm);
  const [{ n }] = (await sqlAll<{ n: unknown }>(em, 'select count(*) as n from webhook_endpoints where workspace_id = ?', [workspaceId])) as [{ n: unknown }];
  if (Number(n) >= MAX_ENDPOINTS) throw new AppError('invalid_params', `A workspace has at most ${MAX_ENDPOINTS} webhook endpoints; remove one first.`, { path: 'url' });
  const id = newId();
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const now = Date.now();
  // Its place in the log: the newest event now (a later one is the first it gets).
  await sqlAll(
    em,
    'insert into webhook_endpoints (id, workspace_id, url, secret, event_types, cursor_seq, created_at) values (?, ?, ?, ?, ?, (select last_event_seq from workspaces where id = ?), ?)',
    [id, workspaceId, url, keyring.seal(workspaceId, secretField(id), secret), events === null ? null : JSON.stringify(events), workspaceId, now],
  );
  return { ...toEndpointView((await endpointOf(em, workspaceId, id))), secret };
}

/** Changes the URL or types, or disables or enables the endpoint (its missed events follow on enabling). */
export async function updateEndpoint(orm: Orm, workspaceId: string, id: string, input: EndpointInput, allowPrivate: boolean): Promise<EndpointView> {
  const em = fork(orm);
  await endpointOf(em, workspaceId, id);
  const now = Date.now();
  if (input.url !== undefined) await sqlAll(em, 'update webhook_endpoints set url = ? where id = ?', [checkedUrl(input.url, allowPrivate), id]);
  if (input.events !== undefined) {
    const events = checkedEvents(input.events);
    await sqlAll(em, 'update webhook_endpoints set event_types = ? where id = ?', [events === null ? null : JSON.stringify(events), id]);
  }
  if (input.enabled === false) await sqlAll(em, "update webhook_endpoints set disabled_at = ?, disabled_reason = 'Disabled by an admin.' where id = ? and disabled_at is null", [now, id]);
  if (input.enabled === true) {
    await sqlAll(em, 'update webhook_endpoints set disabled_at = null, disabled_reason = null where id = ?', [id]);
    // What waited while it was off goes now, each with its retries anew.
    await sqlAll(em, "update webhook_deliveries set next_attempt_at = ?, status = 'pending', created_at = ? where endpoint_id = ? and status in ('pending', 'failed')", [now, now, id]);
  }
  return toEndpointView(await endpointOf(em, workspaceId, id));
}

export async function deleteEndpoint(orm: Orm, workspaceId: string, id: string): Promise<EndpointView> {
  const em = fork(orm);
  const row = await endpointOf(em, workspaceId, id);
  await sqlAll(em, 'delete from webhook_endpoints where id = ?', [id]);
  return toEndpointView(row);
}
