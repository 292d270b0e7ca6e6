// Stable error codes shared by the server, the SDK and REST. Messages are for people;
// codes are for code. Never rename a code: hosts switch on them.
export const ERROR_CODES = {
  invalid_params: 'A parameter is missing or malformed; details.path names it.',
  too_long: 'A text or list is longer than allowed; details.path names it and details.limit gives the limit.',
  unauthenticated: 'No valid token: sign in again.',
  token_expired: 'The token has expired: fetch a new one.',
  forbidden: 'Your role does not allow this.',
  not_found: 'No such record in this workspace.',
  unknown_command: 'The server does not know this command.',
  conflict: 'The record changed meanwhile; reload and retry.',
  channel_unavailable: 'The channel cannot send to this contact now; details.reason says why (no_address, dnd, opted_out, consent_pending, no_consent, whatsapp_window) and the message what would change it.',
  too_large: "Files larger than the channel takes; details.limit gives the limit in bytes and the message names it.",
  unsupported_media_type: "A file of a type the channel does not carry; the message names the type and the channel.",
  invalid_signature: 'The webhook signature does not match.',
  provider_rejected: 'The provider (e.g. Twilio) refused the request; the message says why and details.providerCode gives its code.',
  provider_unavailable: 'The provider (e.g. Twilio) could not be reached or did not answer: try again shortly.',
  resync_required: 'Too far behind to catch up by events: reload.',
  timeout: 'The server did not answer in time.',
  disconnected: 'Not connected to the server.',
  rate_limited: 'Too many requests: wait details.retryAfterMs before trying again.',
  busy: 'The server has more work waiting than it takes on: wait details.retryAfterMs before trying again.',
  internal: 'Something went wrong on the server.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  details?: {
    /** The offending field (invalid_params, too_long). */
    path?: string;
    /** The most characters or items the field takes (too_long). */
    limit?: number;
    /** How long to wait before sending again (rate_limited, busy). */
    retryAfterMs?: number;
    /** Why a channel cannot be used now (channel_unavailable): no_address, dnd, opted_out, consent_pending, no_consent, whatsapp_window. */
    reason?: string | null;
    /** The provider's own error code (provider_rejected), e.g. Twilio's 20003. */
    providerCode?: number | string;
    /** The newest event seq, to follow events from after reloading (resync_required). */
    latestSeq?: number;
    [key: string]: unknown;
  };
}

/** Codes worth retrying as they are: the request may succeed a moment later. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set(['timeout', 'disconnected', 'rate_limited', 'internal', 'provider_unavailable']);
