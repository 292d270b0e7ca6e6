// The sandbox's inbound simulator: builds the request Twilio would send for an incoming SMS,
// MMS or WhatsApp message, or a delivery report, signs it with the workspace's auth token, and
// posts it to the server's public webhook URL, so a simulated one takes exactly the path a real
// one takes.
import { randomBytes } from 'node:crypto';
import { twilioSignature } from './signature.js';
import { twilioSmsPath, twilioStatusPath } from './paths.js';

/** Where the simulator posts, and what it signs with: the workspace's (sandbox or real) auth token. */
export interface SimulatorSigning {
  baseUrl: string;
  workspaceSlug: string;
  accountSid: string;
  authToken: string;
}

export interface SimulatedSms extends SimulatorSigning {
  from: string;
  to: string;
  body: string;
  /** Reuse to simulate a redelivery of the same message. */
  messageSid?: string;
  /**
   * WhatsApp: the addresses go as "whatsapp:+1…", as Twilio sends them, with the sender's WaId.
   * `from` may be a user id ("US.1349…": a user who hides their number); `userId` with a number
   * `from` is a message naming both.
   */
  whatsapp?: boolean | { userId?: string; profileName?: string };
  /** RCS: the contact as "rcs:+1…", the workspace's RCS sender as "rcs:<sender id>". */
  rcs?: { senderId: string };
  /** MMS media (MediaUrl0…), fetched as a real MMS's are. */
  media?: { url: string; contentType: string }[];
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export function buildSimulatedSms(input: SimulatedSms): { url: string; params: Record<string, string>; signature: string } {
  const url = input.baseUrl.replace(/\/$/, '') + twilioSmsPath(input.workspaceSlug);
  const sid = input.messageSid ?? newMessageSid();
  const address = (number: string) => (input.whatsapp ? `whatsapp:${number}` : input.rcs ? `rcs:${number}` : number);
  const media = input.media ?? [];
  const params: Record<string, string> = {
    ToCountry: 'US',
    SmsMessageSid: sid,
    NumMedia: String(media.length),
    SmsSid: sid,
    SmsStatus: 'received',
    Body: input.body,
    To: input.rcs ? `rcs:${input.rcs.senderId}` : address(input.to),
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: input.accountSid,
    From: address(input.from),
    ApiVersion: '2010-04-01',
  };
  media.forEach((m, i) => Object.assign(params, { [`MediaUrl${i}`]: m.url, [`MediaContentType${i}`]: m.contentType }));
  if (input.whatsapp) {
    const whatsapp = input.whatsapp === true ? {} : input.whatsapp;
    params.WaId = whatsapp.userId ?? input.from.replace(/^\+/, '');
    if (whatsapp.profileName) params.ProfileName = whatsapp.profileName;
  }
  return { url, params, signature: twilioSignature(input.authToken, url, params) };
}

export interface SimulatedStatus extends SimulatorSigning {
  /** Our message id, as a send's status callback names it. */
  message: string;
  /** Twilio's sid for it. */
  messageSid: string;
  status: string;
  errorCode?: string;
}

/** A delivery report as Twilio posts one to a send's status callback. */
export async function postSimulatedStatus(input: SimulatedStatus): Promise<{ status: number; body: string }> {
  const url = `${input.baseUrl.replace(/\/$/, '')}${twilioStatusPath(input.workspaceSlug)}?message=${encodeURIComponent(input.message)}`;
  const sid = input.messageSid;
  const params: Record<string, string> = { AccountSid: input.accountSid, MessageSid: sid, SmsSid: sid, MessageStatus: input.status, SmsStatus: input.status, ApiVersion: '2010-04-01', ...(input.errorCode ? { ErrorCode: input.errorCode } : {}) };
  return postSignedTwilio(url, input.authToken, params);
}

/** Posts form fields signed as Twilio signs them; answers the status and the body (TwiML, for a call). */
export async function postSignedTwilio(url: string, authToken: string, params: Record<string, string>): Promise<{ status: number; body: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(authToken, url, params) },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.text() };
}

export async function postSimulatedSms(input: SimulatedSms): Promise<{ status: number; messageSid: string; body: string }> {
  const { url, params } = buildSimulatedSms(input);
  return { ...(await postSignedTwilio(url, input.authToken, params)), messageSid: params.MessageSid! };
}
