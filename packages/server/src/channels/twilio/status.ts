// Twilio's message statuses in Convkit's words. Twilio reports a message's life as accepted,
// queued, sending, sent, delivered or read (and failed, undelivered or canceled); Convkit's
// thread shows sent (Twilio has it), delivered, read, or the failure with its reason.
import type { DeliveryReport } from '../../modules/messages/delivery-report.js';
import { deliveryFailureReason } from './errors.js';

const STATUSES: Record<string, DeliveryReport['status']> = {
  accepted: 'sent',
  scheduled: 'sent',
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'undelivered',
  canceled: 'canceled',
};

/** A status callback's fields as a delivery report; null for a status this is not about (an inbound `received`). */
export function twilioDeliveryReport(workspaceId: string, messageId: string | null, params: Record<string, string>): DeliveryReport | null {
  const status = STATUSES[params.MessageStatus ?? params.SmsStatus ?? ''];
  const providerId = params.MessageSid ?? params.SmsSid;
  if (!status || !providerId) return null;
  const errorCode = params.ErrorCode && /^\d{1,10}$/.test(params.ErrorCode) ? params.ErrorCode : undefined;
  const failed = status === 'failed' || status === 'undelivered';
  return {
    workspaceId,
    messageId,
    provider: 'twilio',
    providerId,
    status,
    error: failed ? { code: errorCode ?? status, message: deliveryFailureReason(errorCode, status) } : null,
    // Through a Messaging Service with an RCS sender, Twilio tries RCS first and falls back to
    // SMS or MMS by itself: the sender it reports says which carried the message.
    via: carrierOf(params.From),
  };
}

/** What the report's sender says carried a text: an RCS sender, or a number (the SMS fallback); nothing for WhatsApp or no sender. */
function carrierOf(from: string | undefined): 'rcs' | 'sms' | null {
  if (!from || from.startsWith('whatsapp:')) return null;
  return from.startsWith('rcs:') ? 'rcs' : 'sms';
}
