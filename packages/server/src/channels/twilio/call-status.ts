// What Twilio's call statuses say about a call's entry: shared by the status callbacks
// (voice-webhook.ts) and the look-up of calls whose ending never arrived (call-reconciler.ts).
import type { CallProgress } from '../../modules/calls/call-entry.js';

/** A call's statuses that end it. */
export const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/** Click to call's first leg, the agent's phone: only its endings say much. */
export function agentLegProgress(status: string): Omit<CallProgress, 'callSid'> | null {
  switch (status) {
    case 'queued':
    case 'initiated':
    case 'ringing':
    case 'in-progress':
      return { outcome: 'ringing' };
    case 'busy':
    case 'no-answer':
      return { outcome: 'failed', reason: { code: status, message: "The agent's phone did not answer, so the contact was not called." } };
    case 'failed':
      return { outcome: 'failed', reason: { code: status, message: "Twilio could not ring the agent's phone: check the number (Change phone) and try again." } };
    case 'canceled':
      return { outcome: 'failed', reason: { code: status, message: "The call was canceled before the agent's phone answered." } };
    case 'completed':
      return { outcome: 'missed', reason: { code: 'no-answer', message: 'The call ended before the contact answered.' } };
    default:
      return null;
  }
}


/**
 * How a call went that Twilio says has ended, for an entry whose ending never arrived (still
 * ringing or in progress): one that was in progress and completed was answered, for the call's
 * length; otherwise a contact's call was missed, and a click to call ended as its first leg did.
 * Null while the call goes on.
 */
export function endingOf(direction: 'inbound' | 'outbound', current: string, status: string, durationSeconds: number): Omit<CallProgress, 'callSid'> | null {
  if (!ENDED.has(status)) return null;
  if (status === 'completed' && current === 'in-progress') return { outcome: 'answered', durationSeconds };
  if (direction === 'inbound') return { outcome: 'missed' };
  return agentLegProgress(status);
}
