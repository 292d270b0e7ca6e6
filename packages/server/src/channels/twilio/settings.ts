// A workspace's Twilio account: saved only after Twilio has answered for the credentials, kept
// with its secrets sealed, and shown without them. Both the REST routes and the CLI go through here.
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../../db/orm.js';
import { AppError } from '../../errors.js';
import type { Keyring } from '../../secrets/keyring.js';
import { WorkspaceSchema, type Workspace } from '../../modules/workspaces/workspace.entity.js';
import { TwilioAccountSchema, type TwilioAccount } from './twilio-account.entity.js';
import { checkSettings, type TwilioSettingsInput } from './settings-input.js';
import { twilioClient } from './client.js';
import type { TwilioCredentials } from './credentials.js';
import { twilioSmsPath, twilioStatusPath, twilioVoicePath, twilioVoiceStatusPath } from './paths.js';

/** The sealed field's name: it binds the sealed value to this use. */
const SECRETS_FIELD = 'twilio_accounts.sealed_secrets';
/** Saving waits this long for Twilio's answer. */
const VERIFY_TIMEOUT_MS = 10_000;

export interface TwilioSecrets {
  authToken?: string;
  apiKeySecret?: string;
}

/** A workspace's Twilio account with its secrets opened: for this server's own use only. */
export interface OpenedTwilioAccount {
  workspaceId: string;
  accountSid: string;
  apiKeySid: string | null;
  secrets: TwilioSecrets;
  messagingNumbers: string[];
  messagingServiceSid: string | null;
  whatsappNumber: string | null;
  voiceNumber: string | null;
  publicUrl: string | null;
  updatedAt: number;
}

/** What the API shows of a workspace's Twilio settings: never a secret, only whether it is set. */
export interface TwilioSettingsView {
  mode: 'live' | 'sandbox';
  accountSid: string | null;
  accountName: string | null;
  apiKeySid: string | null;
  authToken: 'set' | 'not set';
  apiKeySecret: 'set' | 'not set';
  messagingNumbers: string[];
  messagingServiceSid: string | null;
  whatsappNumber: string | null;
  voiceNumber: string | null;
  publicUrl: string | null;
  /** Where to point the Twilio console's webhooks. */
  webhooks: { messages: string; status: string; voice: string; voiceStatus: string };
  verifiedAt: number | null;
  /** What does not work with these settings, and what to do about it. */
  warnings: string[];
}

export interface TwilioSettingsDeps {
  orm: Orm;
  keyring: Keyring;
  /** CONVKIT_TWILIO_API_URL: a stand-in for Twilio's API; null for Twilio itself. */
  twilioApiUrl: string | null;
  /** The server's PUBLIC_URL. */
  publicUrl: string;
}

const fork = (orm: Orm) => orm.em.fork() as unknown as EntityManager;

export async function loadTwilioAccount(em: EntityManager, keyring: Keyring, workspaceId: string): Promise<OpenedTwilioAccount | null> {
  const row = (await em.findOne(TwilioAccountSchema, { workspace: workspaceId })) as TwilioAccount | null;
  if (!row) return null;
  const secrets = JSON.parse(keyring.open(workspaceId, SECRETS_FIELD, row.sealedSecrets)) as TwilioSecrets;
  const { accountSid, apiKeySid, messagingNumbers, messagingServiceSid, whatsappNumber, voiceNumber, publicUrl, updatedAt } = row;
  return { workspaceId, accountSid, apiKeySid: apiKeySid ?? null, secrets, messagingNumbers, messagingServiceSid: messagingServiceSid ?? null, whatsappNumber: whatsappNumber ?? null, voiceNumber: voiceNumber ?? null, publicUrl: publicUrl ?? null, updatedAt };
}

/** The credentials REST calls use: the API key when there is one, else the auth token. */
export function restCredentials(account: Pick<OpenedTwilioAccount, 'accountSid' | 'apiKeySid' | 'secrets'>): TwilioCredentials | null {
  if (account.apiKeySid && account.secrets.apiKeySecret) return { accountSid: account.accountSid, apiKeySid: account.apiKeySid, secret: account.secrets.apiKeySecret };
  if (account.secrets.authToken) return { accountSid: account.accountSid, secret: account.secrets.authToken };
  return null;
}

export async function readTwilioSettings(deps: TwilioSettingsDeps, workspaceId: string): Promise<TwilioSettingsView> {
  const em = fork(deps.orm);
  const workspace = (await em.findOneOrFail(WorkspaceSchema, { id: workspaceId })) as Workspace;
  const row = (await em.findOne(TwilioAccountSchema, { workspace: workspaceId })) as TwilioAccount | null;
  const account = row ? await loadTwilioAccount(em, deps.keyring, workspaceId) : null;
  return settingsView(workspace, row, account, deps.publicUrl);
}

/**
 * Checks the settings, asks Twilio whether the credentials open the account (and, when an API
 * key is given too, whether the auth token does: Twilio signs webhooks with it), then stores
 * them sealed. Nothing is stored when any of that fails.
 */
