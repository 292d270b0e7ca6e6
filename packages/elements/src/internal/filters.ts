// The list's query as people read it: view names, what a filter leaves out, what to say when
// a view or a filter is empty. Filters are kept free of empty keys so that two equal queries
// compare equal and the wire carries only what narrows.
import type { ConversationFilter, InboxView } from '@convkit/sdk';

export const VIEWS: readonly InboxView[] = ['all', 'unread', 'recents', 'starred', 'archived'];

export const VIEW_LABELS: Record<InboxView, string> = {
  all: 'All',
  unread: 'Unread',
  recents: 'Recents',
  starred: 'Starred',
  archived: 'Archived',
};

/** How a count of a view reads aloud: "12 unread", "3 starred", "40 conversations". */
export function countPhrase(view: InboxView, count: number): string {
  switch (view) {
    case 'all':
      return `${count} ${count === 1 ? 'conversation' : 'conversations'}`;
    case 'recents':
      return `${count} recent`;
    default:
      return `${count} ${view}`;
  }
}

const EMPTY_VIEW: Record<InboxView, string> = {
  all: 'No conversations yet.',
  unread: 'No unread conversations.',
  recents: 'No recent conversations.',
  starred: 'No starred conversations.',
  archived: 'No archived conversations.',
};

/** What an empty list says: about the search, the filters, or the view itself. */
export function emptyMessage(view: InboxView, filter: ConversationFilter, pinnedGroup = ''): string {
  if (filter.search) return `No conversations match “${filter.search}”`;
  if (hasFilters(filter, pinnedGroup)) return `No ${view === 'all' ? '' : `${VIEW_LABELS[view].toLowerCase()} `}conversations match these filters.`;
  return EMPTY_VIEW[view];
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

/** "inspector" -> "Inspectors": how a host-defined contact group reads as a heading or option. */
export function groupLabel(group: string): string {
  const word = group.charAt(0).toUpperCase() + group.slice(1);
  return word.endsWith('s') ? word : `${word}s`;
}
