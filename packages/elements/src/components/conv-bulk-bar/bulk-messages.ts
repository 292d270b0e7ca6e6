// What the bulk bar says while an action runs and after it.
import type { BulkAction } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import type { bulkTerms } from '../../i18n/terms/bulk.js';

type BulkTerm = keyof typeof bulkTerms;

const RUNNING: Record<BulkAction['type'], BulkTerm> = {
  archive: 'bulkArchiving',
  unarchive: 'bulkUnarchiving',
  markRead: 'bulkMarkingRead',
  markUnread: 'bulkMarkingUnread',
  assign: 'bulkAssigning',
  addLabel: 'bulkAddingLabel',
  removeLabel: 'bulkRemovingLabel',
  tagContacts: 'bulkTagging',
};

/** The progress bar's name: "Archiving", "Assigning"… */
export function bulkRunningMessage(l: Localize, action: BulkAction | null): string {
  return l.t(action ? (RUNNING[action.type] as 'bulkWorking') : 'bulkWorking');
}

/** "Archived 3 conversations.", and how many already were so when some were. */
export function bulkResultMessage(l: Localize, action: BulkAction, result: { matched: number; changed: number }, userName: string, labelName: string): string {
  const what = l.t('countAll', result.changed);
  const done = ((): string => {
    switch (action.type) {
      case 'archive':
        return l.t('bulkArchived', what);
      case 'unarchive':
        return l.t('bulkUnarchived', what);
      case 'markRead':
        return l.t('bulkMarkedRead', what);
      case 'markUnread':
        return l.t('bulkMarkedUnread', what);
      case 'assign':
        return userName ? l.t('bulkAssigned', what, userName) : l.t('bulkUnassigned', what);
      case 'addLabel':
        return l.t('bulkLabelAdded', what, labelName);
      case 'removeLabel':
        return l.t('bulkLabelRemoved', what, labelName);
      case 'tagContacts':
        return l.t('bulkTagged', what, action.tag);
    }
  })();
  const unchanged = result.matched - result.changed;
  return unchanged > 0 ? `${done} ${l.t('bulkAlready', unchanged)}` : done;
}
