import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CHANNELS } from '@convkit/sdk/protocol';
import { createdAt, epochMs, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { ConversationSchema } from '../conversations/conversation.entity.js';

export const MESSAGE_STATUSES = ['scheduled', 'queued', 'sending', 'sent', 'delivered', 'read', 'received', 'failed', 'undelivered', 'canceled'] as const;

/**
 * Everything in a thread: messages on any channel, notes, activity cards, call logs.
 * (conversation, seq), (conversation, clientId) and (workspace, provider, providerId) are
 * unique: that is what makes client retries and provider webhooks idempotent.
 */
export const MessageSchema = defineEntity({
  name: 'Message',
  tableName: 'messages',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    conversation: () => p.manyToOne(ConversationSchema).deleteRule('cascade'),
    seq: p.integer(),
    clientId: p.string().length(64).nullable(),
    kind: p.enum(['message', 'note', 'activity', 'call'] as const),
    channel: p.enum(CHANNELS as readonly string[]).nullable(),
    direction: p.enum(['inbound', 'outbound'] as const).nullable(),
    authorType: p.enum(['user', 'contact', 'bot', 'automation', 'system'] as const),
    authorId: p.string().length(36).nullable(),
    authorName: p.string().length(200),
    body: p.text(),
    subject: p.string().length(500).nullable(),
    status: p.enum(MESSAGE_STATUSES),
    errorCode: p.string().length(64).nullable(),
    errorMessage: p.string().length(500).nullable(),
    provider: p.string().length(32).nullable(),
    providerId: p.string().length(128).nullable(),
    meta: p.json<Record<string, unknown>>(),
    /**
     * Dispatcher lease: a claimed send is retried by another worker only after this time. For a
     * queued send that a provider refused for now (429, 5xx), the time it may be tried again.
     */
    leaseUntil: epochMs().nullable(),
    /** How many times the dispatcher has claimed this send for its provider. */
    sendAttempts: p.integer().default(0),
    /** When an attempt's answer first failed to come back: the provider may have the message since. */
    sendInDoubtSince: epochMs().nullable(),
    createdAt: createdAt(),
  },
  uniques: [
    { properties: ['conversation', 'seq'] },
    // A send's clientId is its sender's own (idempotent retries of that sender's sends).
    { properties: ['conversation', 'authorType', 'authorId', 'clientId'] },
    { properties: ['workspace', 'provider', 'providerId'] },
  ],
  indexes: [{ properties: ['status', 'leaseUntil'] }],
});

export type Message = InferEntity<typeof MessageSchema>;
