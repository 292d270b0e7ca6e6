export interface ConvConversationSelectedDetail {
  conversationId: string;
}

/** A conversation became the selected one. */
export class ConvConversationSelectedEvent extends CustomEvent<ConvConversationSelectedDetail> {
  static readonly type = 'conv-conversation-selected';
  constructor(detail: ConvConversationSelectedDetail) {
    super(ConvConversationSelectedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conv-conversation-selected': ConvConversationSelectedEvent;
  }
}
