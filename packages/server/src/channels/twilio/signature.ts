// Twilio's X-Twilio-Signature, through the official SDK (HMAC-SHA1 over the URL + sorted
// params, compared in constant time, with and without the default port).
import twilio from 'twilio';

export function isValidTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Record<string, string>): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
