// `convkit simulate call`: a contact's call as Twilio would make it, step by step. It posts the
// Voice URL's request, follows the TwiML the server answers (the rung phone's outcome to the
// Dial's action, a voicemail to the Record's action, a recording to its callback), and ends with
// the voice number's status callback: every request signed with the workspace's auth token, on
// the path a real call takes.
import { randomBytes } from 'node:crypto';
import { postSignedTwilio, type SimulatorSigning } from './simulator.js';
import { twilioVoicePath, twilioVoiceStatusPath } from './paths.js';

export const CALL_OUTCOMES_SIMULATED = ['answered', 'missed', 'voicemail'] as const;
export type SimulatedOutcome = (typeof CALL_OUTCOMES_SIMULATED)[number];

export interface SimulatedCall extends SimulatorSigning {
  from: string;
  to: string;
  outcome: SimulatedOutcome;
  /** Talk time, or the voicemail's length (seconds). */
  durationSeconds: number;
  /** Twilio's URL of the recording (the call's when it is recorded, or the voicemail's). */
  recordingUrl?: string;
}

/** The URLs a TwiML document names (action, url, recordingStatusCallback…), by attribute, with XML entities undone. */
export function twimlUrls(xml: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [, name, value] of xml.matchAll(/(\w+)="(https?:[^"]*)"/g)) urls[name!] = value!.replaceAll('&amp;', '&');
  return urls;
}

export class SimulationError extends Error {
  override name = 'SimulationError';
}

/** Runs the call; answers its sid. Throws SimulationError when the server refuses a step or the outcome cannot happen. */
export async function postSimulatedCall(input: SimulatedCall): Promise<string> {
  const base = input.baseUrl.replace(/\/$/, '');
  const callSid = `CA${randomBytes(16).toString('hex')}`;
  const common = { AccountSid: input.accountSid, CallSid: callSid, From: input.from, To: input.to, Direction: 'inbound', ApiVersion: '2010-04-01' };
  const step = async (url: string, params: Record<string, string>) => {
    const answer = await postSignedTwilio(url, input.authToken, { ...common, ...params });
    if (answer.status !== 200) throw new SimulationError(`the server answered ${answer.status}: ${answer.body}`);
    return answer.body;
  };
  let twiml = await step(base + twilioVoicePath(input.workspaceSlug), { CallStatus: 'ringing' });
  const seconds = String(input.durationSeconds);
  if (twiml.includes('<Dial')) {
    const dial = twimlUrls(twiml);
    if (input.outcome === 'answered') {
      await step(dial.action!, { CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallDuration: seconds });
      if (input.recordingUrl && dial.recordingStatusCallback) await step(dial.recordingStatusCallback, recordingFields(input.recordingUrl, seconds));
    } else {
      twiml = await step(dial.action!, { CallStatus: 'in-progress', DialCallStatus: 'no-answer', DialCallDuration: '0' });
    }
  } else if (input.outcome === 'answered') {
    throw new SimulationError('no phone rings for this call, so it cannot be answered: set the workspace\'s voice forwardTo, or assign the conversation to an agent who has placed a call; or simulate --outcome voicemail or missed');
  }
  if (input.outcome === 'voicemail') {
    const record = twimlUrls(twiml);
    await step(record.action!, { CallStatus: 'in-progress', RecordingUrl: input.recordingUrl ?? `https://api.twilio.com/2010-04-01/Accounts/${input.accountSid}/Recordings/RE${randomBytes(16).toString('hex')}`, RecordingDuration: seconds });
    if (input.recordingUrl) await step(record.recordingStatusCallback!, recordingFields(input.recordingUrl, seconds));
  }
  // An inbound call whose TwiML ran ends "completed" whatever became of it.
  await step(base + twilioVoiceStatusPath(input.workspaceSlug), { CallStatus: 'completed', CallDuration: input.outcome === 'missed' ? '0' : seconds });
  return callSid;
}

function recordingFields(url: string, seconds: string): Record<string, string> {
  return { RecordingSid: url.split('/').pop()!.slice(0, 34), RecordingUrl: url, RecordingStatus: 'completed', RecordingDuration: seconds };
}
