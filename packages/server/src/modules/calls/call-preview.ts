// How a call reads in the conversation list: what became of it, as agents scan for missed calls
// and voicemails. Written when the entry is, and again as the call's outcome changes while it is
// still the thread's newest item.
import type { CallOutcome } from '@convkit/sdk/protocol';

/** 185 -> "3:05". */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

export function callPreview(direction: 'inbound' | 'outbound' | null | undefined, meta: Record<string, unknown>): string {
  const outcome = meta.outcome as CallOutcome | undefined;
  const seconds = typeof meta.durationSeconds === 'number' && meta.durationSeconds > 0 ? meta.durationSeconds : null;
  const call = direction === 'outbound' ? 'Outgoing call' : 'Incoming call';
  if (outcome === 'missed' || (outcome === undefined && meta.missed === true)) return 'Missed call';
  if (outcome === 'voicemail') return seconds ? `Voicemail, ${clock(seconds)}` : 'Voicemail';
  if (outcome === 'failed') return 'Call not connected';
  return seconds ? `${call}, ${clock(seconds)}` : call;
}
