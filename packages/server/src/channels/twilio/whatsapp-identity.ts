// Who a WhatsApp message is from. Since 2026 a WhatsApp user may adopt a username and hide their
// number: Meta then names them by a business-scoped user id (BSUID: a country code, a dot, up to
// 128 letters and digits, "US.13491208655302741918"; "US.ENT.…" for a parent id), and their phone
// only while Meta still shares it. Twilio names the sender in `From` ("whatsapp:<id>") and `WaId`;
// either may hold the phone or the BSUID, so each is read for what it is.
import { cutText, storableLine } from '../../text/storable.js';
import { senderOf } from './sender.js';

const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
const DIGITS = /^\+?[0-9]{6,15}$/;
const PROFILE_NAME_MAX = 200;

export interface WhatsAppSender {
  /** E.164 when the message names a phone number. */
  phone: string | null;
  /** The BSUID when it names one. */
  userId: string | null;
  /** The WhatsApp profile's name, made storable (hostile text stays text, on one line). */
  profileName: string;
}

export const isWhatsAppUserId = (value: string) => BSUID.test(value);

/** The sender of a WhatsApp webhook from its `From` (without "whatsapp:"), `WaId` and `ProfileName`. */
export function whatsappSender(address: string, params: Record<string, string>): WhatsAppSender {
  let phone: string | null = null;
  let userId: string | null = null;
  for (const id of [address.trim(), (params.WaId ?? '').trim()]) {
    if (!id) continue;
    if (BSUID.test(id)) userId ??= id;
    else if (DIGITS.test(id)) phone ??= senderOf(id.startsWith('+') ? id : `+${id}`);
  }
  // Neither a number nor a user id (a malformed From): kept as it came, as any other sender is.
  if (!phone && !userId) phone = senderOf(address);
  return { phone, userId, profileName: cutText(storableLine(params.ProfileName ?? '').trim(), PROFILE_NAME_MAX) };
}
