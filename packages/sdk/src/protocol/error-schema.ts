// The error every command and REST route may answer, as a schema (REST documents and serialises
// its errors by it). Kept apart from errors.ts, which the SDK loads at run time without schemas.
import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES, type ErrorCode, type ProtocolError } from './errors.js';
import { Obj, OneOf } from './schema-kit.js';

export const ProtocolErrorSchema = Obj({
  code: OneOf(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]], { description: 'Stable: hosts switch on it.' }),
  message: Type.String({ description: 'For people: what happened and what to do.' }),
  details: Type.Optional(
    Type.Object(
      {
        path: Type.Optional(Type.String({ description: 'The offending field (invalid_params, too_long).' })),
        limit: Type.Optional(Type.Integer({ description: 'The most characters or items the field takes (too_long).' })),
        retryAfterMs: Type.Optional(Type.Integer({ description: 'How long to wait before sending again (rate_limited, busy).' })),
        latestSeq: Type.Optional(Type.Integer({ description: 'The newest event seq, to follow events from after reloading (resync_required).' })),
      },
      { additionalProperties: true },
    ),
  ),
});

/** What REST answers with an error status. */
export const ErrorResponseSchema = Obj({ error: ProtocolErrorSchema });

// The schema and the ProtocolError interface describe one shape: the compiler refuses drift.
const sameShape: Static<typeof ProtocolErrorSchema> extends ProtocolError ? (ProtocolError extends Static<typeof ProtocolErrorSchema> ? true : never) : never = true;
void sameShape;
