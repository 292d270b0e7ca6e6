// The list's query as people read it: view names, what a filter leaves out, what to say when
// a view or a filter is empty. Filters are kept free of empty keys so that two equal queries
// compare equal and the wire carries only what narrows.
import type { ConversationFilter, InboxView } from '@convkit/sdk';
import type { Localize } from '../i18n/localize.js';

export const VIEWS: readonly InboxView[] = ['all', 'unread', 'recents', 'starred', 'archived'];

const TERMS = {
  all: ['viewAll', 'countAll', 'emptyAll', 'emptyFiltered'],
  unread: ['viewUnread', 'countUnread', 'emptyUnread', 'emptyFilteredUnread'],
  recents: ['viewRecents', 'countRecents', 'emptyRecents', 'emptyFilteredRecents'],
  starred: ['viewStarred', 'countStarred', 'emptyStarred', 'emptyFilteredStarred'],
  archived: ['viewArchived', 'countArchived', 'emptyArchived', 'emptyFilteredArchived'],
} as const;

/** A view's name: "Unread". */
export function viewLabel(l: Localize, view: InboxView): string {
  return l.t(TERMS[view][0]);
}

/** How a count of a view reads aloud: "12 unread", "3 starred", "40 conversations". */
export function countPhrase(l: Localize, view: InboxView, count: number): string {
  return l.t(TERMS[view][1], count);
}

/** What an empty list says: about the search, the filters, or the view itself. */
export function emptyMessage(l: Localize, view: InboxView, filter: ConversationFilter, pinnedGroup = ''): string {
  if (filter.search) return l.t('emptySearch', filter.search);
  return l.t(TERMS[view][hasFilters(filter, pinnedGroup) ? 3 : 2]);
}

/** The filter without empty keys (undefined, '', false). */
export function cleanFilter(filter: ConversationFilter): ConversationFilter {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '' && value !== false && value !== null) clean[key] = value;
  }
  return clean as ConversationFilter;
}

export function withFilter(filter: ConversationFilter, patch: Partial<Record<keyof ConversationFilter, unknown>>): ConversationFilter {
  return cleanFilter({ ...filter, ...patch } as ConversationFilter);
}

/** Whether anything narrows the list beyond a group the host pinned. */
export function hasFilters(filter: ConversationFilter, pinnedGroup = ''): boolean {
  return Object.keys(cleanFilter({ ...filter, ...(pinnedGroup ? { group: undefined } : {}) })).length > 0;
}

/** No filters, except the group the host pinned. */
export function clearedFilter(pinnedGroup = ''): ConversationFilter {
  return pinnedGroup ? { group: pinnedGroup } : {};
}

export function sameFilter(a: ConversationFilter, b: ConversationFilter): boolean {
  const x = cleanFilter(a) as Record<string, unknown>;
  const y = cleanFilter(b) as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => Object.is(x[key], y[key]));
}

/**
 * How a host-defined contact group reads as a heading or option: "inspector" -> "Inspectors" in
 * English; capitalised as it is in other languages, whose plurals a suffix cannot make.
 */
export function groupLabel(l: Localize, group: string): string {
  const lang = l.lang();
  const word = group.charAt(0).toLocaleUpperCase(lang) + group.slice(1);
  return !lang.startsWith('en') || word.endsWith('s') ? word : `${word}s`;
}
