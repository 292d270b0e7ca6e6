// Links a provider fetches an outbound message's files from (Twilio's MediaUrl): public, since
// Twilio sends no credentials, so each names one file and an expiry under the server's MAC, and
// nothing else opens with it. Twilio fetches media when it sends, and may again for a retry.
import type { Keyring } from '../../secrets/keyring.js';

const PURPOSE = 'media-link';
/** How long a link opens the file. */
export const MEDIA_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export function mediaLink(keyring: Keyring, publicUrl: string, attachmentId: string, now = Date.now(), ttlMs = MEDIA_LINK_TTL_MS): string {
  const expires = Math.floor((now + ttlMs) / 1000);
  return `${publicUrl.replace(/\/+$/, '')}/media/${attachmentId}?expires=${expires}&signature=${keyring.sign(PURPOSE, `${attachmentId}.${expires}`)}`;
}

export function mediaLinkValid(keyring: Keyring, attachmentId: string, expires: string, signature: string, now = Date.now()): boolean {
  if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now) return false;
  return keyring.verify(PURPOSE, `${attachmentId}.${expires}`, signature);
}
