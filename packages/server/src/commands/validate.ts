import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { CommandName } from '@convkit/sdk/protocol';
import { AppError } from '../errors.js';
import { ID_PATTERN, paramSchemas } from './schemas.js';

const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false });
const validators = new Map<CommandName, ValidateFunction>(
  Object.entries(paramSchemas).map(([name, schema]) => [name as CommandName, ajv.compile(schema)]),
);

/** Checks params against the command's schema; the error names the offending field. */
export function validateParams(name: CommandName, params: unknown): void {
  const validate = validators.get(name)!;
  if (validate(params ?? {})) return;
  throw schemaError(validate.errors?.[0]);
}

/**
 * The one translation of a schema failure into an error, for the socket and REST alike:
 * `too_long` with the limit for a text or list over its maximum, `invalid_params` otherwise.
 */
export function schemaError(error: ErrorObject | undefined, fallbackPath = '(params)'): AppError {
  const path = pathOf(error) || fallbackPath;
  if (error?.keyword === 'maxLength' || error?.keyword === 'maxItems') {
    const limit = (error.params as { limit: number }).limit;
    const unit = error.keyword === 'maxLength' ? 'characters' : 'items';
    return new AppError('too_long', `${path}: at most ${limit} ${unit}.`, { path, limit });
  }
  return new AppError('invalid_params', describe(error, path), { path });
}

function pathOf(error: ErrorObject | undefined): string {
  if (!error) return '';
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty
    ?? (error.params as { additionalProperty?: string }).additionalProperty;
  return [base, extra].filter(Boolean).join('.');
}

function describe(error: ErrorObject | undefined, path: string): string {
  if (!error) return 'params: invalid';
  if (error.keyword === 'additionalProperties') return `${path}: unknown parameter`;
  if (error.keyword === 'required') return `${path}: is required`;
  if (error.keyword === 'type' && error.instancePath === '') return 'params: must be an object';
  if (error.keyword === 'pattern' && (error.params as { pattern?: string }).pattern === ID_PATTERN) return `${path}: not an id (ids are lowercase UUIDs)`;
  return `${path}: ${error.message ?? 'is invalid'}`;
}
