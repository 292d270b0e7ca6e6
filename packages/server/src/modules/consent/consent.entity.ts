import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { ContactSchema } from '../contacts/contact.entity.js';

/** What a ledger entry records: a consent state, or an inbound text that may revoke it and what an agent made of it. */
export const CONSENT_STATUSES = ['pending', 'granted', 'revoked', 'flagged', 'dismissed'] as const;
export const CONSENT_SOURCES = ['keyword', 'inbound_text', 'agent', 'host'] as const;
/** Consent is kept per channel family: SMS consent covers MMS. */
export const CONSENT_CHANNELS = ['sms', 'whatsapp'] as const;

/**
 * The consent ledger: one row per change, never updated or deleted (it is what a carrier or TCPA
 * review asks for). A contact's consent on a channel from one sending number is its latest
 * pending, granted or revoked row; consent does not follow the number.
 */
export const ConsentEventSchema = defineEntity({
  name: 'ConsentEvent',
  tableName: 'consent_events',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    contact: () => p.manyToOne(ContactSchema).deleteRule('cascade'),
    channel: p.enum(CONSENT_CHANNELS),
    /** The workspace's sending number the consent is for (E.164). */
    sender: p.string().length(32),
    status: p.enum(CONSENT_STATUSES),
    source: p.enum(CONSENT_SOURCES),
    /** The message that caused it (a STOP, a YES, the text an agent confirmed as a revocation). */
    messageId: p.string().length(36).nullable(),
    /** The agent who made the change, by name as it was then. */
    userName: p.string().length(200).nullable(),
    /** The keyword, or the text that reads like a revocation (cut to 500). */
    note: p.string().length(500).default(''),
    createdAt: createdAt(),
  },
  indexes: [{ properties: ['workspace', 'contact', 'channel', 'sender'] }, { properties: ['workspace', 'createdAt'] }],
});

export type ConsentEvent = InferEntity<typeof ConsentEventSchema>;
