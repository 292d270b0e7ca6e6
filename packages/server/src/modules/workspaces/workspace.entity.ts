import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, idColumn } from '../../db/columns.js';
import type { QuietHours } from '../schedule/quiet-hours.js';
import type { VoiceSettings } from '@convkit/sdk/protocol';

/** A tenant: one host account. Every other row carries its workspace. */
export const WorkspaceSchema = defineEntity({
  name: 'Workspace',
  tableName: 'workspaces',
  properties: {
    id: idColumn(),
    slug: p.string().length(64).unique(),
    name: p.string().length(200),
    timezone: p.string().length(64).default('UTC'),
    /** HS256 secret the host's backend signs user tokens with. Never sent to a browser. */
    signingSecret: p.string().length(128).hidden(),
    /** The secret before the last rotation, still honoured until `previousSecretUntil` (epoch ms). */
    previousSigningSecret: p.string().length(128).nullable().hidden(),
    previousSecretUntil: p.bigint('number').nullable(),
    /** Twilio credentials; in sandbox mode generated locally and used to sign simulated webhooks. */
    twilioAccountSid: p.string().length(64).nullable(),
    twilioAuthToken: p.string().length(128).nullable().hidden(),
    /** The workspace's sending number (E.164). */
    smsNumber: p.string().length(32).nullable(),
    /** What an inbound HELP is answered with; null: the default, naming the workspace. */
    helpText: p.string().length(480).nullable(),
    /** Texts need a contact's granted consent (double opt-in); otherwise only an opt-out stops them. */
    consentRequired: p.boolean().default(false),
    /** When automated and scheduled messages wait (local "HH:MM" in `timezone`); null: never. */
    quietHours: p.json<QuietHours>().nullable(),
    /** How calls go (recording, where a contact's call rings); null: the defaults (modules/calls/voice-settings.ts). */
    voice: p.json<Partial<VoiceSettings>>().nullable(),
    /** Days of activity the Recents view covers. */
    recentDays: p.integer().default(14),
    /** This workspace's own rate limits over the server's (see limits/limits.ts); null: the server's. */
    rateLimits: p.json<Record<string, unknown>>().nullable(),
    /** Custom values, for merge tags ({{custom_values.<key>}}). */
    customValues: p.json<Record<string, string>>().default('{}'),
    /** Counter row for the event log: bumped inside each writing transaction. */
    lastEventSeq: p.bigint('number').default(0),
    createdAt: createdAt(),
  },
});

export type Workspace = InferEntity<typeof WorkspaceSchema>;
