// Every command's params and result schemas, from the protocol's one definition in
// @convkit/sdk/protocol: the socket and REST validate params with them, REST serialises its
// answers by them, the OpenAPI document shows both, and a test checks every result against them.
import { COMMANDS, ID_PATTERN, type CommandName } from '@convkit/sdk/protocol';

export { ID_PATTERN, BULK_IDS_MAX } from '@convkit/sdk/protocol';

export const id = { type: 'string', pattern: ID_PATTERN } as const;

type Schemas = Record<CommandName, Record<string, unknown>>;

const each = (part: 'params' | 'result') =>
  Object.fromEntries(Object.entries(COMMANDS).map(([name, command]) => [name, command[part] as unknown as Record<string, unknown>])) as Schemas;

export const paramSchemas = each('params');

export const resultSchemas = each('result');

export const commandDescriptions = Object.fromEntries(Object.entries(COMMANDS).map(([name, command]) => [name, command.description])) as Record<CommandName, string>;
