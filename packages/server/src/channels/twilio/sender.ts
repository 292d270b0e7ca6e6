// Who a webhook is from, as a contact's key: E.164 when it is a phone number, else the sender's
// own id (a short code, an alphanumeric sender) kept on one line.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { cutText, storableLine } from '../../text/storable.js';

/** The contact's key column holds 32 characters. */
const SENDER_MAX = 32;

/**
 * Parsed senders, by what the provider sent. Parsing a number costs a quarter of a millisecond
 * (a fifth of what a webhook costs us besides the commit), and contacts write again and again.
 */
const senders = new Map<string, string>();
const SENDERS_KEPT = 10_000;

export function senderOf(number: string): string {
  const known = senders.get(number);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(number.slice(0, 64), 'US');
  const sender = parsed?.isPossible() ? parsed.number : cutText(storableLine(number).trim(), SENDER_MAX) || 'unknown sender';
  if (senders.size >= SENDERS_KEPT) senders.clear();
  // Keyed by at most what was parsed: a megabyte of From is not kept.
  if (number.length <= 64) senders.set(number, sender);
  return sender;
}

