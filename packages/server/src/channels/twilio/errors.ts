// What a Twilio refusal means for the send: tried again later, or failed with a reason an agent
// can read and act on. Codes from Twilio's error dictionary.
import type { SendOutcome } from '../channel.js';

const REASONS: Record<number, string> = {
  20003: "Twilio refused the workspace's credentials. An admin should check the Twilio settings.",
  21211: "This phone number is not valid. Check the contact's number and try again.",
  21408: "Sending to this country is not enabled on the Twilio account. An admin can enable it in Twilio's geographic permissions.",
  21606: 'The sending number cannot send this kind of message. An admin should check its capabilities in Twilio.',
  21610: 'This contact has opted out of messages from this number (they replied STOP). They can opt back in by texting START.',
  21612: 'Twilio cannot carry a message between these two numbers.',
  21614: 'This number cannot receive text messages (it may be a landline).',
  21656: "WhatsApp refused the template's variables. Check each one has some text, on one line.",
  63027: 'This template does not exist in that language at WhatsApp. An admin should check it in Twilio.',
  63028: "The number of variables does not match the template's. An admin should check the template in Twilio.",
  63016: "This WhatsApp conversation's 24-hour window has closed: only an approved template can be sent.",
  // Reported after Twilio took the message (a status callback's ErrorCode).
  30001: 'Twilio had too many messages queued for this number and dropped this one. Send it again in a few minutes.',
  30002: 'The Twilio account is suspended. An admin should check it in the Twilio console.',
  30003: "The contact's phone is off or out of coverage. Try again later, or reach them another way.",
  30004: 'The contact or their carrier blocked this message.',
  30005: 'This number does not exist on its carrier, or is no longer in service.',
  30006: 'This number cannot receive text messages (a landline, or a carrier Twilio cannot reach).',
  30007: 'The carrier filtered this message as spam. Rephrase it, avoid shortened links, and check the number is registered for business texting.',
  30008: 'The carrier could not deliver this message and gave no reason. Try again later.',
  30034: 'The sending number is not registered for US business texting (A2P 10DLC). An admin must register it in Twilio.',
  63024: 'This WhatsApp recipient is not a valid WhatsApp user.',
};

/** Why a message Twilio had taken was not delivered (a status callback's ErrorCode), in words an agent can act on. */
export function deliveryFailureReason(code: string | undefined, status: 'failed' | 'undelivered'): string {
  const known = code && /^\d+$/.test(code) ? REASONS[Number(code)] : undefined;
  if (known) return known;
  const what = status === 'failed' ? 'Twilio could not send this message' : 'The carrier did not deliver this message';
  return code ? `${what} (error ${code}). See https://www.twilio.com/docs/errors/${code}` : `${what}.`;
}

/** A Twilio API error response (HTTP status and Twilio's code) as a send outcome. */
export function twilioRefusal(status: number, code: number | undefined, text: string, moreInfo?: string): Exclude<SendOutcome, { ok: true }> {
  if (status === 429 || status >= 500) {
    return { ok: false, code: String(code ?? `http_${status}`), message: `Twilio could not take the message (HTTP ${status}).`, retryable: true };
  }
  const reason = code !== undefined ? REASONS[code] : undefined;
  return {
    ok: false,
    code: String(code ?? `http_${status}`),
    // An error this list does not name: Twilio's own words, and its page on the error for the admin.
    message: reason ?? `Twilio refused this message${code !== undefined ? ` (error ${code})` : ''}: ${text}${moreInfo ? ` See ${moreInfo}` : ''}`,
    retryable: false,
  };
}
