import type { Channel } from '@convkit/sdk';

export interface ConvMessageSendDetail {
  conversationId: string;
  body: string;
  channel: Channel;
  kind: 'message' | 'note';
  /** A WhatsApp template sent from the composer's Templates panel (`body` is then its text as filled in). */
  template?: { id: string; variables: Record<string, string> };
}

/**
 * The user asks to send what they typed. Cancelable: a host that calls `preventDefault()` takes
 * over the send, and the composer keeps the text.
 */
export class ConvMessageSendEvent extends CustomEvent<ConvMessageSendDetail> {
  static readonly type = 'conv-message-send';
  constructor(detail: ConvMessageSendDetail) {
    super(ConvMessageSendEvent.type, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'conv-message-send': ConvMessageSendEvent;
  }
}
