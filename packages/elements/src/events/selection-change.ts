export interface ConvSelectionChangeDetail {
  /** The selected conversations' ids, in list order (only the loaded ones when `allMatching`). */
  ids: string[];
  /** Every conversation matching the list's view and filter is selected, loaded or not. */
  allMatching: boolean;
}

/** The list's multi-selection (checkboxes, shift-click, x, "Select all N matching") changed. */
export class ConvSelectionChangeEvent extends CustomEvent<ConvSelectionChangeDetail> {
  static readonly type = 'conv-selection-change';
  constructor(detail: ConvSelectionChangeDetail) {
    super(ConvSelectionChangeEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conv-selection-change': ConvSelectionChangeEvent;
  }
}
