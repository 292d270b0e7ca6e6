// JSON schemas for every command's params: the socket and REST validate with the same ones,
// and the OpenAPI document shows them.
import { BODY_MAX_LENGTH, CHANNELS, INBOX_VIEWS, PAGE_LIMIT_MAX, type CommandName } from '@convkit/sdk/protocol';

/**
 * Ids are lowercase UUIDs, checked by format before any query: a malformed id of any length is
 * `invalid_params`, a well-formed unknown one `not_found`.
 */
export const ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const id = { type: 'string', pattern: ID_PATTERN } as const;
/** Message seqs are 32-bit columns; a larger number can match nothing and must not reach SQL. */
const seq = { type: 'integer', minimum: 0, maximum: 2_147_483_647 } as const;
/** Event seqs are 64-bit; JSON numbers are exact up to 2^53. */
const eventSeq = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
/** Client-chosen keys (clientId, operationId): printable ASCII, no spaces. */
const clientKey = { type: 'string', minLength: 8, maxLength: 64, pattern: '^[!-~]+$' } as const;
const limit = { type: 'integer', minimum: 1, maximum: PAGE_LIMIT_MAX } as const;
const empty = { type: 'object', additionalProperties: false, properties: {} } as const;

/** Bulk actions by id take at most this many conversations; "all matching" has no cap. */
export const BULK_IDS_MAX = 10_000;

const filterProperties = {
  assignee: { anyOf: [{ enum: ['me', 'unassigned'] }, id] },
  channel: { enum: [...CHANNELS] },
  labelId: id,
  group: { type: 'string', minLength: 1, maxLength: 64 },
  mentionsMe: { type: 'boolean' },
  search: { type: 'string', maxLength: 200 },
} as const;

const filter = { type: 'object', additionalProperties: false, properties: filterProperties } as const;
const view = { enum: [...INBOX_VIEWS] } as const;

const bulkAction = {
  type: 'object',
  required: ['type'],
  oneOf: [
    { additionalProperties: false, properties: { type: { enum: ['archive', 'unarchive', 'markRead', 'markUnread'] } } },
    { additionalProperties: false, required: ['assigneeId'], properties: { type: { const: 'assign' }, assigneeId: { anyOf: [id, { type: 'null' }] } } },
    { additionalProperties: false, required: ['labelId'], properties: { type: { enum: ['addLabel', 'removeLabel'] }, labelId: id } },
    { additionalProperties: false, required: ['tag'], properties: { type: { const: 'tagContacts' }, tag: { type: 'string', minLength: 1, maxLength: 64 } } },
  ],
} as const;

export const paramSchemas: Record<CommandName, Record<string, unknown>> = {
  'conversations.list': {
    type: 'object',
    additionalProperties: false,
    properties: { ...filterProperties, view, limit, cursor: { type: 'string', maxLength: 512 } },
  },
  'conversations.counts': filter,
  'conversations.update': {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id,
      status: { enum: ['open', 'archived'] },
      assigneeId: { anyOf: [id, { type: 'null' }] },
      addLabelIds: { type: 'array', items: id, maxItems: 50, uniqueItems: true },
      removeLabelIds: { type: 'array', items: id, maxItems: 50, uniqueItems: true },
    },
  },
  'conversations.mark': {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: { id, unread: { type: 'boolean' }, starred: { type: 'boolean' } },
  },
  'conversations.delete': { type: 'object', additionalProperties: false, required: ['id'], properties: { id } },
  'conversations.bulk': {
    type: 'object',
    additionalProperties: false,
    required: ['operationId', 'target', 'action'],
    properties: {
      operationId: clientKey,
      target: {
        type: 'object',
        oneOf: [
          { additionalProperties: false, required: ['ids'], properties: { ids: { type: 'array', items: id, minItems: 1, maxItems: BULK_IDS_MAX, uniqueItems: true } } },
          { additionalProperties: false, required: ['view', 'filter'], properties: { view, filter } },
        ],
      },
      action: bulkAction,
    },
  },
  'labels.list': empty,
  'labels.create': {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'color'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 64 }, color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' } },
  },
  'users.list': empty,
  'workspace.update': { type: 'object', additionalProperties: false, properties: { recentDays: { type: 'integer', minimum: 1, maximum: 365 } } },
  'conversations.get': { type: 'object', additionalProperties: false, required: ['id'], properties: { id } },
  'conversations.markRead': { type: 'object', additionalProperties: false, required: ['id'], properties: { id, seq } },
  'messages.list': {
    type: 'object',
    additionalProperties: false,
    required: ['conversationId'],
    properties: { conversationId: id, before: seq, after: seq, limit },
  },
  'messages.send': {
    type: 'object',
    additionalProperties: false,
    required: ['conversationId', 'clientId', 'body'],
    properties: {
      conversationId: id,
      clientId: clientKey,
      body: { type: 'string', minLength: 1, maxLength: BODY_MAX_LENGTH },
      channel: { enum: [...CHANNELS] },
      kind: { enum: ['message', 'note'] },
      mentions: { type: 'array', items: id, maxItems: 20, uniqueItems: true },
    },
  },
  'contacts.get': { type: 'object', additionalProperties: false, required: ['id'], properties: { id } },
  'events.since': { type: 'object', additionalProperties: false, required: ['seq'], properties: { seq: eventSeq, limit: { type: 'integer', minimum: 1, maximum: 500 } } },
  'session.refresh': { type: 'object', additionalProperties: false, required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 8192 } } },
};
