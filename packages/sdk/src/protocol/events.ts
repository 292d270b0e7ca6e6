// Server events. Every one carries the workspace's event seq, emitted only after its
// transaction committed: a client that has applied seq N has seen everything below N.
// Each payload is a JSON schema (TypeBox), its type derived from it; events.since's result
// schema is their union, so a server test checks every stored event against it.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Contact, ContactCard, Conversation, ConversationFilter, Label, Message, ReadState, Session, Workspace } from './models.js';
import type { ProtocolError } from './errors.js';
import { EventSeq, Id, Instant, Obj } from './schema-kit.js';
import { ConsentEntry } from './consent.js';

export const EVENT_PAYLOADS = {
  'message.created': Obj({ message: Message, conversation: Conversation }),
  'message.updated': Obj({ message: Message, conversation: Conversation }),
  'conversation.updated': Obj({ conversation: Conversation }),
  /** Gone for good (an admin deleted it): drop it and its thread. */
  'conversation.deleted': Obj({ conversationId: Id() }, { description: 'Gone for good (an admin deleted it): drop it and its thread.' }),
  /** One person's two threads became one (a WhatsApp user id, then a number): drop the first, read `conversation`'s thread again (renumbered). */
  'conversation.merged': Obj({ conversationId: Id(), conversation: Conversation }, { description: "Two threads of one person became one: drop conversationId, read conversation's thread again (renumbered)." }),
  'label.created': Obj({ label: Label }),
  'workspace.updated': Obj({ workspace: Workspace }),
  'contact.updated': Obj({ contact: Contact }),
  /** The host's cards about a contact changed: every card the contact has now. */
  'contact.cards': Obj({ contactId: Id(), cards: Type.Array(ContactCard) }, { description: "The host's cards about a contact changed: every card it has now." }),
  /** A consent change an agent or the host made (STOP and other keywords show as the message itself). */
  'consent.updated': Obj({ contactId: Id(), entry: ConsentEntry }, { description: 'A consent change an agent or the host made (keywords show as the inbound message itself).' }),
  /** One agent's read state; clients apply only their own. */
  'readstate.updated': Obj({ readState: ReadState }, { description: "One agent's read state; clients apply only their own." }),
  /**
   * The server stopped posting to a webhook endpoint after a day of failed deliveries; an admin
   * reads why in GET /v1/webhooks (the URL and the host's answer are not for every agent) and
   * enables it again (its missed events follow).
   */
  'webhook.disabled': Obj({ endpointId: Id() }, { description: 'The server stopped posting to a webhook endpoint after a day of failed deliveries; GET /v1/webhooks says why, and enabling it again sends what it missed.' }),
} satisfies Record<string, TSchema>;

export type EventPayloads = { [T in keyof typeof EVENT_PAYLOADS]: Static<(typeof EVENT_PAYLOADS)[T]> };
export type EventType = keyof EventPayloads;
/** Every event type, as webhook endpoints name the ones they want. */
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

const eventOf = <T extends EventType>(type: T) => Obj({ seq: EventSeq(), type: Type.Literal(type), data: EVENT_PAYLOADS[type] as (typeof EVENT_PAYLOADS)[T], at: Instant() });

/** Any server event: one branch per type. */
export const ServerEventSchema = Type.Union([
  eventOf('message.created'),
  eventOf('message.updated'),
  eventOf('conversation.updated'),
  eventOf('conversation.deleted'),
  eventOf('conversation.merged'),
  eventOf('label.created'),
  eventOf('contact.cards'),
  eventOf('workspace.updated'),
  eventOf('contact.updated'),
  eventOf('consent.updated'),
  eventOf('readstate.updated'),
  eventOf('webhook.disabled'),
]);
export type ServerEvent = Static<typeof ServerEventSchema>;

// The union above lists every payload: the compiler refuses one left out.
const everyEventListed: EventType extends ServerEvent['type'] ? true : never = true;
void everyEventListed;

/** Counts pushed to a socket (ServerToClientEvents.counts). */
export interface CountsUpdate {
  filter: ConversationFilter;
  counts: import('./commands.js').ViewCounts;
}

/** Socket.IO event names, server to client. */
export interface ServerToClientEvents {
  event: (event: ServerEvent) => void;
  session: (session: Session) => void;
  /**
   * New view counts under a filter this socket asked `conversations.counts` for, sent when they
   * change: the client need not ask again after events. Not part of the event log.
   */
  counts: (update: CountsUpdate) => void;
  /** Progress of the caller's own bulk action; not part of the event log. */
  'bulk.progress': (progress: { operationId: string; done: number; total: number }) => void;
  /** The token expired or was revoked: the socket is about to close; fetch a new token. */
  'session.expired': () => void;
  /**
   * The server is about to close this socket, and why: `rate_limited` when it kept sending
   * commands after being refused. Reconnect no sooner than `details.retryAfterMs`.
   */
  'session.closed': (reason: ProtocolError) => void;
  /** Another agent's socket opened a conversation, began or stopped typing in it, or left it. Not part of the event log. */
  presence: (presence: import('./models.js').Presence) => void;
}
