export interface ConvConversationSelectDetail {
  conversationId: string;
}

/**
 * The user asks to open a conversation (click or Enter on a row). Cancelable: a host that calls
 * `preventDefault()` keeps the current selection and may open the conversation its own way.
 */
export class ConvConversationSelectEvent extends CustomEvent<ConvConversationSelectDetail> {
  static readonly type = 'conv-conversation-select';
  constructor(detail: ConvConversationSelectDetail) {
    super(ConvConversationSelectEvent.type, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conv-conversation-select': ConvConversationSelectEvent;
  }
}
