// API keys: the host backend's service identities. A key is "ck_<id>_<secret>": the id finds its
// row, and only the SHA-256 of the secret is stored (the secret is 256 random bits, so a plain
// hash is as strong as a slow one, and costs nothing per request). The key is shown once, when
// it is created. Each key has its own service user, which authors what the key writes ("via
// API"), is never listed among agents and never reads.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../../db/orm.js';
import { newId } from '../../db/columns.js';
import { parseJson, sqlAll } from '../../db/sql.js';
import { runTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { storableLine } from '../../text/storable.js';
import { UserSchema, type User } from '../users/user.entity.js';
import { WorkspaceSchema, type Workspace } from '../workspaces/workspace.entity.js';
import { API_KEY_SCOPES, isApiKeyScope, type ApiKeyScope } from './scopes.js';

const PREFIX = 'ck_';
const ID_LENGTH = 36;
/** How often a key's last use is written at most: a busy key must not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The start of the key, to tell keys apart in a list (the secret is never shown again). */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  scopes: unknown;
  secret_hash: string;
  created_at: unknown;
  last_used_at: unknown;
  revoked_at: unknown;
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());
const scopesOf = (value: unknown) => ((typeof value === 'string' ? parseJson(value) : value) as string[]).filter(isApiKeyScope);

function toView(row: ApiKeyRow): ApiKeyView {
  return { id: row.id, name: row.name, scopes: scopesOf(row.scopes), prefix: `${PREFIX}${row.id.slice(0, 8)}`, createdAt: iso(row.created_at)!, lastUsedAt: iso(row.last_used_at), revokedAt: iso(row.revoked_at) };
}

export function isApiKey(token: string): boolean {
  return token.startsWith(PREFIX);
}

/** Checks a new key's name and scopes; the reason names the field. */
function checkedInput(input: { name?: unknown; scopes?: unknown }): { name: string; scopes: ApiKeyScope[] } {
  const name = typeof input.name === 'string' ? storableLine(input.name).trim() : '';
  if (!name) throw new AppError('invalid_params', 'name: say what the key is for, e.g. "CRM sync".', { path: 'name' });
  if (!Array.isArray(input.scopes) || input.scopes.length === 0) throw new AppError('invalid_params', `scopes: give at least one of ${API_KEY_SCOPES.join(', ')}.`, { path: 'scopes' });
  const unknown = input.scopes.find((scope) => !isApiKeyScope(scope));
  if (unknown !== undefined) throw new AppError('invalid_params', `scopes: "${String(unknown).slice(0, 40)}" is no scope; use ${API_KEY_SCOPES.join(', ')}.`, { path: 'scopes' });
  return { name, scopes: [...new Set(input.scopes as ApiKeyScope[])] };
}

/** Creates a key and its service user; the key itself is in the answer and nowhere else. */
export async function createApiKey(orm: Orm, workspace: Workspace, input: { name?: unknown; scopes?: unknown }): Promise<ApiKeyView & { key: string }> {
  const { name, scopes } = checkedInput(input);
  const id = newId();
  const secret = randomBytes(32).toString('base64url');
  const now = Date.now();
  await runTransaction(orm, async (em) => {
    const user = em.create(UserSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspace.id), externalId: `api-key:${id}`, name, email: null, role: 'admin', kind: 'service', createdAt: now }) as User;
    await em.flush();
    await sqlAll(em, 'insert into api_keys (id, workspace_id, user_id, name, scopes, secret_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)', [id, workspace.id, user.id, name, JSON.stringify(scopes), hashOf(secret), now]);
  });
  return { ...toView({ id, workspace_id: workspace.id, user_id: '', name, scopes, secret_hash: '', created_at: now, last_used_at: null, revoked_at: null }), key: `${PREFIX}${id}_${secret}` };
}

export async function listApiKeys(orm: Orm, workspace: Workspace): Promise<ApiKeyView[]> {
  const rows = await sqlAll<ApiKeyRow>(orm.em.fork() as unknown as EntityManager, 'select * from api_keys where workspace_id = ? order by created_at, id', [workspace.id]);
  return rows.map(toView);
}

/** Revokes a key at once, on every node (each request reads the row). Revoking twice is one revocation. */
export async function revokeApiKey(orm: Orm, workspace: Workspace, id: string): Promise<ApiKeyView> {
  const em = orm.em.fork() as unknown as EntityManager;
  await sqlAll(em, 'update api_keys set revoked_at = ? where id = ? and workspace_id = ? and revoked_at is null', [Date.now(), id, workspace.id]);
  const [row] = await sqlAll<ApiKeyRow>(em, 'select * from api_keys where id = ? and workspace_id = ?', [id, workspace.id]);
  if (!row) throw new AppError('not_found', 'No API key with this id in this workspace.', { path: 'id' });
  return toView(row);
}

export interface VerifiedApiKey {
  workspace: Workspace;
  user: User;
  keyId: string;
  scopes: ApiKeyScope[];
}

const refused = () => new AppError('unauthenticated', 'The API key is invalid or has been revoked.');

/** The workspace and service user of a key; an unknown, wrong or revoked key is refused alike. */
export async function verifyApiKey(orm: Orm, token: string): Promise<VerifiedApiKey> {
  const id = token.slice(PREFIX.length, PREFIX.length + ID_LENGTH);
  const secret = token.slice(PREFIX.length + ID_LENGTH + 1);
  if (token[PREFIX.length + ID_LENGTH] !== '_' || !/^[0-9a-f-]{36}$/.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) throw refused();
  const em = orm.em.fork() as unknown as EntityManager;
  const [row] = await sqlAll<ApiKeyRow>(em, 'select * from api_keys where id = ?', [id]);
  if (!row || row.revoked_at !== null || !timingSafeEqual(Buffer.from(hashOf(secret)), Buffer.from(row.secret_hash))) throw refused();
  const workspace = (await em.findOne(WorkspaceSchema, { id: row.workspace_id })) as Workspace | null;
  const user = (await em.findOne(UserSchema, { id: row.user_id, workspace: row.workspace_id })) as User | null;
  if (!workspace || !user) throw refused();
  const now = Date.now();
  if (row.last_used_at === null || now - Number(row.last_used_at) > LAST_USED_EVERY_MS) {
    await sqlAll(em, 'update api_keys set last_used_at = ? where id = ?', [now, id]);
  }
  return { workspace, user, keyId: id, scopes: scopesOf(row.scopes) };
}
