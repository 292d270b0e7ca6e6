// Reading a thread and sending into it (messages to the contact and internal notes).
import { renderForContact } from './merge-context.js';
import type { CommandParams, CommandResult, Channel } from '@convkit/sdk/protocol';
import { PAGE_LIMIT_MAX } from '@convkit/sdk/protocol';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { toMessageDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { findConversation, lockConversation, saveReadState } from '../conversations/conversations.service.js';
import type { Contact } from '../contacts/contact.entity.js';
import { MessageSchema, type Message } from './message.entity.js';
import { appendToThread } from './thread-writer.js';
import { gate } from '../consent/gate.js';
import { WorkspaceSchema, type Workspace } from '../workspaces/workspace.entity.js';
import { findUsers } from '../users/users.service.js';
import { bindFiles, filesForSend } from '../attachments/outbound-files.js';
import { chosenTemplate, renderTemplate } from './template-send.js';
import { emailReply } from './email-reply.js';
import { automatedSender } from './automated-send.js';

const DEFAULT_PAGE = 50;

export async function listMessages(ctx: CommandContext, params: CommandParams<'messages.list'>): Promise<CommandResult<'messages.list'>> {
  const conversation = await findConversation(ctx.em, ctx.actor.workspaceId, params.conversationId);
  const limit = Math.min(params.limit ?? DEFAULT_PAGE, PAGE_LIMIT_MAX);
  if (params.before !== undefined && params.after !== undefined) {
    throw new AppError('invalid_params', 'before/after: give one of them, not both.', { path: 'before' });
  }
  const where: Record<string, unknown> = { conversation: conversation.id };
  if (params.before !== undefined) where.seq = { $lt: params.before };
  if (params.after !== undefined) where.seq = { $gt: params.after };
  // After: oldest first from the given seq. Otherwise the newest page (or the one before `before`).
  const ascending = params.after !== undefined;
  const rows = (await ctx.em.find(MessageSchema, where as never, { orderBy: { seq: ascending ? 'asc' : 'desc' }, limit: limit + 1 })) as Message[];
  const page = rows.slice(0, limit);
  if (!ascending) page.reverse();
  return { items: page.map((m) => toMessageDto(m, conversation.id)), hasMore: rows.length > limit };
}

/** The longest a message may be scheduled ahead. */
const SCHEDULE_MAX_MS = 366 * 24 * 60 * 60 * 1000;
/** A sendAt this little in the past (a client's clock) still goes, at once. */
const SCHEDULE_SKEW_MS = 60_000;

/** A send's sendAt as epoch ms, refused when it is no instant, too far back or too far ahead, or on a note. */
export function scheduledInstant(sendAt: string, kind: string): number {
  if (kind === 'note') throw new AppError('invalid_params', 'sendAt: notes are not scheduled; they are for the team, at once.', { path: 'sendAt' });
  // With its offset (Z or ±hh:mm): without one, the instant would be the server's guess.
  const at = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(sendAt) ? Date.parse(sendAt) : Number.NaN;
  if (Number.isNaN(at)) throw new AppError('invalid_params', 'sendAt: an ISO 8601 date and time with its offset, e.g. 2026-12-24T09:00:00-06:00.', { path: 'sendAt' });
  const now = Date.now();
  if (at < now - SCHEDULE_SKEW_MS) throw new AppError('invalid_params', 'sendAt: that time has passed; send it now instead, or pick a later time.', { path: 'sendAt' });
  if (at > now + SCHEDULE_MAX_MS) throw new AppError('invalid_params', 'sendAt: at most a year ahead.', { path: 'sendAt' });
  return Math.max(at, now);
}

/** Whether a stored message is the one this send describes (a retry) or a different one: same text, channel and files. */
function sameSend(existing: Message, kind: string, body: string, channel: Channel | null | undefined, attachmentIds: string[]): boolean {
  const files = Array.isArray(existing.meta.attachments) ? (existing.meta.attachments as { id: string }[]).map((f) => f.id) : [];
  // An SMS with files was stored as the MMS it went as.
  const sent = channel === 'sms' && attachmentIds.length ? 'mms' : channel;
  return existing.kind === kind && existing.body === body && (sent === undefined || existing.channel === sent) && files.join() === attachmentIds.join();
}

async function earlierTemplateSend(ctx: CommandContext, params: CommandParams<'messages.send'>): Promise<CommandResult<'messages.send'> | null> {
  const earlier = (await ctx.em.findOne(MessageSchema, { workspace: ctx.actor.workspaceId, conversation: params.conversationId, authorType: params.automated ? 'automation' : 'user', authorId: ctx.actor.userId, clientId: params.clientId })) as Message | null;
  if (!earlier) return null;
  if ((earlier.meta.template as { id?: unknown } | undefined)?.id !== params.template?.id) {
    throw new AppError('conflict', 'clientId: you already sent a different message with this clientId; use a new one for a new message.', { path: 'clientId' });
  }
  return toMessageDto(earlier, params.conversationId);
}

export async function sendMessage(ctx: CommandContext, params: CommandParams<'messages.send'>): Promise<CommandResult<'messages.send'>> {
  const body = params.body.trim();
  const attachmentIds = params.attachmentIds ?? [];
  // A retry of a template send answers what the first attempt stored, even while the template
  // cannot be read from the provider (or was paused since).
  const retried = params.template ? await earlierTemplateSend(ctx, params) : null;
  if (retried) return retried;
  // Read from the provider before the transaction: no write lock is held across a request to Twilio.
  const template = await chosenTemplate(ctx, params);
  if (!body && attachmentIds.length === 0 && !template) throw new AppError('invalid_params', 'body: a message needs some text or a file.', { path: 'body' });
  const kind = params.kind ?? 'message';
  const sendAt = params.sendAt === undefined ? null : scheduledInstant(params.sendAt, kind);
  const automated = automatedSender(params);
  const authorType = automated ? 'automation' : 'user';
  const { workspaceId, userId } = ctx.actor;
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
    const conversation = await lockConversation(em, workspaceId, params.conversationId);
    // Merge tags read the contact as they are now; a note, for the team, keeps its text as typed.
    const templated = template ? await renderTemplate(em, workspaceId, conversation, template) : null;
    const text = templated ? templated.text : kind === 'message' ? await renderForContact(em, workspaceId, conversation, body) : body;
    if (!text && attachmentIds.length === 0) throw new AppError('invalid_params', 'body: the merge tags render to nothing; give a fallback ({{contact.first_name | "there"}}) or some text.', { path: 'body' });
    // A retry of a send that reached us: answer what the first attempt stored, change nothing.
    // The key is the sender's own: another agent's clientId is another message.
    const existing = (await em.findOne(MessageSchema, { conversation: conversation.id, authorType, authorId: userId, clientId: params.clientId })) as Message | null;
    if (existing) {
      if (!sameSend(existing, kind, text, params.channel, attachmentIds)) {
        throw new AppError('conflict', 'clientId: you already sent a different message with this clientId; use a new one for a new message.', { path: 'clientId' });
      }
      return { message: existing, created: false };
    }
    // By default, the channel the contact last wrote on; a call is answered by text.
    const last = conversation.lastInboundChannel as Channel | null;
    const chosen: Channel | null = kind === 'note' ? null : (params.channel ?? (template ? 'whatsapp' : last && last !== 'call' ? last : 'sms'));
    // Checked before anything is written: what the channel carries, how many, how large.
    const files = await filesForSend(em, workspaceId, attachmentIds, chosen, kind);
    const channel = files.channel;
    // @mentions are for notes (agents talking to agents); each must be a user of the workspace.
    if (params.mentions?.length && kind !== 'note') throw new AppError('invalid_params', 'mentions: only internal notes mention agents.', { path: 'mentions' });
    const mentioned = await findUsers(em, workspaceId, params.mentions ?? [], 'mentions');
    if (params.subject !== undefined && channel !== 'email') throw new AppError('invalid_params', 'subject: only an email has a subject.', { path: 'subject' });
    let email: Awaited<ReturnType<typeof emailReply>> | null = null;
    if (channel) {
      // The gate every send path asks: address, do-not-disturb, consent and opt-out, WhatsApp's window.
      const workspace = (await em.findOneOrFail(WorkspaceSchema, { id: workspaceId })) as Workspace;
      if (channel === 'email') email = await emailReply(em, conversation.id, params.subject, workspace.name);
      const reach = await gate(em, workspace, conversation.contact as unknown as Contact, channel, automated ? 'automated' : sendAt ? 'scheduled' : 'agent');
      // A template is what WhatsApp allows once the contact's 24-hour window has closed.
      if (!reach.ok && !(templated && reach.reason === 'whatsapp_window')) throw new AppError('channel_unavailable', reach.message!, { path: 'channel', reason: reach.reason });
    }
    const message = appendToThread(em, events, conversation, {
      kind,
      channel,
      direction: kind === 'note' ? null : 'outbound',
      authorType,
      authorId: userId,
      authorName: automated?.name ?? ctx.actor.userName,
      body: text,
      subject: email?.subject ?? null,
      status: kind === 'note' ? 'sent' : sendAt ? 'scheduled' : 'queued',
      clientId: params.clientId,
      meta: {
        ...(mentioned.length ? { mentions: mentioned.map((u) => ({ id: u.id, name: u.name })) } : {}),
        ...(sendAt ? { scheduledFor: new Date(sendAt).toISOString() } : {}),
        ...(files.summaries.length ? { attachments: files.summaries } : {}),
        ...(templated ? { template: templated.meta } : {}),
        ...(email ? { email: email.meta } : {}),
        ...(automated?.meta ?? {}),
        // Written by the host's backend through an API key: the thread says "via API".
        ...(ctx.actor.service ? { source: 'api' } : {}),
      },
    });
    await bindFiles(em, message.id, files.summaries);
    // A scheduled message is due at its time: the outbox takes it then (db: lease_until).
    if (sendAt) message.leaseUntil = sendAt;
    for (const user of mentioned) {
      if (user.id !== userId) await saveReadState(em, events, user.id, conversation, { mentioned: true });
    }
    // The sender has read up to what they sent; an automated send or an API key reads nothing.
    if (!automated && !ctx.actor.service) await saveReadState(em, events, userId, conversation, { lastReadSeq: message.seq, manualUnread: false });
    return { message, created: true };
  });
  ctx.publish(events);
  if (result.created && result.message.status === 'queued') ctx.kickDispatcher();
  return toMessageDto(result.message, params.conversationId);
}
