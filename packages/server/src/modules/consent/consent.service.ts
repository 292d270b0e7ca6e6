// The consent commands: the gate's answer per channel, the ledger, and the changes an agent or the
// host records (confirming a flagged revocation in one click, dismissing it, or starting a double
// opt-in, which sends the confirmation request).
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult, ConsentEntry } from '@convkit/sdk/protocol';
import { writeTransaction } from '../../db/transaction.js';
import { sqlAll } from '../../db/sql.js';
import { AppError, notFound } from '../../errors.js';
import type { CommandContext } from '../../commands/context.js';
import { ContactSchema, type Contact } from '../contacts/contact.entity.js';
import { WorkspaceSchema, type Workspace } from '../workspaces/workspace.entity.js';
import { lockConversation } from '../conversations/conversations.service.js';
import { appendToThread } from '../messages/thread-writer.js';
import { consentFrom, consentInsert, ledgerOf, type ConsentRow } from './ledger.js';
import { reachability } from './gate.js';

export function toConsentDto(row: ConsentRow): ConsentEntry {
  return {
    id: row.id,
    contactId: row.contact_id,
    channel: row.channel,
    sender: row.sender,
    status: row.status,
    source: row.source,
    messageId: row.message_id,
    userName: row.user_name,
    note: row.note,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

async function contactOf(em: EntityManager, workspaceId: string, id: string): Promise<{ contact: Contact; workspace: Workspace }> {
  const contact = (await em.findOne(ContactSchema, { id, workspace: workspaceId })) as Contact | null;
  if (!contact) throw notFound('contact');
  return { contact, workspace: (await em.findOneOrFail(WorkspaceSchema, { id: workspaceId })) as Workspace };
}

const query = (em: EntityManager) => <T>(text: string, params: unknown[]) => sqlAll<T>(em, text, params);

export async function contactReachability(ctx: CommandContext, params: CommandParams<'contacts.reachability'>): Promise<CommandResult<'contacts.reachability'>> {
  const { contact, workspace } = await contactOf(ctx.em, ctx.actor.workspaceId, params.id);
  return { channels: await reachability(ctx.em, workspace, contact, 'agent') };
}

export async function listConsent(ctx: CommandContext, params: CommandParams<'consent.list'>): Promise<CommandResult<'consent.list'>> {
  const { contact } = await contactOf(ctx.em, ctx.actor.workspaceId, params.contactId);
  return { items: (await ledgerOf(query(ctx.em), ctx.actor.workspaceId, contact.id)).map(toConsentDto) };
}

/** The confirmation request of a double opt-in: the one text a pending contact is sent. */
export function confirmationText(workspace: Workspace): string {
  return `${workspace.name}: reply YES to receive messages from us. Reply STOP to opt out at any time.`;
}

export async function setConsent(ctx: CommandContext, params: CommandParams<'consent.set'>): Promise<CommandResult<'consent.set'>> {
  const { workspaceId, userName } = ctx.actor;
  let confirmationQueued = false;
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, events) => {
    const { contact, workspace } = await contactOf(em, workspaceId, params.contactId);
    const reach = (await reachability(em, workspace, contact, 'compliance', [params.channel]))[0]!;
    if (!reach.sender) throw new AppError('channel_unavailable', `This workspace has no ${params.channel === 'sms' ? 'sending number' : 'WhatsApp sender'}, so there is no consent to record.`, { path: 'channel' });
    if (params.messageId) {
      // The message this is about is one of this contact's.
      const [found] = await sqlAll(em, "select id from messages where id = ? and workspace_id = ? and author_type = 'contact' and author_id = ?", [params.messageId, workspaceId, contact.id]);
      if (!found) throw notFound('message');
    }
    const current = consentFrom(await ledgerOf(query(em), workspaceId, contact.id), params.channel, reach.sender);
    if ((params.status === 'granted' || params.status === 'pending') && current.state === 'revoked' && current.decided?.source === 'keyword') {
      throw new AppError('conflict', `This contact replied ${current.decided.note.toUpperCase()}: only they can opt back in, by texting START.`, { path: 'status' });
    }
    if (params.status === 'pending') {
      if (!reach.ok) throw new AppError('channel_unavailable', reach.message ?? 'This contact cannot be reached on this channel.', { path: 'channel' });
      // The request goes in the contact's latest conversation, through the outbox like any text.
      const [latest] = await sqlAll<{ id: string }>(em, 'select id from conversations where workspace_id = ? and contact_id = ? order by last_activity_at desc limit 1', [workspaceId, contact.id]);
      if (!latest) throw new AppError('not_found', 'This contact has no conversation to send the confirmation request in yet.', { path: 'contactId' });
      const conversation = await lockConversation(em, workspaceId, latest.id);
      appendToThread(em, events, conversation, {
        kind: 'message',
        channel: params.channel,
        direction: 'outbound',
        authorType: 'automation',
        authorName: 'Auto',
        body: confirmationText(workspace),
        status: 'queued',
        meta: { purpose: 'compliance', consentRequest: true },
      });
      confirmationQueued = true;
    }
    const at = Date.now();
    const entry = { contactId: contact.id, channel: params.channel, sender: reach.sender, status: params.status, source: 'agent' as const, messageId: params.messageId ?? null, userName, note: '' };
    const insert = consentInsert(workspaceId, [entry], at)!;
    await sqlAll(em, insert.text, insert.params);
    const [row] = await ledgerOf(query(em), workspaceId, contact.id, 1);
    const dto = toConsentDto(row!);
    events.add('consent.updated', () => ({ contactId: contact.id, entry: dto }));
    return dto;
  });
  ctx.publish(events);
  if (confirmationQueued) ctx.kickDispatcher();
  return result;
}
