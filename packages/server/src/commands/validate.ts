import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { CommandName } from '@convkit/sdk/protocol';
import { AppError } from '../errors.js';
import { paramSchemas } from './schemas.js';

const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false });
const validators = new Map<CommandName, ValidateFunction>(
  Object.entries(paramSchemas).map(([name, schema]) => [name as CommandName, ajv.compile(schema)]),
);

/** Checks params against the command's schema; the error names the offending field. */
export function validateParams(name: CommandName, params: unknown): void {
  const validate = validators.get(name)!;
  if (validate(params ?? {})) return;
  const error = validate.errors?.[0];
  throw new AppError('invalid_params', describe(error), { path: pathOf(error) });
}

function pathOf(error: ErrorObject | undefined): string {
  if (!error) return '';
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty
    ?? (error.params as { additionalProperty?: string }).additionalProperty;
  return [base, extra].filter(Boolean).join('.') || '(params)';
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'params: invalid';
  const path = pathOf(error);
  if (error.keyword === 'additionalProperties') return `${path}: unknown parameter`;
  if (error.keyword === 'required') return `${path}: is required`;
  if (error.keyword === 'type' && error.instancePath === '') return 'params: must be an object';
  return `${path}: ${error.message ?? 'is invalid'}`;
}
