import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';

/** The change log: feeds sockets, reconnect sync and (later) outgoing webhooks. */
export const EventSchema = defineEntity({
  name: 'Event',
  tableName: 'events',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    seq: p.bigint('number'),
    type: p.string().length(64),
    conversationId: p.string().length(36).nullable(),
    payload: p.json<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  uniques: [{ properties: ['workspace', 'seq'] }],
});

export type Event = InferEntity<typeof EventSchema>;
