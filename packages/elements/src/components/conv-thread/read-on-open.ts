// Opening a conversation, by any route (a list's row, a deep link, the host setting
// `conversation-id`), reads it: what was unread then is noted first (the feed's "New messages"
// stays above it), then the conversation is marked read for this agent once its record is here.
import type { ConvClient, ConversationView } from '@convkit/sdk';

export class ReadOnOpen {
  /** What was unread when the conversation was opened (seqs): "New messages" goes above the first of it. */
  unread: { after: number; upTo: number } | null = null;
  /** The conversation whose opening has not marked it read yet (its record may still be on its way). */
  #owed = '';

  /** At once when the conversation changes (before the first render of it). */
  opened(client: ConvClient | undefined, conversationId: string): void {
    this.#note(client, conversationId);
    this.#owed = conversationId;
  }

  /** After each render: marks the opened conversation read once its record is here (never with `keepUnread`). */
  settle(client: ConvClient | undefined, conversationId: string, conversation: ConversationView | undefined, keepUnread: boolean): void {
    if (!this.#owed || this.#owed !== conversationId || !conversation || !client) return;
    this.#owed = '';
    if (!conversation.unread || keepUnread) return;
    // A deep link's record came after the opening: what it holds unread is noted now.
    if (this.unread === null) this.#note(client, conversationId);
    void client.conversations.markRead(conversation.id).catch(() => {});
  }

  #note(client: ConvClient | undefined, conversationId: string): void {
    const conversation = conversationId ? client?.conversations.byId.get()[conversationId] : undefined;
    const readTo = conversation?.readState.lastReadSeq ?? Infinity;
    this.unread = conversation && readTo < conversation.lastSeq ? { after: readTo, upTo: conversation.lastSeq } : null;
  }
}
