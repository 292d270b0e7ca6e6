// Every command's handler, shared by the socket and the REST API. The map's type makes the
// compiler check each handler against the protocol in @convkit/sdk.
import type { CommandName, CommandParams, CommandResult } from '@convkit/sdk/protocol';
import type { CommandContext } from './context.js';
import { countConversations, getConversation, listConversations, markConversation, markRead } from '../modules/conversations/conversations.service.js';
import { deleteConversation, updateConversation } from '../modules/conversations/conversation-changes.js';
import { bulkUpdate } from '../modules/conversations/bulk.js';
import { createLabel, listLabels } from '../modules/labels/labels.service.js';
import { listUsers } from '../modules/users/users.service.js';
import { updateWorkspace } from '../modules/workspaces/workspaces.service.js';
import { listMessages, sendMessage } from '../modules/messages/messages.service.js';
import { getContact, updateContact } from '../modules/contacts/contacts.service.js';
import { retryMessage } from '../modules/messages/retry.js';
import { cancelMessage } from '../modules/messages/cancel.js';
import { rescheduleMessage } from '../modules/messages/reschedule.js';
import { contactReachability, listConsent, setConsent } from '../modules/consent/consent.service.js';
import { eventsSince, EVENTS_PAGE_MAX } from '../modules/events/event-log.js';
import { validateParams } from './validate.js';
import { startCall } from '../modules/calls/click-to-call.js';
import { attachmentLink, attachmentUploadLink } from '../modules/attachments/link-command.js';
import { messageHtml } from '../modules/messages/email-html.js';
import { deleteSnippet, listSnippets, saveSnippet } from '../modules/snippets/snippets.js';
import { listTemplates } from '../modules/templates/templates.js';
import { findContact, startConversation, upsertContact } from '../modules/contacts/contact-sync.js';
import { postActivity } from '../modules/activities/activities.js';
import { deleteContactCard, listContactCards, saveContactCard } from '../modules/contacts/contact-cards.js';
import { storableParams } from '../text/storable.js';

type Handler<N extends CommandName> = (ctx: CommandContext, params: CommandParams<N>) => Promise<CommandResult<N>>;

/** session.refresh (it swaps the socket's token) and presence.set (the socket's own presence) belong to the socket and are handled there. */
export type RegistryCommand = Exclude<CommandName, 'session.refresh' | 'presence.set'>;

const handlers: { [N in RegistryCommand]: Handler<N> } = {
  'conversations.list': listConversations,
  'conversations.counts': countConversations,
  'conversations.get': getConversation,
  'conversations.markRead': markRead,
  'conversations.mark': markConversation,
  'conversations.update': updateConversation,
  'conversations.delete': deleteConversation,
  'conversations.bulk': (ctx, params) =>
    bulkUpdate(ctx, params, (done, total) => ctx.reportProgress?.({ operationId: params.operationId, done, total })),
  'labels.list': listLabels,
  'labels.create': createLabel,
  'users.list': listUsers,
  'workspace.update': updateWorkspace,
  'messages.list': listMessages,
  'messages.send': sendMessage,
  'messages.retry': retryMessage,
  'messages.cancel': cancelMessage,
  'messages.reschedule': rescheduleMessage,
  'contacts.get': getContact,
  'contacts.update': updateContact,
  'contacts.reachability': contactReachability,
  'consent.list': listConsent,
  'consent.set': setConsent,
  'calls.start': startCall,
  'messages.html': messageHtml,
  'snippets.list': listSnippets,
  'snippets.save': saveSnippet,
  'snippets.delete': deleteSnippet,
  'templates.list': listTemplates,
  'contacts.upsert': upsertContact,
  'contacts.find': findContact,
  'conversations.start': startConversation,
  'activities.post': postActivity,
  'contactCards.list': listContactCards,
  'contactCards.save': saveContactCard,
  'contactCards.delete': deleteContactCard,
  'attachments.link': attachmentLink,
  'attachments.uploadLink': attachmentUploadLink,
  'events.since': (ctx, params) => eventsSince(ctx.em, ctx.actor.workspaceId, params.seq, Math.min(params.limit ?? EVENTS_PAGE_MAX, EVENTS_PAGE_MAX), ctx.limits.catchUpEvents),
};

export function isRegistryCommand(name: string): name is RegistryCommand {
  return Object.hasOwn(handlers, name);
}

/** Validates and runs one command. Throws AppError for anything the caller did wrong. */
export async function runCommand<N extends RegistryCommand>(ctx: CommandContext, name: N, params: unknown): Promise<CommandResult<N>> {
  validateParams(name, params);
  // After the schema (lengths count what was sent): every string made storable before any query.
  return (handlers[name] as Handler<N>)(ctx, storableParams((params ?? {}) as CommandParams<N>));
}
