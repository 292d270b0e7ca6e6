// The live list a <conv-list> shows when the host gives it none: made on the element's client
// from its query attributes (view, group, assignee, channel), replaced when the client changes,
// disposed when the element leaves the page, and told when the attributes change.
import type { ConvClient, ConversationFilter, ConversationList, ConversationQuery, InboxView } from '@convkit/sdk';
import { withFilter } from '../internal/filters.js';

/** The query attributes of a list element. */
export interface QueryAttributes {
  view: InboxView | '';
  group: string;
  assignee: string;
  channel: string;
}

const keyOf = (a: QueryAttributes) => JSON.stringify([a.view, a.group, a.assignee, a.channel]);

/** `current` with what the attributes set laid over it. */
export function withAttributes(current: ConversationQuery, a: QueryAttributes): ConversationQuery {
  const filter: Partial<Record<keyof ConversationFilter, unknown>> = {};
  if (a.group) filter.group = a.group;
  if (a.assignee) filter.assignee = a.assignee;
  if (a.channel) filter.channel = a.channel;
  return { view: a.view || current.view, filter: withFilter(current.filter, filter) };
}

export class OwnedList {
  #list: ConversationList | undefined;
  #client: ConvClient | undefined;
  /** The attributes as last applied (a key): applied again only when they change. */
  #applied = keyOf({ view: '', group: '', assignee: '', channel: '' });

  /** The element's own list on `client`, made from `attributes` the first time. */
  for(client: ConvClient, attributes: QueryAttributes): ConversationList {
    if (!this.#list || this.#list.disposed || this.#client !== client) {
      this.#list?.dispose();
      this.#list = client.conversations.list(withAttributes({ view: 'all', filter: {} }, attributes));
      this.#client = client;
      this.#applied = keyOf(attributes);
    }
    return this.#list;
  }

  /**
   * Sets the attributes' query on `list` (own or given) once per change of them: if the server
   * refuses the query, the list shows the error rather than looping. False when unchanged.
   */
  apply(list: ConversationList, attributes: QueryAttributes): boolean {
    const key = keyOf(attributes);
    if (key === this.#applied) return false;
    this.#applied = key;
    void list.setQuery(withAttributes(list.query, attributes)).catch(() => {});
    return true;
  }

  dispose(): void {
    this.#list?.dispose();
    this.#list = undefined;
  }
}
