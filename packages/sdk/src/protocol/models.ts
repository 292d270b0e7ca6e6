// Wire shapes of the domain objects, as the server sends them: each is a JSON schema (TypeBox),
// and its TypeScript type is derived from it. Dates are ISO 8601 strings.
import { Type, type Static } from '@sinclair/typebox';
import { CHANNELS, INBOX_VIEWS, MESSAGE_STATUSES } from './constants.js';
import { EventSeq, Id, Instant, Nullable, Obj, OneOf, Seq } from './schema-kit.js';

export { CHANNELS, INBOX_VIEWS, type Channel, type InboxView } from './constants.js';

export const ChannelSchema = OneOf(CHANNELS);
export const InboxViewSchema = OneOf(INBOX_VIEWS);

/** message: to or from the contact; note: internal, agents only; activity: host or system record; call: a call log. */
export const MessageKind = OneOf(['message', 'note', 'activity', 'call']);
export type MessageKind = Static<typeof MessageKind>;

export const Direction = OneOf(['inbound', 'outbound']);
export type Direction = Static<typeof Direction>;

export const MessageStatus = OneOf(MESSAGE_STATUSES);
export type MessageStatus = Static<typeof MessageStatus>;

export const AuthorType = OneOf(['user', 'contact', 'bot', 'automation', 'system']);
export type AuthorType = Static<typeof AuthorType>;

export const Author = Obj({ type: AuthorType, id: Nullable(Type.String()), name: Type.String() });
export type Author = Static<typeof Author>;

export const ErrorInfo = Obj({ code: Type.String(), message: Type.String() });
export type ErrorInfo = Static<typeof ErrorInfo>;

/** ready: stored, served at /v1/attachments/{id}; pending: a provider's media still being fetched; failed: it could not be (error says why). */
export const AttachmentState = OneOf(['ready', 'pending', 'failed']);
export type AttachmentState = Static<typeof AttachmentState>;

/** A file of a message: a picture of an MMS or a WhatsApp message, or a file an agent sent. */
export const Attachment = Obj({
  id: Id(),
  name: Type.String({ description: 'As the sender named it: show it as text.' }),
  contentType: Type.String(),
  size: Nullable(Type.Integer({ minimum: 0, description: 'In bytes; null until a pending file is fetched.' })),
  state: AttachmentState,
  error: Nullable(Type.String()),
});
export type Attachment = Static<typeof Attachment>;

export const Message = Obj({
  id: Id(),
  conversationId: Id(),
  seq: Seq({ description: "Dense, per conversation, starting at 1: the thread's order." }),
  clientId: Nullable(Type.String({ description: "The sender's idempotency key (client-generated), when it came from a client." })),
  kind: MessageKind,
  channel: Nullable(ChannelSchema),
  direction: Nullable(Direction),
  author: Author,
  body: Type.String(),
  subject: Nullable(Type.String()),
  status: MessageStatus,
  error: Nullable(ErrorInfo),
  createdAt: Instant(),
  attachments: Type.Array(Attachment, { description: 'Its files, in order; fetch each one from GET /v1/attachments/{id} with the token.' }),
  html: Nullable(
    Obj({ bytes: Type.Integer({ minimum: 0 }) }, { description: 'An email sent with an HTML body, as sent and unsanitized: read it with messages.html. `body` is its text.' }),
  ),
  meta: Type.Record(Type.String(), Type.Unknown(), { description: 'Kind-specific extras: call duration, activity link, and so on.' }),
});
export type Message = Static<typeof Message>;

export const ConversationStatus = OneOf(['open', 'archived']);
export type ConversationStatus = Static<typeof ConversationStatus>;

