// Every conversation the client knows, once, whichever lists show it: the shared fields joined
// with this agent's read state. Events, pages and optimistic changes all land here; a newer
// version is never overwritten by an older one. Live lists (conversation-list.ts) listen for the
// ids that changed and decide for themselves whether those rows belong to them.
import type { ConversationListItem } from '../protocol/commands.js';
import type { ServerEvent } from '../protocol/events.js';
import type { Conversation, ConversationView, ReadState } from '../protocol/models.js';
import { isUnread } from '../protocol/views.js';
import { WritableStore, type Store } from '../store.js';

/** Conversations by id. */
export type ConversationsById = Record<string, ConversationView>;

export class ConversationCache {
  readonly #store = new WritableStore<ConversationsById>({});
  readonly #listeners = new Set<(ids: string[]) => void>();
  readonly #userId: () => string;

  constructor(userId: () => string) {
    this.#userId = userId;
  }

  get store(): Store<ConversationsById> {
    return this.#store;
  }

  get(id: string): ConversationView | undefined {
    return this.#store.get()[id];
  }

  /** Called with the ids that changed (or left), after the store has them. */
  onChange(listener: (ids: string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A page from the server: each item kept unless the cache holds a newer version. */
  mergePage(items: ConversationListItem[]): void {
    if (items.length === 0) return;
    const byId = { ...this.#store.get() };
    for (const { conversation, readState } of items) {
      const current = byId[conversation.id];
      const fresher = current && current.version > conversation.version ? stripView(current) : conversation;
      byId[conversation.id] = toView(fresher, current && current.readState.lastReadSeq > readState.lastReadSeq ? current.readState : readState);
    }
    this.#commit(byId, items.map((item) => item.conversation.id));
  }

  /** A conversation from the server (an event, a command's answer); its read state when known. */
  upsert(conversation: Conversation, readState: ReadState | null): void {
    const current = this.get(conversation.id);
    if (current && current.version > conversation.version && !readState) return;
    const fresher = current && current.version > conversation.version ? stripView(current) : conversation;
    const view = toView(fresher, readState ?? current?.readState ?? emptyReadState(conversation.id, this.#userId()));
    if (current && current.version === view.version && current.readState === view.readState && sameConversation(current, view)) return;
    this.set(view);
  }

  applyReadState(readState: ReadState): void {
    const current = this.get(readState.conversationId);
    if (current) this.set(toView(stripView(current), readState));
  }

  /** Puts a view in as it is (an optimistic change, or its revert). */
  set(view: ConversationView): void {
    this.#commit({ ...this.#store.get(), [view.id]: view }, [view.id]);
  }

  remove(id: string): void {
    const { [id]: removed, ...byId } = this.#store.get();
    if (removed) this.#commit(byId, [id]);
  }

  /** Applies one server event (in event-seq order). */
  apply(event: ServerEvent): void {
    switch (event.type) {
      case 'conversation.deleted':
        this.remove(event.data.conversationId);
        break;
      case 'conversation.merged':
        this.remove(event.data.conversationId);
      // falls through: the conversation it merged into is upserted as any other
      case 'message.created':
      case 'message.updated':
      case 'conversation.updated':
        this.upsert(event.data.conversation, null);
        break;
      case 'readstate.updated':
        if (event.data.readState.userId === this.#userId()) this.applyReadState(event.data.readState);
        break;
      default:
        break;
    }
  }

  #commit(byId: ConversationsById, ids: string[]): void {
    this.#store.set(byId);
    for (const listener of [...this.#listeners]) listener(ids);
  }
}

export function toView(conversation: Conversation, readState: ReadState): ConversationView {
  return { ...conversation, readState, unread: isUnread(conversation, readState) };
}

export function stripView(view: Conversation | ConversationView): Conversation {
  const { readState: _readState, unread: _unread, ...conversation } = view as ConversationView;
  return conversation;
}

function sameConversation(a: ConversationView, b: ConversationView): boolean {
  return a.status === b.status && a.assigneeId === b.assigneeId && a.labelIds.join() === b.labelIds.join() && a.lastSeq === b.lastSeq;
}

function emptyReadState(conversationId: string, userId: string): ReadState {
  return { conversationId, userId, lastReadSeq: 0, starred: false, manualUnread: false, mentioned: false };
}
