import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WorkspaceSchema } from '../../modules/workspaces/workspace.entity.js';

/**
 * A workspace's own Twilio account: with one, the workspace sends and receives through Twilio;
 * without, it runs in sandbox mode. The secrets are sealed (secrets/keyring.ts) and never leave
 * the server.
 */
export const TwilioAccountSchema = defineEntity({
  name: 'TwilioAccount',
  tableName: 'twilio_accounts',
  properties: {
    workspace: () => p.oneToOne(WorkspaceSchema).primary().owner().deleteRule('cascade'),
    accountSid: p.string().length(34),
    /** An API key (SK…) used for REST calls instead of the auth token. */
    apiKeySid: p.string().length(34).nullable(),
    /** Sealed JSON: { authToken?, apiKeySecret? }. */
    sealedSecrets: p.text().hidden(),
    /** Numbers the workspace sends from (E.164); the first is the default. */
    messagingNumbers: p.json<string[]>(),
    /** A Messaging Service (MG…): it picks the sender, and sends RCS with SMS fallback when it has an RCS sender. */
    messagingServiceSid: p.string().length(34).nullable(),
    whatsappNumber: p.string().length(32).nullable(),
    voiceNumber: p.string().length(32).nullable(),
    /** The base URL Twilio calls this workspace at; signatures are checked against it. Null: the server's PUBLIC_URL. */
    publicUrl: p.string().length(2048).nullable(),
    /** The account's name, as Twilio gave it when the credentials were checked. */
    accountName: p.string().length(200),
    verifiedAt: p.bigint('number'),
    updatedAt: p.bigint('number'),
  },
});

export type TwilioAccount = InferEntity<typeof TwilioAccountSchema>;
