import { property } from 'lit/decorators.js';
import type { ConversationList } from '@convkit/sdk';
import { ConvClientElement } from './conv-client-element.js';

/**
 * A part that works on one live list of conversations (its view, filter, counts, bulk actions):
 * the `list` property when set (a `<conv-list>` hands its own to its tabs, filters and bulk
 * bar), otherwise the client's default list, the inbox's.
 */
export class ConvListElement extends ConvClientElement {
  /** The live list this part works on; when unset, the client's default list. */
  @property({ attribute: false }) accessor list: ConversationList | undefined = undefined;

  /** The list in use: the explicit one first, then the client's default list. */
  protected get activeList(): ConversationList | undefined {
    return this.list ?? this.activeClient?.conversations.inbox;
  }
}
