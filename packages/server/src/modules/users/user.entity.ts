import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';

/** An agent, created or updated from the claims of the host-signed token. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    externalId: p.string().length(200),
    name: p.string().length(200),
    email: p.string().length(320).nullable(),
    /** The phone click to call rings this agent on (E.164), saved by the agent's last call. */
    phone: p.string().length(32).nullable(),
    role: p.enum(['admin', 'agent'] as const).default('agent'),
    /** agent: a person signed in by the host's tokens; service: an API key of the host's backend (never listed, never reads). */
    kind: p.enum(['agent', 'service'] as const).default('agent'),
    /** When an admin deactivated the agent: their tokens are refused and their sockets closed. */
    deactivatedAt: p.bigint('number').nullable(),
    /** When the token whose claims set name and role was issued (seconds); older ones change nothing. */
    claimsIssuedAt: p.bigint('number').nullable(),
    createdAt: createdAt(),
  },
  uniques: [{ properties: ['workspace', 'externalId'] }],
});

export type User = InferEntity<typeof UserSchema>;