export const ContactSummary = Obj({
  id: Id(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  group: Nullable(Type.String({ description: 'Host-defined role (client, agent, inspector…): hosts may show groups as sections.' })),
});
export type ContactSummary = Static<typeof ContactSummary>;

export const Label = Obj(
  { id: Id(), name: Type.String(), color: Type.String({ description: 'A CSS colour, e.g. #0f766e' }) },
  { description: 'A workspace-defined, coloured label on conversations (tags belong to contacts).' },
);
export type Label = Static<typeof Label>;

export const Snippet = Obj(
  {
    id: Id(),
    title: Type.String(),
    shortcut: Nullable(Type.String({ description: 'What an agent types after "/" in the composer to insert it.' })),
    body: Type.String({ description: 'The reply; its merge tags are filled in when it is sent.' }),
    updatedAt: Instant(),
  },
  { description: "A saved reply the workspace's agents share (a snippet)." },
);
export type Snippet = Static<typeof Snippet>;

/** Where a WhatsApp template stands with WhatsApp (Twilio's approval status); only `approved` ones can be sent. */
export const TemplateStatus = OneOf(['approved', 'pending', 'rejected', 'paused', 'disabled', 'unsubmitted']);

export const MessageTemplate = Obj(
  {
    id: Type.String({ description: "The provider's id (Twilio's Content SID, HX…)." }),
    name: Type.String(),
    channel: OneOf(['whatsapp']),
    language: Type.String({ description: 'Its language (en, es, pt_BR…).' }),
    category: Nullable(Type.String({ description: "WhatsApp's category: UTILITY, MARKETING or AUTHENTICATION." })),
    body: Type.String({ description: 'Its text, with numbered variables ({{1}}, {{2}}…).' }),
    variables: Type.Array(Obj({ key: Type.String(), example: Type.String() }), { description: 'Each variable the text names, in order, with the example it was approved with.' }),
    status: TemplateStatus,
    rejectionReason: Nullable(Type.String()),
  },
  { description: 'A message template a channel approved: what WhatsApp lets a business send outside the 24-hour window.' },
);
export type MessageTemplate = Static<typeof MessageTemplate>;

export const ContactCardKind = OneOf(['opportunity', 'appointment', 'inspection', 'invoice', 'other']);

export const ContactCard = Obj(
  {
    key: Type.String({ description: "The host's id for the record the card shows (unique per contact)." }),
    kind: ContactCardKind,
    title: Type.String(),
    subtitle: Nullable(Type.String({ description: 'A second line: the pipeline and stage, a date and time, an address…' })),
    status: Nullable(Type.String({ description: 'A word or two: Open, Scheduled, Paid, Overdue…' })),
    amount: Nullable(Obj({ value: Type.Number(), currency: Type.String({ description: 'ISO 4217: USD, EUR…' }) })),
    link: Nullable(Type.String({ description: 'The record in the host: an http(s) URL or a path of the host page.' })),
    actions: Type.Array(Obj({ label: Type.String(), link: Type.String() }), { description: 'Links to what can be done with it in the host (Reschedule, Send invoice…).' }),
    updatedAt: Instant(),
  },
  { description: "A record of the host's about a contact (a deal, an appointment, an inspection, an invoice), shown in the contact panel." },
);
export type ContactCard = Static<typeof ContactCard>;

export const LastMessage = Obj({ preview: Type.String(), channel: Nullable(ChannelSchema), kind: MessageKind, direction: Nullable(Direction), at: Instant() });
export type LastMessage = Static<typeof LastMessage>;

export const Conversation = Obj({
  id: Id(),
  contact: ContactSummary,
  status: ConversationStatus,
  assigneeId: Nullable(Id()),
  labelIds: Type.Array(Id(), { description: 'Ids of the workspace labels on this conversation.' }),
  channels: Type.Array(ChannelSchema, { description: 'Every channel the thread has a message on (what the channel filter matches).' }),
  lastMessage: Nullable(LastMessage),
  lastActivityAt: Instant(),
  lastInboundChannel: Nullable(ChannelSchema),
  lastSeq: Seq({ description: 'Seq of the newest message in the thread.' }),
  lastInboundSeq: Seq({ description: "Seq of the newest inbound message: unread when above the agent's lastReadSeq." }),
  createdAt: Instant(),
  version: EventSeq({ description: "The workspace event seq of the conversation's latest change: of two copies, the higher version is the newer one." }),
});
export type Conversation = Static<typeof Conversation>;

export const ReadState = Obj(
  {
    conversationId: Id(),
    userId: Id(),
    lastReadSeq: Seq(),
    starred: Type.Boolean(),
    manualUnread: Type.Boolean(),
    mentioned: Type.Boolean({ description: 'A note in the thread @mentions this agent.' }),
  },
  { description: "One agent's own state for one conversation." },
);
export type ReadState = Static<typeof ReadState>;

/** A conversation as one agent sees it: shared fields plus that agent's read state (client-side). */
export interface ConversationView extends Conversation {
  readState: ReadState;
  unread: boolean;
}

export const Contact = Obj({
  id: Id(),
  firstName: Type.String(),
  lastName: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  whatsappUserId: Nullable(Type.String({ description: "WhatsApp's business-scoped user id" })),
  email: Nullable(Type.String()),
  group: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  externalId: Nullable(Type.String()),
  dnd: Type.Array(Type.String(), { description: 'Channels the contact is not to be messaged on (do not disturb), or "all".' }),
  timezone: Nullable(Type.String({ description: "The contact's IANA time zone, when known: quiet hours are kept in it." })),
  custom: Type.Record(Type.String(), Type.String(), { description: 'Custom fields by key, for merge tags ({{contact.custom.<key>}}).' }),
  createdAt: Instant(),
});
export type Contact = Static<typeof Contact>;

export const Role = OneOf(['admin', 'agent']);
export type Role = Static<typeof Role>;

export const User = Obj({
  id: Id(),
  externalId: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  role: Role,
  active: Type.Boolean({ description: 'False once an admin deactivated the agent: still named on what they did, no longer assignable.' }),
});
export type User = Static<typeof User>;

/** A daily window (local "HH:MM", 24-hour) in which automated and scheduled messages wait; it may span midnight. */
export const QuietHours = Obj(
  { start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), end: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }) },
  { description: 'A daily window (local "HH:MM", 24-hour) in which automated and scheduled messages wait; it may span midnight.' },
);
export type QuietHours = Static<typeof QuietHours>;

