// What the thread's polite live region says: the contact's messages that arrived while it was
// open (never what was there when it opened, nor the agent's own sends).
import type { MessageView, ThreadState } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

/** The newest seq the server gave (sends still pending have none yet, and come last). */
export function newestSeq(messages: readonly MessageView[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (!messages[i]!.pending) return messages[i]!.seq;
  return 0;
}

export class Announcer {
  /** Newest seq already seen for the conversation shown: what is above it gets announced. */
  #seenSeq = -1;
  #seenFor = '';

  /** The text to announce after this update: '' for a new conversation, `current` when nothing new came. */
  next(l: Localize, conversationId: string, thread: ThreadState | undefined, current: string): string {
    let text = current;
    if (this.#seenFor !== conversationId) {
      this.#seenFor = conversationId;
      this.#seenSeq = -1;
      text = '';
    }
    if (!thread || thread.status !== 'ready') return text;
    const newest = newestSeq(thread.messages);
    const seen = this.#seenSeq;
    this.#seenSeq = Math.max(seen, newest);
    if (seen < 0 || newest <= seen) return text;
    const fresh = thread.messages.filter((m) => m.seq > seen && !m.pending && m.direction === 'inbound');
    return fresh.length ? fresh.map((m) => l.t('threadNewMessage', m.author.name, m.body)).join('\n') : text;
  }
}
