import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAt, idColumn } from '../../db/columns.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { ConversationSchema } from '../conversations/conversation.entity.js';

/** A workspace-defined, coloured label for conversations. */
export const LabelSchema = defineEntity({
  name: 'Label',
  tableName: 'labels',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    name: p.string().length(64),
    color: p.string().length(32),
    createdAt: createdAt(),
  },
  uniques: [{ properties: ['workspace', 'name'] }],
});

export type Label = InferEntity<typeof LabelSchema>;

/** A label on a conversation. */
export const ConversationLabelSchema = defineEntity({
  name: 'ConversationLabel',
  tableName: 'conversation_labels',
  properties: {
    id: idColumn(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    conversation: () => p.manyToOne(ConversationSchema).deleteRule('cascade'),
    label: () => p.manyToOne(LabelSchema).deleteRule('cascade'),
  },
  uniques: [{ properties: ['conversation', 'label'] }],
});

export type ConversationLabel = InferEntity<typeof ConversationLabelSchema>;
