// `convkit twilio show|set|remove`: a workspace's Twilio account from the operator's shell, through
// the same checks as REST (Twilio is asked before anything is saved). Secrets come from the
// environment, never from arguments, which shells keep in their history and `ps` shows to all.
import { existsSync } from 'node:fs';
import type { Orm } from '../db/orm.js';
import type { ServerConfig } from '../config.js';
import { Keyring } from '../secrets/keyring.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { readTwilioSettings, removeTwilioSettings, saveTwilioSettings, type TwilioSettingsView } from '../channels/twilio/settings.js';
import type { TwilioSettingsInput } from '../channels/twilio/settings-input.js';
import { AppError } from '../errors.js';

export interface TwilioCommandOptions {
  workspace: string;
  accountSid?: string | undefined;
  apiKey?: string | undefined;
  messagingNumbers?: string[] | undefined;
  messagingService?: string | undefined;
  whatsappNumber?: string | undefined;
  voiceNumber?: string | undefined;
  publicUrl?: string | undefined;
}

/** The settings `twilio set` (and `admin twilio set`) send: flags, and the secrets from the environment. */
export function twilioInputFrom(options: Omit<TwilioCommandOptions, 'workspace'>, env: NodeJS.ProcessEnv): TwilioSettingsInput {
  if (!options.accountSid) throw new AppError('invalid_params', 'twilio set needs --account-sid AC…', { path: 'accountSid' });
  return {
    accountSid: options.accountSid,
    ...(env.TWILIO_AUTH_TOKEN ? { authToken: env.TWILIO_AUTH_TOKEN } : {}),
    ...(options.apiKey ? { apiKeySid: options.apiKey } : {}),
    ...(env.TWILIO_API_KEY_SECRET ? { apiKeySecret: env.TWILIO_API_KEY_SECRET } : {}),
    messagingNumbers: options.messagingNumbers ?? [],
    messagingServiceSid: options.messagingService ?? null,
    whatsappNumber: options.whatsappNumber ?? null,
    voiceNumber: options.voiceNumber ?? null,
    publicUrl: options.publicUrl ?? null,
  };
}

export async function twilioCommand(orm: Orm, config: ServerConfig, action: string | undefined, options: TwilioCommandOptions, env: NodeJS.ProcessEnv): Promise<TwilioSettingsView> {
  // The server's own key, never a new one: secrets sealed with a key the server lacks would not open there.
  if (!config.secretKey.key && !existsSync(config.secretKey.file)) {
    throw new AppError('invalid_params', `No server key: set CONVKIT_SECRET_KEY to the running server's key, or run this where the server keeps ${config.secretKey.file} (CONVKIT_DATA_DIR).`);
  }
  const workspace = await findWorkspaceBySlug(orm, options.workspace);
  if (!workspace) throw new AppError('not_found', `No workspace "${options.workspace}".`);
  const deps = { orm, keyring: Keyring.load(config.secretKey), twilioApiUrl: config.twilioApiUrl, publicUrl: config.publicUrl };
  switch (action) {
    case 'show':
      return readTwilioSettings(deps, workspace.id);
    case 'remove':
      await removeTwilioSettings(orm, workspace.id);
      return readTwilioSettings(deps, workspace.id);
    case 'set': {
      const input = twilioInputFrom(options, env);
      return saveTwilioSettings(deps, workspace.id, input);
    }
    default:
      throw new AppError('invalid_params', 'twilio takes show, set or remove.');
  }
}
