import { RETRYABLE_CODES, type ErrorCode, type ProtocolError } from './protocol/errors.js';

// A brand instead of `instanceof`: a host page may load two copies of the SDK.
const BRAND = Symbol.for('convkit.error');

/** The one error type the SDK throws: a stable `code`, a readable message, a retry hint. */
export class ConvError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly details: ProtocolError['details'];

  constructor(code: ErrorCode, message: string, options: { details?: ProtocolError['details']; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ConvError';
    this.code = code;
    this.details = options.details;
  }

  /** True when the same request may succeed if tried again later. */
  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code);
  }

  /** How long to wait before trying again (`rate_limited`), when the server said; else null. */
  get retryAfterMs(): number | null {
    const value = this.details?.retryAfterMs;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
  }

  static from(error: ProtocolError): ConvError {
    return new ConvError(error.code, error.message, { details: error.details });
  }

  toJSON(): ProtocolError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isConvError(value: unknown): value is ConvError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Any failure as a ConvError: a thrown ConvError as it is, anything else as `internal`. */
export function toConvError(error: unknown): ConvError {
  return isConvError(error) ? error : new ConvError('internal', error instanceof Error ? error.message : String(error), { cause: error });
}
