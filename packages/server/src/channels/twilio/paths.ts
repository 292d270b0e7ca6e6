// Where Twilio calls a workspace: the paths an admin points the Twilio console at.

export const twilioSmsPath = (workspaceSlug: string) => `/webhooks/twilio/${encodeURIComponent(workspaceSlug)}/sms`;

export const twilioStatusPath = (workspaceSlug: string) => `/webhooks/twilio/${encodeURIComponent(workspaceSlug)}/status`;

/** The status callback a send names: Twilio reports on this message there. */
export const statusCallbackUrl = (baseUrl: string, workspaceSlug: string, messageId: string) =>
  `${baseUrl}${twilioStatusPath(workspaceSlug)}?message=${encodeURIComponent(messageId)}`;

/** Where Twilio asks what to do with a call to the workspace's voice number (its Voice URL). */
export const twilioVoicePath = (workspaceSlug: string) => `/webhooks/twilio/${encodeURIComponent(workspaceSlug)}/voice`;

/** Where Twilio reports on a call's progress (the voice number's "call status changes" callback). */
export const twilioVoiceStatusPath = (workspaceSlug: string) => `${twilioVoicePath(workspaceSlug)}/status`;

/** The steps of a call Twilio comes back to, each naming the call's entry in the thread. */
export type VoiceStep = 'status' | 'dialed' | 'voicemail' | 'recording' | 'bridge' | 'whisper';

export const voiceStepUrl = (baseUrl: string, workspaceSlug: string, step: VoiceStep, messageId: string, extra = '') =>
  `${baseUrl}${twilioVoicePath(workspaceSlug)}/${step}?message=${encodeURIComponent(messageId)}${extra}`;
