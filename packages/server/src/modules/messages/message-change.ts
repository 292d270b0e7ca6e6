// Changes one message of a thread after it was written (a send's outcome, a delivery report) the
// way every writer does: the conversation is locked first (db/locks.ts), then the message is
// read and changed, and a change worth telling clients goes out as message.updated with the
// conversation's summary.
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { writeTransaction } from '../../db/transaction.js';
import { lockConversations } from '../../db/locks.js';
import { sqlAll } from '../../db/sql.js';
import { toMessageDto } from '../dto.js';
import { MessageSchema, type Message } from './message.entity.js';
import { ConversationSchema, type Conversation } from '../conversations/conversation.entity.js';

export interface MessageChange<R> {
  /** Whether clients are told (message.updated). */
  announce: boolean;
  result?: R;
}

/**
 * Runs `change` on the message `messageId` of `workspaceId` inside one transaction. `change`
 * edits the message in place (and may write what goes with it through `em`), or returns null to
 * leave it as it is. Publishes after the commit.
 * A message of another workspace is not found: `change` is not called.
 */
export async function changeMessage<R>(
  orm: Orm,
  workspaceId: string,
  messageId: string,
  publish: (workspaceId: string, events: ServerEvent[]) => void,
  change: (message: Message, em: EntityManager) => MessageChange<R> | null | Promise<MessageChange<R> | null>,
): Promise<R | undefined> {
  const { result, events } = await writeTransaction(orm, workspaceId, async (em, events): Promise<R | undefined> => {
    const conversationId = (await sqlAll<{ conversation_id: string }>(em, 'select conversation_id from messages where id = ? and workspace_id = ?', [messageId, workspaceId]))[0]?.conversation_id;
    if (!conversationId) return undefined;
    await lockConversations(em, workspaceId, [conversationId]);
    const message = (await em.findOne(MessageSchema, { id: messageId })) as Message | null;
    if (!message) return undefined;
    const outcome = await change(message, em);
    if (!outcome) return undefined;
    if (outcome.announce) {
      const conversation = (await em.findOne(ConversationSchema, { id: conversationId }, { populate: ['contact'] })) as Conversation;
      events.addForConversation('message.updated', conversation, ({ conversation }) => ({ message: toMessageDto(message, conversationId), conversation }));
    }
    return outcome.result;
  });
  publish(workspaceId, events);
  return result;
}
