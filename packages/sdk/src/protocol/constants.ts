// The protocol's constants: plain values the SDK and elements use at run time, kept apart from
// the schemas so that a bundle that needs a list of channels does not carry the schemas too.

/** Where a message travelled. Notes and activity cards have no channel. */
export const CHANNELS = ['sms', 'mms', 'whatsapp', 'email', 'call', 'chat', 'facebook', 'instagram'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The list's views. Unread and Starred are the agent's own; Archived is everyone's. */
export const INBOX_VIEWS = ['all', 'unread', 'recents', 'starred', 'archived'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/**
 * Forward-only lifecycle of an outbound message. `pending` exists only in the client, between
 * an optimistic send and the server's answer.
 */
export const MESSAGE_STATUSES = ['pending', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read', 'received', 'failed', 'undelivered', 'canceled'] as const;

/**
 * Ids are lowercase UUIDs, checked by format before any query: a malformed id of any length is
 * `invalid_params`, a well-formed unknown one `not_found`.
 */
export const ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export const PAGE_LIMIT_MAX = 100;
export const BODY_MAX_LENGTH = 10_000;
/** Bulk actions by id take at most this many conversations; "all matching" has no cap. */
export const BULK_IDS_MAX = 10_000;
/** events.since answers at most this many events a call. */
export const EVENTS_PAGE_MAX = 500;
