// One place for the server's errors: a stable code (shared with the SDK), an HTTP status and a
// message safe to show. Anything else thrown becomes `internal`, with nothing leaked.
import { ERROR_CODES, type ErrorCode, type ProtocolError } from '@convkit/sdk/protocol';

const STATUS: Record<ErrorCode, number> = {
  invalid_params: 400,
  too_long: 400,
  unauthenticated: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  unknown_command: 404,
  conflict: 409,
  channel_unavailable: 422,
  too_large: 413,
  unsupported_media_type: 415,
  invalid_signature: 403,
  provider_rejected: 422,
  provider_unavailable: 502,
  resync_required: 410,
  timeout: 504,
  disconnected: 503,
  rate_limited: 429,
  busy: 503,
  internal: 500,
};

/** Every HTTP status an error answers with (413 is also a body over the size limit). */
export const ERROR_STATUSES: readonly number[] = [...new Set([...Object.values(STATUS), 413])].sort();

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ProtocolError['details'];

  constructor(code: ErrorCode, message: string = ERROR_CODES[code], details?: ProtocolError['details']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get statusCode(): number {
    return STATUS[this.code];
  }

  toProtocol(): ProtocolError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export const notFound = (what: string) => new AppError('not_found', `No ${what} with this id in your workspace.`);
export const invalidParams = (path: string, message: string) => new AppError('invalid_params', `${path}: ${message}`, { path });

/** Converts anything thrown into a protocol error; unknown errors are logged, never shown. */
export function toProtocolError(error: unknown, log?: (error: unknown) => void): ProtocolError {
  if (error instanceof AppError) return error.toProtocol();
  log?.(error);
  return { code: 'internal', message: ERROR_CODES.internal };
}
