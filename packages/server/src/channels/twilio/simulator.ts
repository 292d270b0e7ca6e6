// The sandbox's inbound simulator: builds the request Twilio would send for an incoming SMS,
// signs it with the workspace's auth token, and posts it to the server's public webhook URL,
// so a simulated message takes exactly the path a real one takes.
import { randomBytes } from 'node:crypto';
import { twilioSignature } from './signature.js';
import { twilioSmsPath } from './paths.js';

export interface SimulatedSms {
  baseUrl: string;
  workspaceSlug: string;
  accountSid: string;
  authToken: string;
  from: string;
  to: string;
  body: string;
  /** Reuse to simulate a redelivery of the same message. */
  messageSid?: string;
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export function buildSimulatedSms(input: SimulatedSms): { url: string; params: Record<string, string>; signature: string } {
  const url = input.baseUrl.replace(/\/$/, '') + twilioSmsPath(input.workspaceSlug);
  const sid = input.messageSid ?? newMessageSid();
  const params: Record<string, string> = {
    ToCountry: 'US',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: input.body,
    To: input.to,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: input.accountSid,
    From: input.from,
    ApiVersion: '2010-04-01',
  };
  return { url, params, signature: twilioSignature(input.authToken, url, params) };
}

export async function postSimulatedSms(input: SimulatedSms): Promise<{ status: number; messageSid: string; body: string }> {
  const { url, params, signature } = buildSimulatedSms(input);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, messageSid: params.MessageSid!, body: await response.text() };
}
