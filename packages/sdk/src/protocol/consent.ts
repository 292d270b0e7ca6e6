// Consent on the wire: the ledger's entries, and each channel's answer to "can I send to this
// contact on it, now?" (the gate every send path asks, shown by the composer before the agent types).
import { Type, type Static } from '@sinclair/typebox';
import { ChannelSchema } from './models.js';
import { Id, Instant, Nullable, Obj, OneOf } from './schema-kit.js';

export const ConsentChannel = OneOf(['sms', 'whatsapp'], { description: 'Consent is kept per channel family: SMS consent covers MMS.' });
export type ConsentChannel = Static<typeof ConsentChannel>;

export const ConsentState = OneOf(['pending', 'granted', 'revoked']);
export type ConsentState = Static<typeof ConsentState>;

export const ConsentEntry = Obj({
  id: Id(),
  contactId: Id(),
  channel: ConsentChannel,
  sender: Type.String({ description: "The workspace's sending number the entry is for: consent does not follow the number." }),
  status: OneOf(['pending', 'granted', 'revoked', 'flagged', 'dismissed'], { description: 'flagged: an inbound text that reads like a revocation, for an agent to confirm (revoked) or dismiss.' }),
  source: OneOf(['keyword', 'inbound_text', 'agent', 'host']),
  messageId: Nullable(Id({ description: 'The message that caused it: a STOP, a YES, the text an agent confirmed.' })),
  userName: Nullable(Type.String({ description: 'The agent who made the change.' })),
  note: Type.String({ description: 'The keyword, or the text that reads like a revocation.' }),
  createdAt: Instant(),
});
export type ConsentEntry = Static<typeof ConsentEntry>;

export const ReachReason = OneOf(['no_address', 'dnd', 'opted_out', 'consent_pending', 'no_consent', 'whatsapp_window']);
export type ReachReason = Static<typeof ReachReason>;

export const ChannelReach = Obj({
  channel: ChannelSchema,
  ok: Type.Boolean(),
  reason: Nullable(ReachReason),
  message: Nullable(Type.String({ description: 'Why the channel cannot be used now, and what would change that: shown to the agent as it is.' })),
  sender: Nullable(Type.String({ description: 'The number this channel goes from.' })),
  consent: Nullable(ConsentState),
  flagged: Nullable(Obj({ messageId: Nullable(Id()), text: Type.String(), at: Instant() }, { description: 'An inbound text that may revoke consent, waiting for an agent.' })),
});
export type ChannelReach = Static<typeof ChannelReach>;
