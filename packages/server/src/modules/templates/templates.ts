// The workspace's WhatsApp templates: its own Twilio account's (Twilio's Content API), or the
// sandbox's when it has none. Read from Twilio at most once a minute per workspace and account
// settings, so the composer's list and each template send do not each cost a request to Twilio;
// a template approved meanwhile shows within the minute.
import type { CommandContext } from '../../commands/context.js';
import type { CommandResult, MessageTemplate } from '@convkit/sdk/protocol';
import { AppError } from '../../errors.js';
import { SANDBOX_TEMPLATES } from '../../channels/sandbox-templates.js';
import { loadTwilioAccount, restCredentials } from '../../channels/twilio/settings.js';
import { twilioClient } from '../../channels/twilio/client.js';
import { fetchTwilioTemplates } from '../../channels/twilio/content-templates.js';

const FRESH_MS = 60_000;
/** How long the composer's list may wait on Twilio. */
const READ_TIMEOUT_MS = 10_000;

/** By workspace: what was read, for which account settings, and when. */
const read = new Map<string, { settings: string; at: number; templates: MessageTemplate[] }>();

const STATUS_ORDER: MessageTemplate['status'][] = ['approved', 'pending', 'paused', 'rejected', 'disabled', 'unsubmitted'];
const byUse = (a: MessageTemplate, b: MessageTemplate) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.name.localeCompare(b.name) || a.language.localeCompare(b.language);

export async function workspaceTemplates(ctx: CommandContext): Promise<MessageTemplate[]> {
  const workspaceId = ctx.actor.workspaceId;
  const account = await loadTwilioAccount(ctx.em, ctx.providers.keyring, workspaceId);
  if (!account) return [...SANDBOX_TEMPLATES].sort(byUse);
  const settings = `${account.accountSid}:${account.updatedAt}`;
  const kept = read.get(workspaceId);
  if (kept && kept.settings === settings && Date.now() - kept.at < FRESH_MS) return kept.templates;
  const credentials = restCredentials(account);
  if (!credentials) throw new AppError('channel_unavailable', "This workspace's Twilio settings have no auth token or API key, so its WhatsApp templates cannot be read: an admin must add one.", { reason: 'no_auth_token' });
  let templates: MessageTemplate[];
  try {
    templates = (await fetchTwilioTemplates(twilioClient(credentials, { apiUrl: ctx.providers.twilioApiUrl, timeoutMs: READ_TIMEOUT_MS }))).sort(byUse);
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const code = (error as { code?: unknown }).code;
    if (typeof status === 'number' && status < 500 && status !== 429) {
      throw new AppError('provider_rejected', `Twilio refused to list the WhatsApp templates (HTTP ${status}${typeof code === 'number' ? `, error ${code}` : ''}): an admin should check the workspace's Twilio settings.`, { providerCode: typeof code === 'number' ? code : status });
    }
    throw new AppError('provider_unavailable', 'Twilio did not answer with the WhatsApp templates: try again in a moment.');
  }
  read.set(workspaceId, { settings, at: Date.now(), templates });
  return templates;
}

export async function listTemplates(ctx: CommandContext): Promise<CommandResult<'templates.list'>> {
  return { items: await workspaceTemplates(ctx) };
}
