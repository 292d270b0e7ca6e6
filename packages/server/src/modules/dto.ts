// Entity -> wire shape. The only place that decides what a client sees of a row.
import { voiceSettingsOf } from './calls/voice-settings.js';
import type * as Wire from '@convkit/sdk/protocol';
import { channelsOf } from '../db/channel-bits.js';
import type { Contact } from './contacts/contact.entity.js';
import type { Conversation } from './conversations/conversation.entity.js';
import type { ReadState } from './conversations/read-state.entity.js';
import type { Message } from './messages/message.entity.js';
import type { User } from './users/user.entity.js';
import type { Workspace } from './workspaces/workspace.entity.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function contactName(contact: Pick<Contact, 'firstName' | 'lastName' | 'phone' | 'email'>): string {
  const full = `${contact.firstName} ${contact.lastName}`.trim();
  return full || contact.phone || contact.email || 'Unknown contact';
}

export function toContactDto(contact: Contact): Wire.Contact {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    name: contactName(contact),
    phone: contact.phone ?? null,
    whatsappUserId: contact.whatsappUserId ?? null,
    email: contact.email ?? null,
    group: contact.group ?? null,
    tags: contact.tags ?? [],
    externalId: contact.externalId ?? null,
    dnd: Array.isArray(contact.dnd) ? contact.dnd : [],
    timezone: contact.timezone ?? null,
    custom: textsOf(contact.custom),
    createdAt: iso(contact.createdAt),
  };
}

export { channelBit, channelsOf } from '../db/channel-bits.js';

/** `contact` must be loaded (populated); `labelIds` come from conversation_labels. */
export function toConversationDto(conversation: Conversation, labelIds: string[] = []): Wire.Conversation {
  const contact = conversation.contact as unknown as Contact;
  return {
    id: conversation.id,
    contact: { id: contact.id, name: contactName(contact), phone: contact.phone ?? null, email: contact.email ?? null, group: contact.group ?? null },
    status: conversation.status,
    assigneeId: (conversation.assignee as unknown as { id: string } | null)?.id ?? null,
    labelIds,
    channels: channelsOf(conversation.channelMask ?? 0),
    lastMessage:
      conversation.lastMessageAt != null && conversation.lastMessageKind
        ? {
            preview: conversation.lastMessagePreview ?? '',
            channel: (conversation.lastMessageChannel as Wire.Channel | null) ?? null,
            kind: conversation.lastMessageKind,
            direction: conversation.lastMessageDirection ?? null,
            at: iso(conversation.lastMessageAt),
          }
        : null,
    lastActivityAt: iso(conversation.lastActivityAt),
    lastInboundChannel: (conversation.lastInboundChannel as Wire.Channel | null) ?? null,
    lastSeq: conversation.lastSeq,
    lastInboundSeq: conversation.lastInboundSeq,
    createdAt: iso(conversation.createdAt),
    version: conversation.version,
  };
}

export function toReadStateDto(conversationId: string, userId: string, state: ReadState | null): Wire.ReadState {
  return {
    conversationId,
    userId,
    lastReadSeq: state?.lastReadSeq ?? 0,
    starred: state?.starred ?? false,
    manualUnread: state?.manualUnread ?? false,
    mentioned: state?.mentioned ?? false,
  };
}

export function toMessageDto(message: Message, conversationId: string): Wire.Message {
  // A message's files are summarised in its meta (modules/attachments/summary.ts), and so is an
  // email's HTML body (modules/messages/email-html.ts): no join to read a thread.
  const { attachments, html, ...meta } = message.meta ?? {};
  return {
    id: message.id,
    conversationId,
    seq: message.seq,
    clientId: message.clientId ?? null,
    kind: message.kind,
    channel: (message.channel as Wire.Channel | null) ?? null,
    direction: message.direction ?? null,
    author: { type: message.authorType, id: message.authorId ?? null, name: message.authorName },
    body: message.body,
    subject: message.subject ?? null,
    status: message.status,
    error: message.errorCode ? { code: message.errorCode, message: message.errorMessage ?? '' } : null,
    createdAt: iso(message.createdAt),
    attachments: Array.isArray(attachments) ? (attachments as Wire.Attachment[]) : [],
    html: html && typeof html === 'object' ? { bytes: Number((html as { bytes?: unknown }).bytes) || 0 } : null,
    meta,
  };
}

export function toUserDto(user: User): Wire.User {
  return { id: user.id, externalId: user.externalId, name: user.name, email: user.email ?? null, role: user.role, active: !user.deactivatedAt };
}

export function toWorkspaceDto(workspace: Workspace): Wire.Workspace {
  return {
    id: workspace.id,
    slug: workspace.slug,
    name: workspace.name,
    recentDays: workspace.recentDays,
    timezone: workspace.timezone,
    quietHours: workspace.quietHours ?? null,
    consentRequired: Boolean(workspace.consentRequired),
    helpText: workspace.helpText ?? null,
    voice: voiceSettingsOf(workspace),
    customValues: textsOf(workspace.customValues),
  };
}

/** A JSON object of texts as stored (a raw row may hold it as a string): its string values only. */
export function textsOf(value: unknown): Record<string, string> {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function toLabelDto(label: { id: string; name: string; color: string }): Wire.Label {
  return { id: label.id, name: label.name, color: label.color };
}