export async function saveTwilioSettings(deps: TwilioSettingsDeps, workspaceId: string, input: TwilioSettingsInput): Promise<TwilioSettingsView> {
  const settings = checkSettings(input);
  const em = fork(deps.orm);
  const existing = await loadTwilioAccount(em, deps.keyring, workspaceId);
  const sameAccount = existing?.accountSid === settings.accountSid;
  const secrets: TwilioSecrets = {};
  const authToken = settings.authToken ?? (sameAccount ? existing.secrets.authToken : undefined);
  if (authToken) secrets.authToken = authToken;
  const apiKeySecret = settings.apiKeySecret ?? (sameAccount && existing.apiKeySid === settings.apiKeySid ? existing.secrets.apiKeySecret : undefined);
  if (settings.apiKeySid) {
    if (!apiKeySecret) throw new AppError('invalid_params', 'apiKeySecret: the API key needs its secret.', { path: 'apiKeySecret' });
    secrets.apiKeySecret = apiKeySecret;
  }
  if (!secrets.authToken && !secrets.apiKeySecret) throw new AppError('invalid_params', 'authToken: give the auth token, or an API key and its secret.', { path: 'authToken' });

  let accountName = '';
  if (settings.apiKeySid) accountName = await verifyWithTwilio(deps, { accountSid: settings.accountSid, apiKeySid: settings.apiKeySid, secret: secrets.apiKeySecret! }, 'apiKeySecret');
  if (secrets.authToken) accountName = await verifyWithTwilio(deps, { accountSid: settings.accountSid, secret: secrets.authToken }, 'authToken');

  const now = Date.now();
  const values = {
    accountSid: settings.accountSid,
    apiKeySid: settings.apiKeySid,
    sealedSecrets: deps.keyring.seal(workspaceId, SECRETS_FIELD, JSON.stringify(secrets)),
    messagingNumbers: settings.messagingNumbers,
    messagingServiceSid: settings.messagingServiceSid,
    whatsappNumber: settings.whatsappNumber,
    voiceNumber: settings.voiceNumber,
    publicUrl: settings.publicUrl,
    accountName: accountName.slice(0, 200),
    verifiedAt: now,
    // Strictly later than what it replaces: adapters built from the old settings are dropped.
    updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
  };
  const row = (await em.findOne(TwilioAccountSchema, { workspace: workspaceId })) as TwilioAccount | null;
  if (row) em.assign(row, values);
  else em.create(TwilioAccountSchema, { workspace: workspaceId, ...values });
  await em.flush();
  return readTwilioSettings(deps, workspaceId);
}

/** Back to sandbox mode: the credentials are deleted. Says whether there were any. */
export async function removeTwilioSettings(orm: Orm, workspaceId: string): Promise<boolean> {
  const em = fork(orm);
  return (await em.nativeDelete(TwilioAccountSchema, { workspace: workspaceId })) > 0;
}

async function verifyWithTwilio(deps: TwilioSettingsDeps, credentials: TwilioCredentials, path: 'authToken' | 'apiKeySecret'): Promise<string> {
  let account;
  try {
    account = await twilioClient(credentials, { apiUrl: deps.twilioApiUrl, timeoutMs: VERIFY_TIMEOUT_MS }).api.v2010.accounts(credentials.accountSid).fetch();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const code = (error as { code?: unknown }).code;
    if (status === 401 || status === 403 || status === 404) {
      const what = path === 'authToken' ? 'the account SID and auth token' : 'the API key and its secret';
      throw new AppError('provider_rejected', `Twilio refused ${what} (error ${typeof code === 'number' ? code : status}): check them in the Twilio console. Nothing was saved.`, { path, providerCode: typeof code === 'number' ? code : Number(status) });
    }
    const why = typeof status === 'number' ? `it answered HTTP ${status}` : 'it could not be reached';
    throw new AppError('provider_unavailable', `Twilio could not check these credentials (${why}). Nothing was saved: try again shortly.`);
  }
  if (account.status !== 'active') {
    throw new AppError('provider_rejected', `Twilio says this account is ${account.status}: only an active account can send. Nothing was saved.`, { path: 'accountSid', providerCode: account.status });
  }
  return account.friendlyName ?? '';
}

function settingsView(workspace: Workspace, row: TwilioAccount | null, account: OpenedTwilioAccount | null, serverUrl: string): TwilioSettingsView {
  const base = account?.publicUrl ?? serverUrl;
  const webhooks = { messages: base + twilioSmsPath(workspace.slug), status: base + twilioStatusPath(workspace.slug), voice: base + twilioVoicePath(workspace.slug), voiceStatus: base + twilioVoiceStatusPath(workspace.slug) };
  if (!row || !account) {
    return { mode: 'sandbox', accountSid: null, accountName: null, apiKeySid: null, authToken: 'not set', apiKeySecret: 'not set', messagingNumbers: [], messagingServiceSid: null, whatsappNumber: null, voiceNumber: null, publicUrl: null, webhooks, verifiedAt: null, warnings: [] };
  }
  const warnings: string[] = [];
  if (!account.secrets.authToken) warnings.push("Without the auth token, Twilio's webhooks cannot be verified, so inbound messages and delivery reports are refused: add the auth token.");
  if (!account.messagingNumbers.length && !account.messagingServiceSid) warnings.push('No sending number or Messaging Service: SMS and MMS cannot be sent.');
  if (!account.voiceNumber) warnings.push('No voice number: calls cannot be placed (click to call) or received.');
  return {
    mode: 'live',
    accountSid: account.accountSid,
    accountName: row.accountName,
    apiKeySid: account.apiKeySid,
    authToken: account.secrets.authToken ? 'set' : 'not set',
    apiKeySecret: account.secrets.apiKeySecret ? 'set' : 'not set',
    messagingNumbers: account.messagingNumbers,
    messagingServiceSid: account.messagingServiceSid,
    whatsappNumber: account.whatsappNumber,
    voiceNumber: account.voiceNumber,
    publicUrl: account.publicUrl,
    webhooks,
    verifiedAt: row.verifiedAt,
    warnings,
  };
}
