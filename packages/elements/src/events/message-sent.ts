import type { Message } from '@convkit/sdk';

export interface ConvMessageSentDetail {
  conversationId: string;
  message: Message;
}

/** The server accepted a message the composer sent. */
export class ConvMessageSentEvent extends CustomEvent<ConvMessageSentDetail> {
  static readonly type = 'conv-message-sent';
  constructor(detail: ConvMessageSentDetail) {
    super(ConvMessageSentEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conv-message-sent': ConvMessageSentEvent;
  }
}
