import type { Channel } from '@convkit/sdk/protocol';

export interface OutboundMessage {
  id: string;
  channel: Channel;
  body: string;
  subject: string | null;
  to: { phone: string | null; email: string | null };
  from: string | null;
}

export type SendOutcome =
  | { ok: true; providerId: string; status: 'sent' | 'queued' }
  | { ok: false; code: string; message: string; retryable: boolean };

/** One provider behind one interface; the dispatcher knows nothing else about it. */
export interface ChannelAdapter {
  readonly provider: string;
  send(message: OutboundMessage): Promise<SendOutcome>;
}
