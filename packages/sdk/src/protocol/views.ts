// Which conversations a view and filter hold, decided on the client for live updates. The
// server decides the same in SQL; the SDK suite checks that both agree.
import type { Conversation, ConversationFilter, InboxView, ReadState } from './models.js';

export const DEFAULT_RECENT_DAYS = 14;

/** Unread for one agent: a new inbound since they last read, or marked unread by hand. */
export function isUnread(conversation: Pick<Conversation, 'lastInboundSeq'>, readState: Pick<ReadState, 'lastReadSeq' | 'manualUnread'>): boolean {
  return readState.manualUnread || conversation.lastInboundSeq > readState.lastReadSeq;
}
const DAY_MS = 86_400_000;

export interface ViewContext {
  userId: string;
  recentDays: number;
  now: number;
}

export function inView(view: InboxView, conversation: Conversation, readState: ReadState, ctx: ViewContext): boolean {
  switch (view) {
    case 'all':
      return conversation.status === 'open';
    case 'unread':
      return conversation.status === 'open' && isUnread(conversation, readState);
    case 'recents':
      return conversation.status === 'open' && Date.parse(conversation.lastActivityAt) >= ctx.now - ctx.recentDays * DAY_MS;
    case 'starred':
      return readState.starred;
    case 'archived':
      return conversation.status === 'archived';
  }
}

/** The filter's conditions except search, which only the server can evaluate. */
export function matchesFilter(filter: ConversationFilter, conversation: Conversation, readState: ReadState, ctx: ViewContext): boolean {
  if (filter.assignee === 'me' && conversation.assigneeId !== ctx.userId) return false;
  if (filter.assignee === 'unassigned' && conversation.assigneeId !== null) return false;
  if (filter.assignee && filter.assignee !== 'me' && filter.assignee !== 'unassigned' && conversation.assigneeId !== filter.assignee) return false;
  if (filter.channel && !conversation.channels.includes(filter.channel)) return false;
  if (filter.labelId && !conversation.labelIds.includes(filter.labelId)) return false;
  if (filter.group && conversation.contact.group !== filter.group) return false;
  if (filter.mentionsMe && !readState.mentioned) return false;
  return true;
}
