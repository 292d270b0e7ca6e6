// What the bulk bar says while an action runs and after it.
import type { BulkAction } from '@convkit/sdk';

const RUNNING: Record<BulkAction['type'], string> = {
  archive: 'Archiving',
  unarchive: 'Unarchiving',
  markRead: 'Marking as read',
  markUnread: 'Marking as unread',
  assign: 'Assigning',
  addLabel: 'Adding the label',
  removeLabel: 'Removing the label',
  tagContacts: 'Tagging contacts',
};

/** The progress bar's name: "Archiving", "Assigning"… */
export function bulkRunningMessage(action: BulkAction | null): string {
  return action ? RUNNING[action.type] : 'Working';
}

/** "Archived 3 conversations.", and how many already were so when some were. */
export function bulkResultMessage(action: BulkAction, result: { matched: number; changed: number }, userName: string, labelName: string): string {
  const n = `${result.changed} ${result.changed === 1 ? 'conversation' : 'conversations'}`;
  const done: Record<BulkAction['type'], string> = {
    archive: `Archived ${n}.`,
    unarchive: `Unarchived ${n}.`,
    markRead: `Marked ${n} as read.`,
    markUnread: `Marked ${n} as unread.`,
    assign: userName ? `Assigned ${n} to ${userName}.` : `Unassigned ${n}.`,
    addLabel: `Added “${labelName}” to ${n}.`,
    removeLabel: `Removed “${labelName}” from ${n}.`,
    tagContacts: `Tagged the contacts of ${n} “${action.type === 'tagContacts' ? action.tag : ''}”.`,
  };
  const unchanged = result.matched - result.changed;
  return unchanged > 0 ? `${done[action.type]} ${unchanged} already ${unchanged === 1 ? 'was' : 'were'}.` : done[action.type];
}
