import type { BulkAction, BulkTarget } from '@convkit/sdk';

export interface ConvBulkActionDetail {
  target: BulkTarget;
  action: BulkAction;
}

/**
 * The user asks for a bulk action from the bulk bar. Cancelable: a host that calls
 * `preventDefault()` stops it (to confirm first, or to run it its own way).
 */
export class ConvBulkActionEvent extends CustomEvent<ConvBulkActionDetail> {
  static readonly type = 'conv-bulk-action';
  constructor(detail: ConvBulkActionDetail) {
    super(ConvBulkActionEvent.type, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conv-bulk-action': ConvBulkActionEvent;
  }
}
