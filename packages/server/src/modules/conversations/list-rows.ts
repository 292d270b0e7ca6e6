// List rows straight from the page query's columns to the wire shape: no entity hydration on
// the hottest read. Mirrors toConversationDto / toReadStateDto in ../dto.ts.
import type { Channel, ConversationListItem, MessageKind } from '@convkit/sdk/protocol';
import { channelsOf, contactName } from '../dto.js';

export type ListRow = Record<string, unknown>;

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
const bool = (v: unknown) => v === true || v === 1 || v === '1';
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function rowToItem(row: ListRow, userId: string, labelIds: string[]): ConversationListItem {
  const contact = { firstName: String(row.first_name ?? ''), lastName: String(row.last_name ?? ''), phone: text(row.phone), email: text(row.email) };
  const id = String(row.id);
  return {
    conversation: {
      id,
      contact: { id: String(row.contact_id), name: contactName(contact), phone: contact.phone, email: contact.email, group: text(row.contact_group) },
      status: row.status as 'open' | 'archived',
      assigneeId: text(row.assignee_id),
      labelIds,
      channels: channelsOf(Number(row.channel_mask ?? 0)),
      lastMessage:
        row.last_message_at !== null && row.last_message_at !== undefined && row.last_message_kind
          ? {
              preview: String(row.last_message_preview ?? ''),
              channel: text(row.last_message_channel) as Channel | null,
              kind: row.last_message_kind as MessageKind,
              direction: text(row.last_message_direction) as 'inbound' | 'outbound' | null,
              at: iso(row.last_message_at),
            }
          : null,
      lastActivityAt: iso(row.last_activity_at),
      lastInboundChannel: text(row.last_inbound_channel) as Channel | null,
      lastSeq: Number(row.last_seq),
      lastInboundSeq: Number(row.last_inbound_seq),
      createdAt: iso(row.created_at),
      version: Number(row.version),
    },
    readState: {
      conversationId: id,
      userId,
      lastReadSeq: Number(row.last_read_seq ?? 0),
      starred: bool(row.starred),
      manualUnread: bool(row.manual_unread),
      mentioned: bool(row.mentioned),
    },
  };
}
