// Acknowledged commands: the client emits (name, params, ack) and the server answers a Result.
// The same operations back the REST API. Each command's params and result are JSON schemas
// (TypeBox) defined once here: the SDK's types are derived from them, the server validates
// params and documents REST with them, and a server test checks every result against them.
// Adding a command is one entry here; the server's handler map is checked against it.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { BODY_MAX_LENGTH, BULK_IDS_MAX, EVENTS_PAGE_MAX, PAGE_LIMIT_MAX } from './constants.js';
import { ChannelSchema, Contact, ContactCard, ContactCardKind, Conversation, QuietHours, VoiceSettings, ConversationFilter, filterProperties, InboxViewSchema, Label, Message, MessageTemplate, Presence, ReadState, SearchMatch, Snippet, User, Workspace } from './models.js';
import type { ProtocolError } from './errors.js';
import { ServerEventSchema } from './events.js';
import { ChannelReach, ConsentChannel, ConsentEntry } from './consent.js';
import { EventSeq, Id, Nullable, Obj, OneOf, Seq } from './schema-kit.js';

export { PAGE_LIMIT_MAX, BODY_MAX_LENGTH, BULK_IDS_MAX, EVENTS_PAGE_MAX, ID_PATTERN } from './constants.js';

/** Client-chosen keys (clientId, operationId): printable ASCII, no spaces. */
const ClientKey = Type.String({ minLength: 8, maxLength: 64, pattern: '^[!-~]+$' });
const Limit = Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX });
const Empty = Obj({});

export const ConversationListItem = Obj(
  { conversation: Conversation, readState: ReadState, match: Type.Optional(SearchMatch) },
  { description: "A conversation in a list: shared fields plus the caller's own read state; `match` in search results." },
);
export type ConversationListItem = Static<typeof ConversationListItem>;

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

export const BulkTarget = Type.Union([
  Obj({ ids: Type.Array(Id(), { minItems: 1, maxItems: BULK_IDS_MAX, uniqueItems: true }) }),
  Obj({ view: InboxViewSchema, filter: ConversationFilter }),
], { description: 'Conversations a bulk action applies to: listed ids, or every one a view and filter match.' });
export type BulkTarget = Static<typeof BulkTarget>;

export const BulkAction = Type.Union([
  Obj({ type: OneOf(['archive', 'unarchive', 'markRead', 'markUnread']) }),
  Obj({ type: Type.Literal('assign'), assigneeId: Nullable(Id()) }),
  Obj({ type: OneOf(['addLabel', 'removeLabel']), labelId: Id() }),
  Obj({ type: Type.Literal('tagContacts'), tag: Type.String({ minLength: 1, maxLength: 64, description: "Added to each conversation's contact." }) }),
]);
export type BulkAction = Static<typeof BulkAction>;

export const ViewCounts = Obj({ all: Type.Integer(), unread: Type.Integer(), recents: Type.Integer(), starred: Type.Integer(), archived: Type.Integer() });
export type ViewCounts = Static<typeof ViewCounts>;

const idOnly = Obj({ id: Id() });

/** Every command's params and result, as schemas. */
/** Custom fields or values to set (null removes one), by key: letters, digits and _. */
const CustomTextChanges = Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$' }), Nullable(Type.String({ maxLength: 1000 })), {
  additionalProperties: false,
  maxProperties: 50,
  description: 'By key (letters, digits and _, at most 64): the new text (at most 1,000 characters), or null to remove it. Keys not named stay as they are.',
});

const TemplateSend = Obj(
  {
    id: Type.String({ minLength: 1, maxLength: 64, description: 'A template of templates.list, approved.' }),
    variables: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]{1,2}$' }), Type.String({ maxLength: 1000 }), {
      additionalProperties: false,
      maxProperties: 20,
      description: 'Its variables by number ("1": "Ana"); merge tags in them are filled in. Each one the template names must render to some text, on one line.',
    })),
  },
  { description: 'Sends a WhatsApp template (allowed outside the 24-hour window): `body` is then empty, the text is the template\'s.' },
);

