// Where Twilio calls a workspace: the paths an admin points the Twilio console at.

export const twilioSmsPath = (workspaceSlug: string) => `/webhooks/twilio/${encodeURIComponent(workspaceSlug)}/sms`;

export const twilioStatusPath = (workspaceSlug: string) => `/webhooks/twilio/${encodeURIComponent(workspaceSlug)}/status`;

/** The status callback a send names: Twilio reports on this message there. */
export const statusCallbackUrl = (baseUrl: string, workspaceSlug: string, messageId: string) =>
  `${baseUrl}${twilioStatusPath(workspaceSlug)}?message=${encodeURIComponent(messageId)}`;
