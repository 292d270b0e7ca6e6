// English for the first screen: the list, its rows, filters and tabs, the inbox frame, the
// unread badge, and the helpers they share with the lazily loaded elements (channel names,
// assignees, times). In the initial download, like the elements that say them.
import { defineTerms } from '../localize.js';

export const coreTerms = defineTerms({
  // Views and counts.
  viewAll: 'All',
  viewUnread: 'Unread',
  viewRecents: 'Recents',
  viewStarred: 'Starred',
  viewArchived: 'Archived',
  viewTabsLabel: 'Views',
  countAll: { one: '# conversation', other: '# conversations' },
  countUnread: { other: '# unread' },
  countRecents: { other: '# recent' },
  countStarred: { other: '# starred' },
  countArchived: { other: '# archived' },

  // Empty lists.
  emptyAll: 'No conversations yet.',
  emptyUnread: 'No unread conversations.',
  emptyRecents: 'No recent conversations.',
  emptyStarred: 'No starred conversations.',
  emptyArchived: 'No archived conversations.',
  emptySearch: (search: string) => `No conversations match “${search}”`,
  emptyFiltered: 'No conversations match these filters.',
  emptyFilteredUnread: 'No unread conversations match these filters.',
  emptyFilteredRecents: 'No recent conversations match these filters.',
  emptyFilteredStarred: 'No starred conversations match these filters.',
  emptyFilteredArchived: 'No archived conversations match these filters.',

  // The list.
  listLabel: 'Conversations',
  listLoading: 'Loading conversations…',
  listLoadingMore: 'Loading more…',
  listError: (reason: string) => (reason ? `Could not load conversations: ${reason}` : 'Could not load conversations.'),
  listShortcuts: 'Enter opens. X selects, E archives, S stars, U marks read or unread, M opens more actions, Escape clears the selection.',
  virtualizerUnavailable: 'Could not load the rest of the list. Check the connection, then reload the page.',
  bulkUnavailable: 'Could not load the bulk actions. Check the connection, then check a row again or reload the page.',
  menuUnavailable: 'Could not load the actions menu. Check the connection, then try again or reload the page.',
  retry: 'Retry',
  dismiss: 'Dismiss',
  clearFilters: 'Clear filters',

  // A row.
  rowUnread: 'unread',
  archivedBadge: 'Archived',
  rowMentionTitle: 'A note mentions you',
  rowMentioned: 'mentions you',
  rowStarred: 'starred',
  rowStar: 'Star (S)',
  rowUnstar: 'Remove star (S)',
  rowMore: 'More actions (M)',
  assignedTo: (name: string) => `Assigned to ${name}`,
  timeNow: 'now',

  // The filter bar.
  searchLabel: 'Search conversations',
  searchPlaceholder: 'Search names, phones, messages',
  searchClear: 'Clear search',
  filtersLabel: 'Filters',
  filterAssignee: 'Assignee',
  filterAssigneeButton: (name: string) => `Assignee: ${name}`,
  filterAssigneeDialog: 'Filter by assignee',
  filterChannel: 'Channel',
  filterAnyChannel: 'Any channel',
  filterLabel: 'Label',
  filterLabelButton: (name: string) => `Label: ${name}`,
  aLabel: 'A label',
  filterLabelDialog: 'Filter by label',
  filterAnyLabel: 'Any label',
  filterAny: 'Any',
  filterGroup: 'Contact group',
  filterAnyGroup: 'Any group',
  filterMentions: 'Mentions me',
  choicesLoading: 'Loading…',
  choicesUnavailable: 'Could not load the choices. Check the connection, then open the filter again or reload the page.',

  // People.
  anyone: 'Anyone',
  me: 'Me',
  unassigned: 'Unassigned',
  anAgent: 'An agent',
  anotherAgent: 'another agent',
  you: 'you',
  nameAndYou: (name: string) => `${name} (you)`,

  // Channels and kinds.
  channelSms: 'SMS',
  channelMms: 'MMS',
  channelWhatsapp: 'WhatsApp',
  channelEmail: 'Email',
  channelCall: 'Call',
  channelChat: 'Live chat',
  channelFacebook: 'Facebook Messenger',
  channelInstagram: 'Instagram',
  kindNote: 'Internal note',
  kindActivity: 'Activity',

  // One conversation's actions, and what fails.
  actionStar: 'Star',
  actionUnstar: 'Remove star',
  actionMarkRead: 'Mark as read',
  actionMarkUnread: 'Mark as unread',
  actionArchive: 'Archive',
  actionUnarchive: 'Unarchive',
  actionFailed: (what: string, reason: string) => `Could not ${what.toLowerCase()}${reason ? `: ${reason}` : '.'}`,

  // The inbox.
  conversation: 'Conversation',
  inboxPanesUnavailable: 'Could not load the conversation view. Check the connection, then retry or reload the page.',
});
