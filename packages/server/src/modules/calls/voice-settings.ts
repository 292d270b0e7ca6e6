// How a workspace's calls go: which directions are recorded, what a recorded call says first,
// where a contact's call rings, and what a caller hears before leaving a voicemail. Stored as
// the workspace's `voice` column; whatever is not set takes the default here.
import type { CommandParams, VoiceSettings } from '@convkit/sdk/protocol';
import { e164 } from '../../channels/twilio/settings-input.js';
import { storableLine } from '../../text/storable.js';
import type { Workspace } from '../workspaces/workspace.entity.js';

export const DEFAULT_DISCLOSURE = 'This call may be recorded.';

export function voiceSettingsOf(workspace: Pick<Workspace, 'voice'>): VoiceSettings {
  const stored = workspace.voice ?? {};
  return {
    recordInbound: stored.recordInbound ?? false,
    recordOutbound: stored.recordOutbound ?? false,
    disclosure: stored.disclosure ?? null,
    forwardTo: stored.forwardTo ?? null,
    voicemailGreeting: stored.voicemailGreeting ?? null,
  };
}

/** What a recorded call says before anything else. */
export const disclosureOf = (settings: VoiceSettings) => settings.disclosure ?? DEFAULT_DISCLOSURE;

/** What a caller hears before the beep. */
export const greetingOf = (settings: VoiceSettings, workspaceName: string) =>
  settings.voicemailGreeting ?? `You have reached ${workspaceName}. Nobody can take your call right now: please leave a message after the tone.`;

/** The settings after `change` (workspace.update's `voice`): phone numbers made E.164, texts made one storable line. */
export function changedVoiceSettings(current: VoiceSettings, change: NonNullable<CommandParams<'workspace.update'>['voice']>): VoiceSettings {
  const text = (value: string | null | undefined, fallback: string | null) => (value === undefined ? fallback : value === null ? null : storableLine(value).trim() || null);
  return {
    recordInbound: change.recordInbound ?? current.recordInbound,
    recordOutbound: change.recordOutbound ?? current.recordOutbound,
    disclosure: text(change.disclosure, current.disclosure),
    forwardTo: change.forwardTo === undefined ? current.forwardTo : change.forwardTo === null ? null : e164('voice.forwardTo', change.forwardTo),
    voicemailGreeting: text(change.voicemailGreeting, current.voicemailGreeting),
  };
}
