// What an admin may send to set a workspace's Twilio account (REST and CLI alike), checked
// field by field with a message that names the field and what it must look like.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { invalidParams } from '../../errors.js';

export interface TwilioSettingsInput {
  accountSid: string;
  /** Omitted: the stored one is kept, if the account is the same. */
  authToken?: string;
  apiKeySid?: string | null;
  apiKeySecret?: string;
  messagingNumbers?: string[];
  messagingServiceSid?: string | null;
  whatsappNumber?: string | null;
  voiceNumber?: string | null;
  publicUrl?: string | null;
}

/** At most this many sending numbers per workspace. */
export const MESSAGING_NUMBERS_MAX = 20;

const sid = (prefix: string) => ({ type: 'string', pattern: `^${prefix}[0-9a-fA-F]{32}$` });
// Twilio's secrets are printable ASCII: anything else is a paste gone wrong.
const secret = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[!-~]+$' };
const number = { type: ['string', 'null'], minLength: 1, maxLength: 32 };

/** The request body's JSON schema (REST validates it before the checks below; the OpenAPI document shows it). */
export const twilioSettingsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['accountSid'],
  properties: {
    accountSid: { ...sid('AC'), description: 'The account SID (AC…).' },
    authToken: { ...secret, description: "The account's auth token: REST calls use it unless an API key is given, and Twilio signs its webhooks with it. Omitted: the stored one is kept." },
    apiKeySid: { ...sid('SK'), type: ['string', 'null'], description: 'An API key (SK…) for REST calls instead of the auth token.' },
    apiKeySecret: { ...secret, description: "The API key's secret. Omitted: the stored one is kept." },
    messagingNumbers: { type: 'array', maxItems: MESSAGING_NUMBERS_MAX, items: { type: 'string', minLength: 1, maxLength: 32 }, description: 'Numbers SMS and MMS go from (E.164); the first is the default.' },
    messagingServiceSid: { ...sid('MG'), type: ['string', 'null'], description: 'A Messaging Service (MG…) that picks the sender; RCS with SMS fallback when it has an RCS sender.' },
    whatsappNumber: { ...number, description: 'The WhatsApp sender (E.164).' },
    voiceNumber: { ...number, description: 'The number calls come in on and go out from (E.164).' },
    publicUrl: { type: ['string', 'null'], maxLength: 2048, description: "The base URL Twilio calls this workspace at; X-Twilio-Signature is checked against it. Null: the server's PUBLIC_URL." },
  },
} as const;

/** +15551230000, whatever way it was written; refused when it cannot be a phone number. */
export function e164(path: string, value: string): string {
  const parsed = parsePhoneNumberFromString(value, 'US');
  if (!parsed?.isPossible()) throw invalidParams(path, `"${value.slice(0, 40)}" is not a phone number: write it in E.164, e.g. +15551230000.`);
  return parsed.number;
}

export function baseUrl(path: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParams(path, 'not a URL: write it as https://inbox.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidParams(path, 'Twilio calls http or https URLs only.');
  if (url.search || url.hash || url.username || url.password) throw invalidParams(path, 'a base URL has no query, fragment or credentials.');
  return url.toString().replace(/\/$/, '');
}

export interface CheckedSettings {
  accountSid: string;
  authToken: string | undefined;
  apiKeySid: string | null;
  apiKeySecret: string | undefined;
  messagingNumbers: string[];
  messagingServiceSid: string | null;
  whatsappNumber: string | null;
  voiceNumber: string | null;
  publicUrl: string | null;
}

/** Normalises the input and refuses what cannot work, before anything is asked of Twilio. */
export function checkSettings(input: TwilioSettingsInput): CheckedSettings {
  const messagingNumbers = [...new Set((input.messagingNumbers ?? []).map((n, i) => e164(`messagingNumbers[${i}]`, n)))];
  const checked: CheckedSettings = {
    accountSid: input.accountSid,
    authToken: input.authToken,
    apiKeySid: input.apiKeySid ?? null,
    apiKeySecret: input.apiKeySecret,
    messagingNumbers,
    messagingServiceSid: input.messagingServiceSid ?? null,
    whatsappNumber: input.whatsappNumber ? e164('whatsappNumber', input.whatsappNumber) : null,
    voiceNumber: input.voiceNumber ? e164('voiceNumber', input.voiceNumber) : null,
    publicUrl: input.publicUrl ? baseUrl('publicUrl', input.publicUrl) : null,
  };
  if (checked.apiKeySecret !== undefined && !checked.apiKeySid) throw invalidParams('apiKeySid', 'an API key secret needs its key (SK…).');
  if (!messagingNumbers.length && !checked.messagingServiceSid && !checked.whatsappNumber && !checked.voiceNumber) {
    throw invalidParams('messagingNumbers', 'name at least one sender: messagingNumbers, messagingServiceSid, whatsappNumber or voiceNumber.');
  }
  return checked;
}
