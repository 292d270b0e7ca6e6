// Every field's maximum, read from the command schemas: the table docs/protocol.md shows and a
// test keeps it equal to what the server enforces.

export interface FieldLimit {
  command: string;
  /** Dotted path inside the params; `[]` marks the items of a list. */
  field: string;
  limit: number;
  unit: 'characters' | 'items';
}

type Schema = { maxLength?: number; maxItems?: number; properties?: Record<string, Schema>; oneOf?: Schema[]; anyOf?: Schema[]; items?: Schema };

export function fieldLimits(schemas: Record<string, unknown>): FieldLimit[] {
  const found = new Map<string, FieldLimit>();
  const walk = (command: string, field: string, schema: Schema) => {
    if (schema.maxLength !== undefined) found.set(`${command} ${field}`, { command, field, limit: schema.maxLength, unit: 'characters' });
    if (schema.maxItems !== undefined) found.set(`${command} ${field}`, { command, field, limit: schema.maxItems, unit: 'items' });
    for (const [key, child] of Object.entries(schema.properties ?? {})) walk(command, field ? `${field}.${key}` : key, child);
    for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(command, field, branch);
    if (schema.items) walk(command, `${field}[]`, schema.items);
  };
  for (const [command, schema] of Object.entries(schemas)) walk(command, '', schema as Schema);
  return [...found.values()];
}
