// One place that builds the official Twilio client for a workspace's credentials. With an API
// URL (CONVKIT_TWILIO_API_URL; tests), the SDK's requests to *.twilio.com go there instead:
// everything else (auth, form encoding, error parsing) is the SDK's own.
import twilio from 'twilio';
import type { TwilioCredentials } from './credentials.js';

export type { TwilioCredentials } from './credentials.js';

/** How long one request to Twilio may take (ms). */
export const TWILIO_TIMEOUT_MS = 15_000;

/**
 * The SDK's HTTP client, sending what it would send to *.twilio.com to `apiUrl` instead. It takes
 * its own timeout: the SDK gives its `timeout` option only to the client it builds itself.
 */
export function redirectedHttpClient(apiUrl: string, timeoutMs = TWILIO_TIMEOUT_MS): twilio.RequestClient {
  class Redirected extends twilio.RequestClient {
    override request: twilio.RequestClient['request'] = (options) =>
      super.request({ ...options, uri: options.uri.replace(/^https:\/\/[a-z0-9.-]*\.twilio\.com/, apiUrl) });
  }
  return new Redirected({ timeout: timeoutMs });
}

export function twilioClient(credentials: TwilioCredentials, options: { apiUrl?: string | null; httpClient?: twilio.RequestClient; timeoutMs?: number } = {}): twilio.Twilio {
  const username = credentials.apiKeySid ?? credentials.accountSid;
  const timeout = options.timeoutMs ?? TWILIO_TIMEOUT_MS;
  const httpClient = options.httpClient ?? (options.apiUrl ? redirectedHttpClient(options.apiUrl, timeout) : undefined);
  return twilio(username, credentials.secret, { accountSid: credentials.accountSid, httpClient, timeout });
}
