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
  63016: "This WhatsApp conversation's 24-hour window has closed: only an approved template can be sent.",
};

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
