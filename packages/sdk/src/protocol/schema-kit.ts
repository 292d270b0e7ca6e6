// The few builders the protocol's schemas share, on top of TypeBox. Every object is closed
// (additionalProperties: false): a field the schema lacks is an error in params, and a test
// fails when a handler's result or an event carries one.
import { Type, type TSchema, type TProperties, type ObjectOptions, type TUnsafe } from '@sinclair/typebox';
import { ID_PATTERN } from './constants.js';

/** A closed object. */
export const Obj = <T extends TProperties>(properties: T, options: ObjectOptions = {}) => Type.Object(properties, { additionalProperties: false, ...options });

/** One of the given strings: `{ type: 'string', enum }`, typed as their union. */
export const OneOf = <const T extends readonly string[]>(values: T, options: { description?: string } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** The value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A lowercase UUID. */
export const Id = (options: { description?: string } = {}) => Type.String({ pattern: ID_PATTERN, ...options });

/** An ISO 8601 instant, as the server writes dates. */
export const Instant = (options: { description?: string } = {}) => Type.String({ description: 'An ISO 8601 date and time.', ...options });

/** A message seq: dense per conversation, a 32-bit column. */
export const Seq = (options: { description?: string } = {}) => Type.Integer({ minimum: 0, maximum: 2_147_483_647, ...options });

/** A workspace event seq: 64-bit, exact in JSON up to 2^53. */
export const EventSeq = (options: { description?: string } = {}) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, ...options });
