import type { BulkAction, BulkTarget } from '@convkit/sdk';

export interface ConvBulkCompleteDetail {
  target: BulkTarget;
  action: BulkAction;
  /** Conversations the target matched, and those the action changed. */
  matched: number;
  changed: number;
}

/** The server finished a bulk action started from the bulk bar. */
export class ConvBulkCompleteEvent extends CustomEvent<ConvBulkCompleteDetail> {
  static readonly type = 'conv-bulk-complete';
  constructor(detail: ConvBulkCompleteDetail) {
    super(ConvBulkCompleteEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conv-bulk-complete': ConvBulkCompleteEvent;
  }
}