export const COMMANDS = {
  'conversations.list': {
    description: 'Newest activity first, keyset-paginated.',
    params: Obj({ ...filterProperties, view: Type.Optional(InboxViewSchema), limit: Type.Optional(Limit), cursor: Type.Optional(Type.String({ maxLength: 512 })) }),
    result: Obj({ items: Type.Array(ConversationListItem), nextCursor: Nullable(Type.String({ description: 'Opaque keyset cursor for the next page; null on the last page.' })) }),
  },
  'conversations.counts': {
    description: "How many conversations each view holds under a filter (unread and starred: the caller's).",
    params: ConversationFilter,
    result: ViewCounts,
  },
  'conversations.update': {
    description: 'Shared changes: archive/unarchive, assignee, labels.',
    params: Obj({
      id: Id(),
      status: Type.Optional(OneOf(['open', 'archived'])),
      assigneeId: Type.Optional(Nullable(Id())),
      addLabelIds: Type.Optional(Type.Array(Id(), { maxItems: 50, uniqueItems: true })),
      removeLabelIds: Type.Optional(Type.Array(Id(), { maxItems: 50, uniqueItems: true })),
    }),
    result: Conversation,
  },
  'conversations.mark': {
    description: "The caller's own marks: unread by hand, starred.",
    params: Obj({ id: Id(), unread: Type.Optional(Type.Boolean()), starred: Type.Optional(Type.Boolean()) }),
    result: ReadState,
  },
  'conversations.delete': {
    description: 'Admins only: the conversation and its messages are gone for good.',
    params: idOnly,
    result: Obj({ id: Id() }),
  },
  'conversations.bulk': {
    description: 'One action on many conversations in one transaction, one event each. The server reports progress to the calling socket as `bulk.progress` events carrying `operationId`.',
    params: Obj({ operationId: ClientKey, target: BulkTarget, action: BulkAction }),
    result: Obj({ operationId: Type.String(), matched: Type.Integer(), changed: Type.Integer() }),
  },
  'labels.list': { description: "The workspace's labels.", params: Empty, result: Type.Array(Label) },
  'labels.create': {
    description: 'Admins only: a new label.',
    params: Obj({ name: Type.String({ minLength: 1, maxLength: 64 }), color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }) }),
    result: Label,
  },
  'snippets.list': {
    description: "The workspace's saved replies, by title.",
    params: Empty,
    result: Obj({ items: Type.Array(Snippet) }),
  },
  'templates.list': {
    description: "The workspace's WhatsApp templates (its Twilio account's, or the sandbox's), approved ones first; read from the provider at most once a minute.",
    params: Empty,
    result: Obj({ items: Type.Array(MessageTemplate) }),
  },
  'snippets.save': {
    description: 'Admins only: a new saved reply, or, with `id`, a change to one. A shortcut is unique in the workspace.',
    params: Obj({
      id: Type.Optional(Id()),
      title: Type.String({ minLength: 1, maxLength: 120 }),
      shortcut: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'Lowercase letters, digits, "-" and "_".' }))),
      body: Type.String({ minLength: 1, maxLength: 4000 }),
    }),
    result: Snippet,
  },
  'snippets.delete': {
    description: 'Admins only: removes a saved reply.',
    params: idOnly,
    result: Obj({ id: Id() }),
  },
  'workspace.update': {
    description: 'Admins only: workspace settings (the Recents window, time zone, quiet hours, consent policy, HELP answer).',
    params: Obj({
      recentDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
      timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      quietHours: Type.Optional(Nullable(QuietHours)),
      consentRequired: Type.Optional(Type.Boolean()),
      helpText: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 320 }))),
      voice: Type.Optional(
        Obj({
          recordInbound: Type.Optional(VoiceSettings.properties.recordInbound),
          recordOutbound: Type.Optional(VoiceSettings.properties.recordOutbound),
          disclosure: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
          forwardTo: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 32, description: 'A phone number (E.164, or national for the US).' }))),
          voicemailGreeting: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
        }),
      ),
      customValues: Type.Optional(CustomTextChanges),
    }),
    result: Workspace,
  },
  'users.list': { description: "The workspace's agents, for the assignee picker.", params: Empty, result: Type.Array(User) },
  'conversations.get': { description: 'One conversation with your read state.', params: idOnly, result: ConversationListItem },
  'conversations.markRead': {
    description: 'Marks the thread read up to `seq` (default: its newest message) for the caller only.',
    params: Obj({ id: Id(), seq: Type.Optional(Seq()) }),
    result: ReadState,
  },
  'messages.list': {
    description: 'By seq: `before` pages back into history, `after` catches up; newest page when neither.',
    params: Obj({ conversationId: Id(), before: Type.Optional(Seq()), after: Type.Optional(Seq()), limit: Type.Optional(Limit) }),
    result: Obj({ items: Type.Array(Message), hasMore: Type.Boolean() }),
  },
  'messages.send': {
    description: 'Idempotent on clientId: a retry answers the message the first attempt created.',
    params: Obj({
      conversationId: Id(),
      clientId: ClientKey,
      body: Type.String({ maxLength: BODY_MAX_LENGTH, description: 'The text; may be empty when files go with it.' }),
      channel: Type.Optional(ChannelSchema),
      kind: Type.Optional(OneOf(['message', 'note'])),
      attachmentIds: Type.Optional(Type.Array(Id(), { maxItems: 20, uniqueItems: true, description: 'Files uploaded with POST /v1/attachments, in order. An SMS with files goes as MMS.' })),
      mentions: Type.Optional(Type.Array(Id(), { maxItems: 20, uniqueItems: true })),
      sendAt: Type.Optional(Type.String({ minLength: 10, maxLength: 40, description: 'Schedule it (an ISO 8601 instant): it goes then, at most a year ahead, or when quiet hours end if they hold then.' })),
      template: Type.Optional(TemplateSend),
      subject: Type.Optional(Type.String({ maxLength: 200, description: "An email's subject; by default \"Re:\" the contact's last email's, or one naming the workspace." })),
      automated: Type.Optional(Obj(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Who the thread says sent it; by default "Auto".' })),
          link: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'The host record it was sent for: an http(s) URL or a path of the host page.' })),
          linkLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        },
        { description: "Sent by the host's automation (seed 004), not by an agent: it needs the contact's consent and waits out quiet hours; the thread shows it as sent by \"Auto\" with a link to its record." },
      )),
    }),
    result: Message,
  },
  'activities.post': {
    description: "An activity card from the host in a contact's thread (an appointment booked, a stage changed): its title, details, status, a link back into the host and who did it. Idempotent on clientId. Not unread: it is no message from the contact.",
    params: Obj({
      conversationId: Id(),
      clientId: ClientKey,
      title: Type.String({ minLength: 1, maxLength: 200 }),
      body: Type.Optional(Type.String({ maxLength: 2000, description: 'Details under the title.' })),
      status: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A word or two: Booked, Completed, Offer…' })),
      link: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'Back into the host: an http(s) URL, or a path of the host page ("/appointments/1042").' })),
      linkLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Who did it in the host (a person, "Auto"); by default the caller.' })),
    }),
    result: Message,
  },
  'messages.cancel': {
    description: 'Cancels a scheduled message that has not gone yet; one already on its way is `conflict`.',
    params: idOnly,
    result: Message,
  },
  'messages.reschedule': {
    description: 'Edits a scheduled message before it goes: its text, its time (as `sendAt` in messages.send), or both. One already on its way, sent or cancelled is `conflict`.',
    params: Obj({
      id: Id(),
      body: Type.Optional(Type.String({ maxLength: BODY_MAX_LENGTH, description: 'The new text; may be empty when files go with it.' })),
      sendAt: Type.Optional(Type.String({ minLength: 10, maxLength: 40, description: 'The new time: an ISO 8601 instant with its offset, at most a year ahead.' })),
    }),
    result: Message,
  },
  'messages.retry': {
    description: "Sends a message that failed or was not delivered again, as the same message: it goes back to queued with its error cleared, and the provider's reports on the failed attempt no longer touch it.",
    params: idOnly,
    result: Message,
  },
  'contacts.get': { description: 'One contact.', params: idOnly, result: Contact },
  'contacts.update': {
    description: "Names a contact (seed 002's Create lead: the phone number stays its key), sets its email, its do-not-disturb channels and its time zone.",
    params: Obj({
      id: Id(),
      firstName: Type.Optional(Type.String({ maxLength: 200 })),
      lastName: Type.Optional(Type.String({ maxLength: 200 })),
      email: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 320 }))),
      dnd: Type.Optional(Type.Array(OneOf(['sms', 'mms', 'whatsapp', 'email', 'call', 'all']), { maxItems: 6, uniqueItems: true })),
      timezone: Type.Optional(Nullable(Type.String({ maxLength: 64, description: 'An IANA zone (America/Chicago): automated and scheduled messages keep quiet hours in it.' }))),
      custom: Type.Optional(CustomTextChanges),
    }),
    result: Contact,
  },
  'contacts.upsert': {
    description: "The host's side of contact sync: creates or updates the contact its external id names (the host's own id), or else its phone. With both, a contact known by phone alone takes the external id. Fields left out stay as they are.",
    params: Obj({
      externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The host's id for the person (its CRM's record id)." })),
      phone: Type.Optional(Type.String({ minLength: 3, maxLength: 32, description: 'Any common format; kept in E.164.' })),
      firstName: Type.Optional(Type.String({ maxLength: 200 })),
      lastName: Type.Optional(Type.String({ maxLength: 200 })),
      email: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 320 }))),
      group: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: "The host's role for the person: client, agent, inspector… (the list's group filter)." }))),
      tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true })),
      timezone: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
      custom: Type.Optional(CustomTextChanges),
    }),
    result: Obj({ contact: Contact, created: Type.Boolean() }),
  },
  'contacts.find': {
    description: "A contact by the host's external id or by phone, and its conversation (null when it has none yet); contact null when there is no such contact.",
    params: Obj({
      externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      phone: Type.Optional(Type.String({ minLength: 3, maxLength: 32 })),
    }),
    result: Obj({ contact: Nullable(Contact), conversationId: Nullable(Id()) }),
  },
  'conversations.start': {
    description: "The contact's conversation, created (empty, open) when it has none yet: one per contact.",
    params: Obj({ contactId: Id() }),
    result: Obj({ item: ConversationListItem, created: Type.Boolean() }),
  },
  'contactCards.list': {
    description: "The host's cards about a contact (deals, appointments, inspections, invoices), in the order the host gave.",
    params: Obj({ contactId: Id() }),
    result: Obj({ items: Type.Array(ContactCard) }),
  },
  'contactCards.save': {
    description: "Creates or replaces one of the host's cards about a contact, by the host's key for its record.",
    params: Obj({
      contactId: Id(),
      key: Type.String({ minLength: 1, maxLength: 200 }),
      kind: ContactCardKind,
      title: Type.String({ minLength: 1, maxLength: 200 }),
      subtitle: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      status: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
      amount: Type.Optional(Nullable(Obj({ value: Type.Number({ minimum: -1e15, maximum: 1e15 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) }))),
      link: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 2000 }))),
      actions: Type.Optional(Type.Array(Obj({ label: Type.String({ minLength: 1, maxLength: 64 }), link: Type.String({ minLength: 1, maxLength: 2000 }) }), { maxItems: 5 })),
      position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Where it goes among the contact\'s cards (lower first); by default after them.' })),
    }),
    result: ContactCard,
  },
  'contactCards.delete': {
    description: "Removes one of the host's cards about a contact.",
    params: Obj({ contactId: Id(), key: Type.String({ minLength: 1, maxLength: 200 }) }),
    result: Obj({ key: Type.String() }),
  },
  'contacts.reachability': {
    description: 'Whether an agent can send to the contact on each channel now (address, do-not-disturb, consent and opt-out on the sending number, the WhatsApp 24-hour window), and why not: what the composer shows before the agent types.',
    params: idOnly,
    result: Obj({ channels: Type.Array(ChannelReach) }),
  },
  'consent.list': {
    description: "The contact's consent ledger, newest first.",
    params: Obj({ contactId: Id() }),
    result: Obj({ items: Type.Array(ConsentEntry) }),
  },
  'consent.set': {
    description: "Records a consent change for the contact on the workspace's sending number: revoked (an agent confirming a flagged text, or the host), granted, dismissed (a flagged text that was no revocation), or pending, which sends the contact a confirmation request that a YES grants (double opt-in).",
    params: Obj({
      contactId: Id(),
      channel: ConsentChannel,
      status: OneOf(['pending', 'granted', 'revoked', 'dismissed']),
      messageId: Type.Optional(Id({ description: 'The message this is about (the flagged text an agent confirms).' })),
    }),
    result: ConsentEntry,
  },
  'calls.start': {
    description: "Click to call: rings the agent's phone, and when the agent answers, calls the contact from the workspace's voice number and joins them. The call is logged in the thread at once (the entry this answers) and its entry follows the call: ringing, in progress, answered with its duration, missed, or failed with why. `agentPhone` is saved for the agent's next calls.",
    params: Obj({
      conversationId: Id(),
      agentPhone: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'The phone to ring you on (E.164, or national for the US); defaults to the one saved by your last call.' })),
    }),
    result: Message,
  },
  'messages.html': {
    description:
      "An email's HTML body (a message whose `html` is set), as it came: show it only sanitized, in a sandboxed frame, as <conv-thread> does. Its text is the message's `body`.",
    params: idOnly,
    result: Obj({ html: Type.String() }),
  },
  'attachments.link': {
    description: "A link that opens one of the workspace's files (a call's recording, a picture) for 10 minutes, for a player or an <img> that cannot send the bearer token.",
    params: idOnly,
    result: Obj({ url: Type.String(), expiresAt: Type.String({ description: 'ISO 8601.' }) }),
  },
  'attachments.uploadLink': {
    description:
      'A link that uploads files for your messages for 10 minutes, as POST /v1/attachments does but without the bearer token (the link is the credential), from a page of any origin: for an upload that shows its progress.',
    params: Empty,
    result: Obj({ url: Type.String({ description: 'POST the file to it: the body is the file, Content-Type its type, &name= its name.' }), expiresAt: Type.String({ description: 'ISO 8601.' }) }),
  },
  'presence.set': {
    description:
      "Says which conversation this socket shows (null: none) and whether its agent is typing a reply in it, for the other agents' collision warnings. Answers who else is in that conversation now. Socket only; not part of the event log.",
    params: Obj({ conversationId: Nullable(Id()), typing: Type.Optional(Type.Boolean()) }),
    result: Obj({ others: Type.Array(Presence) }),
  },
  'session.refresh': {
    description: "Swaps the socket's token for a fresh one before the old one expires. The new token's role and name apply from the next command on; the result carries the user as it now stands.",
    params: Obj({ token: Type.String({ minLength: 1, maxLength: 8192 }) }),
    result: Obj({ expiresAt: Type.String(), user: User }),
  },
  'events.since': {
    description: 'Events after `seq`, oldest first. `hasMore` asks for another call from the last seq.',
    params: Obj({ seq: EventSeq(), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: EVENTS_PAGE_MAX })) }),
    result: Obj({ events: Type.Array(ServerEventSchema), hasMore: Type.Boolean() }),
  },
} satisfies Record<string, { description: string; params: TSchema; result: TSchema }>;

export type CommandName = keyof typeof COMMANDS;

/** Each command's params and result types, derived from the schemas. */
export type Commands = { [N in CommandName]: { params: Static<(typeof COMMANDS)[N]['params']>; result: Static<(typeof COMMANDS)[N]['result']> } };
export type CommandParams<N extends CommandName> = Commands[N]['params'];
export type CommandResult<N extends CommandName> = Commands[N]['result'];

export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };
export type Ack<N extends CommandName> = (result: Result<CommandResult<N>>) => void;

export const COMMAND_NAMES = Object.keys(COMMANDS) as readonly CommandName[];
