// JSON schemas for every command's params: the socket and REST validate with the same ones,
// and the OpenAPI document shows them.
import { BODY_MAX_LENGTH, CHANNELS, PAGE_LIMIT_MAX, type CommandName } from '@convkit/sdk/protocol';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const seq = { type: 'integer', minimum: 0 } as const;
const limit = { type: 'integer', minimum: 1, maximum: PAGE_LIMIT_MAX } as const;

export const paramSchemas: Record<CommandName, Record<string, unknown>> = {
  'conversations.list': {
    type: 'object',
    additionalProperties: false,
    properties: { status: { enum: ['open', 'archived'] }, limit, cursor: { type: 'string', maxLength: 512 } },
  },
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
      clientId: { type: 'string', minLength: 8, maxLength: 64 },
      body: { type: 'string', minLength: 1, maxLength: BODY_MAX_LENGTH },
      channel: { enum: [...CHANNELS] },
      kind: { enum: ['message', 'note'] },
    },
  },
  'contacts.get': { type: 'object', additionalProperties: false, required: ['id'], properties: { id } },
  'events.since': { type: 'object', additionalProperties: false, required: ['seq'], properties: { seq, limit: { type: 'integer', minimum: 1, maximum: 500 } } },
  'session.refresh': { type: 'object', additionalProperties: false, required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 8192 } } },
};
