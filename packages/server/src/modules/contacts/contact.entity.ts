import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';

/** A person the workspace talks to. The phone number (E.164) is the contact's unique key. */
export const ContactSchema = defineEntity({
  name: 'Contact',
  tableName: 'contacts',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    firstName: p.string().length(200).default(''),
    lastName: p.string().length(200).default(''),
    phone: p.string().length(32).nullable(),
    /**
     * WhatsApp's business-scoped user id ("US.1349…"): how a user who hides their number behind a
     * username is known, and the key of such a contact until their phone is.
     */
    whatsappUserId: p.string().length(160).nullable(),
    email: p.string().length(320).nullable(),
    /** Host-defined role: client, agent, inspector… */
    group: p.string().length(64).nullable(),
    tags: p.json<string[]>(),
    externalId: p.string().length(200).nullable(),
    /** Channels the contact is not to be messaged on (do not disturb), or 'all'. */
    dnd: p.json<string[]>().default([]),
    /** Custom fields, for merge tags ({{contact.custom.<key>}}). */
    custom: p.json<Record<string, string>>().default('{}'),
    /** IANA zone, when known: quiet hours are kept in the contact's time rather than the workspace's. */
    timezone: p.string().length(64).nullable(),
    createdAt: createdAt(),
  },
  uniques: [{ properties: ['workspace', 'phone'] }, { properties: ['workspace', 'externalId'] }, { properties: ['workspace', 'whatsappUserId'] }],
  indexes: [{ properties: ['workspace', 'email'] }],
});

export type Contact = InferEntity<typeof ContactSchema>;
