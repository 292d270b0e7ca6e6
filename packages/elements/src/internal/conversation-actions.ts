// The one-conversation actions shared by the list's keys and hover buttons, the row menu and
// the thread header: what each is called, its opposite, and the SDK call behind it.
import { isConvError, type ConvClient, type ConversationView } from '@convkit/sdk';

export type ConversationAction = 'star' | 'unstar' | 'markRead' | 'markUnread' | 'archive' | 'unarchive';

export const ACTION_LABELS: Record<ConversationAction, string> = {
  star: 'Star',
  unstar: 'Remove star',
  markRead: 'Mark as read',
  markUnread: 'Mark as unread',
  archive: 'Archive',
  unarchive: 'Unarchive',
};

/** The action each toggle does now, given the conversation's state. */
export function toggles(conversation: ConversationView): { star: ConversationAction; read: ConversationAction; archive: ConversationAction } {
  return {
    star: conversation.readState.starred ? 'unstar' : 'star',
    read: conversation.unread ? 'markRead' : 'markUnread',
    archive: conversation.status === 'archived' ? 'unarchive' : 'archive',
  };
}

/** Runs an action through the SDK (optimistic there; it reverts and throws when refused). */
export function runAction(client: ConvClient, id: string, action: ConversationAction): Promise<unknown> {
  const conversations = client.conversations;
  switch (action) {
    case 'star':
      return conversations.star(id, true);
    case 'unstar':
      return conversations.star(id, false);
    case 'markRead':
      return conversations.markRead(id);
    case 'markUnread':
      return conversations.markUnread(id);
    case 'archive':
      return conversations.archive(id);
    case 'unarchive':
      return conversations.unarchive(id);
  }
}

/** "Could not archive: you are offline", for an alert. */
export function failureMessage(what: string, error: unknown): string {
  const reason = isConvError(error) ? error.message : error instanceof Error ? error.message : '';
  return `Could not ${what.toLowerCase()}${reason ? `: ${reason}` : '.'}`;
}
