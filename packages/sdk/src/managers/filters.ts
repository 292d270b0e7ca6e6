// Comparing conversation filters: one filter, whatever object holds it.
import type { ConversationFilter } from '../protocol/models.js';

/** Filters are built by the same code in the same key order, and sent and echoed as JSON. */
export function sameFilter(a: ConversationFilter, b: ConversationFilter): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the server keeps counts for this filter live (a search is counted once per request). */
export function countsArePushed(filter: ConversationFilter): boolean {
  return !filter.search?.trim();
}
