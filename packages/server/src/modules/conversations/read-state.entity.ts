import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { UserSchema } from '../users/user.entity.js';
import { ConversationSchema } from './conversation.entity.js';

/** One agent's own state of one conversation: unread and stars are each agent's own. */
export const ReadStateSchema = defineEntity({
  name: 'ReadState',
  tableName: 'read_states',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    conversation: () => p.manyToOne(ConversationSchema).deleteRule('cascade'),
    user: () => p.manyToOne(UserSchema).deleteRule('cascade'),
    lastReadSeq: p.integer().default(0),
    starred: p.boolean().default(false),
    manualUnread: p.boolean().default(false),
    /** A note in the thread @mentions this user. */
    mentioned: p.boolean().default(false),
  },
  uniques: [{ properties: ['conversation', 'user'] }],
  indexes: [{ properties: ['workspace', 'user'] }],
});

export type ReadState = InferEntity<typeof ReadStateSchema>;
