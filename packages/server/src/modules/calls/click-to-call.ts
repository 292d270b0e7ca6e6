// Click to call (seed 003's "EZ Call"): Twilio rings the agent's phone, and when the agent answers
// asks the bridge step (voice-webhook.ts) what to do, which calls the contact from the workspace's
// voice number and joins them. The entry is in the thread before Twilio is asked, so every report
// about the call, however early, has an entry to name; in sandbox mode the call is made up
// (sandbox-calls.ts).
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandContext } from '../../commands/context.js';
import { writeTransaction } from '../../db/transaction.js';
import { sqlAll } from '../../db/sql.js';
import { AppError } from '../../errors.js';
import { contactName, toMessageDto } from '../dto.js';
import { lockConversation } from '../conversations/conversations.service.js';
import type { Contact } from '../contacts/contact.entity.js';
import { appendToThread } from '../messages/thread-writer.js';
import { MessageSchema, type Message } from '../messages/message.entity.js';
import { WorkspaceSchema, type Workspace } from '../workspaces/workspace.entity.js';
import { e164 } from '../../channels/twilio/settings-input.js';
import { loadTwilioAccount, restCredentials } from '../../channels/twilio/settings.js';
import { twilioClient } from '../../channels/twilio/client.js';
import { voiceStepUrl } from '../../channels/twilio/paths.js';
import { applyCallProgress } from './call-entry.js';
import { voiceSettingsOf } from './voice-settings.js';
import { SandboxCalls } from './sandbox-calls.js';

/** How long Twilio is given to take the call (ms); a call it took anyway reports through its callbacks. */
const CREATE_TIMEOUT_MS = 15_000;
/** How long the agent's phone rings (seconds). */
export const AGENT_RING_SECONDS = 20;
/** A number Twilio can dial: E.164. A withheld caller's entry has none. */
const DIALABLE = /^\+[1-9]\d{6,14}$/;

export async function startCall(ctx: CommandContext, params: CommandParams<'calls.start'>): Promise<CommandResult<'calls.start'>> {
  const { workspaceId, userId } = ctx.actor;
  const agentPhone = params.agentPhone !== undefined ? e164('agentPhone', params.agentPhone) : await savedPhone(ctx.em, userId);
  if (!agentPhone) throw new AppError('invalid_params', 'agentPhone: say which phone to ring you on (e.g. +15551230000); it is kept for your next calls.', { path: 'agentPhone' });
  const account = await loadTwilioAccount(ctx.em, ctx.providers.keyring, workspaceId);
  const credentials = account ? restCredentials(account) : null;
  if (account && !account.voiceNumber) {
    throw new AppError('channel_unavailable', 'This workspace has no voice number in its Twilio settings: an admin must add one before calls can be placed.', { path: 'channel', reason: 'no_voice_number' });
  }
  // The call's steps come back as webhooks, which only the auth token verifies.
  if (account && (!credentials || !account.secrets.authToken)) {
    throw new AppError('channel_unavailable', "This workspace's Twilio settings lack the auth token, without which a call's webhooks cannot be verified: an admin must add it before calls can be placed.", { path: 'channel', reason: 'no_auth_token' });
  }
  const ownNumbers = new Set([account?.voiceNumber, ...(account?.messagingNumbers ?? [])].filter(Boolean));
  if (ownNumbers.has(agentPhone)) throw new AppError('invalid_params', "agentPhone: that is one of the workspace's own numbers; give the phone you answer.", { path: 'agentPhone' });
  const sandboxSid = account ? null : SandboxCalls.newCallSid();

  const { result: message, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
    const conversation = await lockConversation(em, workspaceId, params.conversationId);
    const workspace = (await em.findOneOrFail(WorkspaceSchema, { id: workspaceId })) as Workspace;
    const contact = conversation.contact as unknown as Contact;
    callable(contact);
    await sqlAll(em, 'update users set phone = ? where id = ?', [agentPhone, userId]);
    return appendToThread(em, events, conversation, {
      kind: 'call',
      channel: 'call',
      direction: 'outbound',
      authorType: 'user',
      authorId: userId,
      authorName: ctx.actor.userName,
      body: 'Outgoing call',
      status: account ? 'queued' : 'sent',
      provider: account ? 'twilio' : 'sandbox',
      providerId: sandboxSid,
      // The agent's own phone is not kept here: every agent of the workspace reads the thread.
      meta: { outcome: 'ringing', to: contact.phone, from: account?.voiceNumber ?? workspace.smsNumber ?? null, record: voiceSettingsOf(workspace).recordOutbound },
    });
  });
  ctx.publish(events);
  const record = message.meta.record === true;
  const apply = (progress: Parameters<typeof applyCallProgress>[4]) => applyCallProgress(ctx.orm, (_, published) => ctx.publish(published), workspaceId, message.id, progress);

  if (!account) {
    ctx.providers.sandboxCalls.start(workspaceId, message.id, sandboxSid!, record);
  } else {
    const base = account.publicUrl ?? ctx.providers.publicUrl();
    const slug = await slugOf(ctx.em, workspaceId);
    try {
      const call = await twilioClient(credentials!, { apiUrl: ctx.providers.twilioApiUrl, timeoutMs: CREATE_TIMEOUT_MS }).calls.create({
        to: agentPhone,
        from: account.voiceNumber!,
        // Shorter than a mobile's own voicemail takes to answer, so the contact is not dialled into it.
        timeout: AGENT_RING_SECONDS,
        url: voiceStepUrl(base, slug, 'bridge', message.id),
        statusCallback: voiceStepUrl(base, slug, 'status', message.id),
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      });
      await apply({ callSid: call.sid });
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const code = (error as { code?: unknown }).code;
      // Twilio answered with a refusal: nothing rings. No answer at all: it may have taken the
      // call after all, and its callbacks (naming this entry) would then tell how it went; an
      // answered call outranks this.
      const reason =
        typeof status === 'number'
          ? { code: String(typeof code === 'number' ? code : `http_${status}`), message: callRefusal(status, code, (error as Error).message) }
          : { code: 'unreachable', message: 'Twilio could not be reached, so the call may not have been placed. If your phone rings, answer it: this entry follows the call.' };
      await apply({ callSid: null, outcome: 'failed', reason });
    }
  }
  const current = (await ctx.orm.em.fork().findOneOrFail(MessageSchema, { id: message.id })) as Message;
  return toMessageDto(current, params.conversationId);
}