export const VoiceSettings = Obj(
  {
    recordInbound: Type.Boolean({ description: 'Calls from contacts are recorded (after the disclosure).' }),
    recordOutbound: Type.Boolean({ description: 'Calls to contacts (click to call) are recorded; the contact hears the disclosure on answering.' }),
    disclosure: Nullable(Type.String({ description: 'What a recorded call says first; null: "This call may be recorded."' })),
    forwardTo: Nullable(Type.String({ description: "Where a contact's call rings when its conversation's assignee has no phone saved (E.164); null: straight to voicemail." })),
    voicemailGreeting: Nullable(Type.String({ description: 'What a caller hears before leaving a voicemail; null: a default naming the workspace.' })),
  },
  { description: 'How calls to and from contacts go (Twilio Voice).' },
);
export type VoiceSettings = Static<typeof VoiceSettings>;

/**
 * Where a call entry (`kind: "call"`) stands, in its `meta.outcome`: ringing, then in-progress, then
 * one ending. `meta.durationSeconds` is the talk time; a recording is one of its attachments.
 */
export const CALL_OUTCOMES = ['ringing', 'in-progress', 'answered', 'missed', 'voicemail', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const Workspace = Obj({
  id: Id(),
  slug: Type.String(),
  name: Type.String(),
  recentDays: Type.Integer({ description: 'How many days of activity the Recents view covers (14 unless the workspace changed it).' }),
  timezone: Type.String({ description: 'IANA time zone quiet hours are kept in, e.g. "America/Chicago".' }),
  quietHours: Nullable(QuietHours),
  consentRequired: Type.Boolean({ description: "An agent's reply, sent now or scheduled, needs the contact's granted consent too (automated and bulk sends always do)." }),
  helpText: Nullable(Type.String({ description: 'What an inbound HELP is answered with; null: the default, naming the workspace.' })),
  voice: VoiceSettings,
  customValues: Type.Record(Type.String(), Type.String(), { description: 'Custom values by key, for merge tags ({{custom_values.<key>}}).' }),
});
export type Workspace = Static<typeof Workspace>;

export const SessionLimits = Obj(
  { inFlight: Type.Integer(), burst: Type.Integer(), perSecond: Type.Number() },
  { description: "The limits this socket's commands are held to: at most `inFlight` awaiting an answer, and a token bucket of `burst` refilled at `perSecond`." },
);
export type SessionLimits = Static<typeof SessionLimits>;

export const Session = Obj(
  { user: User, workspace: Workspace, latestEventSeq: EventSeq({ description: 'The newest event seq at connect time: where reconnect sync starts.' }), limits: SessionLimits },
  { description: 'What the server tells a socket right after it connects.' },
);
export type Session = Static<typeof Session>;

/**
 * What narrows a list; combinable with every view. Ids are resolved in the caller's workspace.
 * `assignee`: 'me', 'unassigned' or a user id.
 */
export const filterProperties = {
  assignee: Type.Optional(Type.Union([OneOf(['me', 'unassigned']), Id()])),
  channel: Type.Optional(ChannelSchema),
  labelId: Type.Optional(Id()),
  group: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A contact group (host-defined role).' })),
  mentionsMe: Type.Optional(Type.Boolean({ description: 'Only conversations with a note that @mentions the caller.' })),
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Contact first/last name, phone in any typed format, email, or message text.' })),
};
export const ConversationFilter = Obj(filterProperties);
export type ConversationFilter = Static<typeof ConversationFilter>;

export const SearchMatch = Obj(
  {
    field: OneOf(['name', 'phone', 'email', 'message']),
    snippet: Type.String(),
    highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
    messageId: Type.Optional(Id({ description: 'For a message match: its id, to jump to it in the thread.' })),
    seq: Type.Optional(Seq()),
  },
  { description: 'Why a search result matched: the text to show with [start, end) ranges to highlight.' },
);
export type SearchMatch = Static<typeof SearchMatch>;

/**
 * One agent's socket in a conversation (collision detection): viewing it, and typing a reply in it
 * or not. Sent as it changes (ServerToClientEvents.presence); `conversationId` null: it left.
 */
export const Presence = Obj({
  viewerId: Type.String({ description: "The socket's own id: an agent in two tabs is two viewers." }),
  userId: Id(),
  name: Type.String(),
  conversationId: Nullable(Id()),
  typing: Type.Boolean(),
});
export type Presence = Static<typeof Presence>;
