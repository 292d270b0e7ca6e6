// English for <conv-unread-badge>, loaded with it.
import { defineTerms } from '../localize.js';

export const badgeTerms = defineTerms({
  unreadBadge: { one: '# unread conversation', other: '# unread conversations' },
});
