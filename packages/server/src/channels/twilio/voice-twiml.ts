// What Twilio is told to do at each step of a call, as TwiML built with the official SDK's
// VoiceResponse. A contact's call: the disclosure when it is recorded, then the agent's phone (or
// the workspace's forwarding number) rings; unanswered, it goes to voicemail. Click to call: once
// the agent answers, the contact is called from the workspace's number and hears the disclosure
// on answering when the call is recorded.
import twilio from 'twilio';

const { VoiceResponse } = twilio.twiml;

/** How long a phone rings before the call counts as unanswered (seconds). */
export const RING_SECONDS = 20;
/** The longest voicemail (seconds). */
const VOICEMAIL_MAX_SECONDS = 180;

export interface InboundCallPlan {
  /** The phone that rings; null: straight to voicemail. */
  ringTo: string | null;
  record: boolean;
  disclosure: string;
  greeting: string;
  /** Step URLs (paths.ts voiceStepUrl): where the rung phone's answer, the dialled leg's end, a voicemail and recordings are reported. */
  answeredUrl: string;
  dialedUrl: string;
  voicemailUrl: string;
  recordingUrl: string;
  voicemailRecordingUrl: string;
}

export function inboundCallTwiml(plan: InboundCallPlan): string {
  const response = new VoiceResponse();
  if (plan.record && plan.ringTo) response.say(plan.disclosure);
  if (!plan.ringTo) return voicemailTwiml(plan, response);
  response
    .dial({
      action: plan.dialedUrl,
      timeout: RING_SECONDS,
      answerOnBridge: true,
      ...(plan.record ? { record: 'record-from-answer-dual' as const, recordingStatusCallback: plan.recordingUrl, recordingStatusCallbackEvent: ['completed' as const] } : {}),
    })
    .number(answeredCallback(plan.answeredUrl), plan.ringTo);
  return response.toString();
}

/** The greeting, the tone, and a recording of what the caller says. */
export function voicemailTwiml(plan: Pick<InboundCallPlan, 'greeting' | 'voicemailUrl' | 'voicemailRecordingUrl'>, response = new VoiceResponse()): string {
  response.say(plan.greeting);
  response.record({ action: plan.voicemailUrl, maxLength: VOICEMAIL_MAX_SECONDS, playBeep: true, recordingStatusCallback: plan.voicemailRecordingUrl, recordingStatusCallbackEvent: ['completed'] });
  return response.toString();
}

export interface BridgePlan {
  contactPhone: string;
  /** The workspace's voice number: what the contact sees. */
  callerId: string;
  record: boolean;
  answeredUrl: string;
  dialedUrl: string;
  recordingUrl: string;
  /** What the contact hears on answering a recorded call (the disclosure). */
  whisperUrl: string;
}

/** The agent has answered: call the contact and join them. */
export function bridgeTwiml(plan: BridgePlan): string {
  const response = new VoiceResponse();
  response.say('Calling your contact now.');
  const dial = response.dial({
    callerId: plan.callerId,
    action: plan.dialedUrl,
    timeout: 30,
    ...(plan.record ? { record: 'record-from-answer-dual' as const, recordingStatusCallback: plan.recordingUrl, recordingStatusCallbackEvent: ['completed' as const] } : {}),
  });
  dial.number({ ...answeredCallback(plan.answeredUrl), ...(plan.record ? { url: plan.whisperUrl } : {}) }, plan.contactPhone);
  return response.toString();
}

/** The rung phone's answer is reported: the call is then in progress. */
const answeredCallback = (url: string) => ({ statusCallback: url, statusCallbackEvent: ['answered' as const] });

/** Says `text` (when there is any), then hangs up. */
export function sayAndHangUpTwiml(text?: string): string {
  const response = new VoiceResponse();
  if (text) response.say(text);
  response.hangup();
  return response.toString();
}

/** Says `text` and goes on (a whisper to the called party before the call is joined). */
export function sayTwiml(text: string): string {
  const response = new VoiceResponse();
  response.say(text);
  return response.toString();
}
