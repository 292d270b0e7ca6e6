// What opens a Twilio account for REST calls. Kept apart from the SDK's own types, which the
// server's public type declarations must not reach (the twilio package's need @types it lacks).
export interface TwilioCredentials {
  accountSid: string;
  /** The account's auth token, or an API key's secret (with `apiKeySid`). */
  secret: string;
  apiKeySid?: string | null;
}
