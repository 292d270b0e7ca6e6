import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CHANNELS } from '@convkit/sdk/protocol';
import { createdAt, epochMs, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { ContactSchema } from '../contacts/contact.entity.js';
import { UserSchema } from '../users/user.entity.js';

const MESSAGE_KINDS = ['message', 'note', 'activity', 'call'] as const;

/** One thread with one contact, across every channel. */
export const ConversationSchema = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    contact: () => p.manyToOne(ContactSchema),
    status: p.enum(['open', 'archived'] as const).default('open'),
    assignee: () => p.manyToOne(UserSchema).nullable(),
    lastMessagePreview: p.string().length(200).nullable(),
    lastMessageChannel: p.enum(CHANNELS as readonly string[]).nullable(),
    lastMessageKind: p.enum(MESSAGE_KINDS).nullable(),
    lastMessageDirection: p.enum(['inbound', 'outbound'] as const).nullable(),
    lastMessageAt: epochMs().nullable(),
    lastActivityAt: epochMs(),
    lastInboundChannel: p.enum(CHANNELS as readonly string[]).nullable(),
    /** One bit per channel the thread has a message on (CHANNELS order): the channel filter. */
    channelMask: p.integer().default(0),
    /** Counter row for message seq: bumped inside the writing transaction, never max()+1. */
    lastSeq: p.integer().default(0),
    lastInboundSeq: p.integer().default(0),
    /** Event seq of the latest change; clients keep the copy with the higher version. */
    version: p.bigint('number').default(0),
    createdAt: createdAt(),
  },
  // Migration20261130WriteKeys adds what defineEntity cannot say: a partial unique index, one
  // open conversation per contact.
  indexes: [
    { properties: ['workspace', 'status', 'lastActivityAt', 'id'] },
    { properties: ['workspace', 'contact'] },
    { properties: ['workspace', 'assignee', 'lastActivityAt'] },
  ],
});

export type Conversation = InferEntity<typeof ConversationSchema>;
