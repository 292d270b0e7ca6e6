import type { ConvClient } from '@convkit/sdk';

/**
 * Fetches a conversation the list has not loaded (a deep link opens one directly), once per
 * id, so the thread header, the composer's channel and the contact panel have it.
 */
export class ConversationFetcher {
  #fetched = '';

  ensure(client: ConvClient | undefined, conversationId: string, loaded: boolean): void {
    if (!client || !conversationId || loaded || this.#fetched === conversationId) return;
    this.#fetched = conversationId;
    void client.conversations.fetch(conversationId).catch(() => {
      // The thread shows its own load error; nothing more to say here.
    });
  }
}
