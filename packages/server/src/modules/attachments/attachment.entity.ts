import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';

/**
 * uploaded: an agent's file, waiting for (or sent with) a message; pending: a provider's media,
 * not fetched yet; stored: fetched and kept; failed: could not be fetched (`error` says why).
 */
export const ATTACHMENT_STATUSES = ['uploaded', 'pending', 'stored', 'failed'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

/**
 * A file of a message: an MMS or WhatsApp picture, or an agent's upload. The bytes live in
 * `attachment_contents` (one row per attachment), so listing a thread's files never reads them;
 * in the database, so every node of a deployment serves every file.
 */
export const AttachmentSchema = defineEntity({
  name: 'Attachment',
  tableName: 'attachments',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    /** The message it belongs to; null for an upload not sent yet. */
    messageId: p.string().length(36).nullable(),
    position: p.integer().default(0),
    /** The file's name as the sender gave it (shown as text, never as a path). */
    name: p.string().length(255).default(''),
    contentType: p.string().length(127),
    size: p.bigint('number').nullable(),
    sha256: p.string().length(64).nullable(),
    status: p.enum(ATTACHMENT_STATUSES),
    /** Where a provider's media is fetched from (Twilio's MediaUrl). */
    sourceUrl: p.text().nullable(),
    attempts: p.integer().default(0),
    /** A pending fetch is due (or claimed until) then. */
    leaseUntil: p.bigint('number').nullable(),
    error: p.string().length(500).nullable(),
    /** The agent who uploaded it. */
    uploadedBy: p.string().length(36).nullable(),
    createdAt: createdAt(),
  },
  indexes: [{ properties: ['workspace', 'messageId'] }, { properties: ['status', 'leaseUntil'] }],
});

export type Attachment = InferEntity<typeof AttachmentSchema>;