/** Only what stops a call: no number, or do-not-disturb for calls. Consent is for texts. */
function callable(contact: Contact): void {
  const name = contactName(contact) || 'This contact';
  if (!contact.phone || !DIALABLE.test(contact.phone)) throw new AppError('channel_unavailable', `${name} has no phone number to call: add one to their contact details.`, { path: 'channel', reason: 'no_address' });
  const dnd = new Set(Array.isArray(contact.dnd) ? contact.dnd : []);
  if (dnd.has('call') || dnd.has('all')) throw new AppError('channel_unavailable', `${name} is set to Do Not Disturb for calls: turn it off in their contact details to call.`, { path: 'channel', reason: 'dnd' });
}

async function savedPhone(em: EntityManager, userId: string): Promise<string | null> {
  const [row] = await sqlAll<{ phone: string | null }>(em, 'select phone from users where id = ?', [userId]);
  return row?.phone ?? null;
}

async function slugOf(em: EntityManager, workspaceId: string): Promise<string> {
  const [row] = await sqlAll<{ slug: string }>(em, 'select slug from workspaces where id = ?', [workspaceId]);
  return row!.slug;
}

const CALL_REASONS: Record<number, string> = {
  13223: 'Your phone number is not a number Twilio can call. Check it and try again.',
  13224: 'Your phone number is not a number Twilio can call. Check it and try again.',
  13227: 'Calling this country is not enabled on the Twilio account. An admin can enable it in Twilio\'s geographic permissions for voice.',
  20003: "Twilio refused the workspace's credentials. An admin should check the Twilio settings.",
  21210: 'The workspace\'s voice number is not verified for calling out. An admin should check it in Twilio.',
  21211: 'Your phone number is not valid. Check it and try again.',
  21215: 'Calling this country is not enabled on the Twilio account. An admin can enable it in Twilio\'s geographic permissions for voice.',
};

function callRefusal(status: number, code: unknown, text: string): string {
  const known = typeof code === 'number' ? CALL_REASONS[code] : undefined;
  if (known) return known;
  if (status === 429 || status >= 500) return `Twilio could not place the call just now (HTTP ${status}). Try again in a moment.`;
  return `Twilio refused the call${typeof code === 'number' ? ` (error ${code})` : ''}: ${text.slice(0, 200)}`;
}
