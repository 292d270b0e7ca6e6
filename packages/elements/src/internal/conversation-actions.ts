// The one-conversation actions shared by the list's keys and hover buttons, the row menu and
// the thread header: what each is called, its opposite, and the SDK call behind it.
import { isConvError, type ConvClient, type ConversationView } from '@convkit/sdk';
import type { Localize } from '../i18n/localize.js';

export type ConversationAction = 'star' | 'unstar' | 'markRead' | 'markUnread' | 'archive' | 'unarchive';

const ACTION_TERMS = {
  star: 'actionStar',
  unstar: 'actionUnstar',
  markRead: 'actionMarkRead',
  markUnread: 'actionMarkUnread',
  archive: 'actionArchive',
  unarchive: 'actionUnarchive',
} as const;

/** What an action is called in a menu: "Mark as read". */
export function actionLabel(l: Localize, action: ConversationAction): string {
  return l.t(ACTION_TERMS[action]);
}

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

/** "Could not archive: you are offline", for an alert; `what` is an action's name or a phrase. */
export function failureMessage(l: Localize, what: string, error: unknown): string {
  const reason = isConvError(error) ? error.message : error instanceof Error ? error.message : '';
  return l.t('actionFailed', what, reason);
}
