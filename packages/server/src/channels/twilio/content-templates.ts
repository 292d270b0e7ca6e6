// A Twilio account's WhatsApp templates, read with the official SDK from Twilio's Content API
// (ContentAndApprovals: each template with WhatsApp's verdict on it). A template's text is the
// body of its first content type that has one; one without text (a bare media or location
// message) is left out, since the composer could not show what it sends.
import type twilio from 'twilio';
import { templateVariables, type MessageTemplate } from '@convkit/sdk/protocol';

/** At most this many templates are read (five pages of Twilio's largest). */
const TEMPLATES_MAX = 500;

/** WhatsApp's review states as Twilio names them; "received" is WhatsApp's queue before review. */
const STATUSES: Record<string, MessageTemplate['status']> = {
  approved: 'approved',
  received: 'pending',
  pending: 'pending',
  rejected: 'rejected',
  paused: 'paused',
  disabled: 'disabled',
  unsubmitted: 'unsubmitted',
};

function textOf(types: Record<string, unknown>): string | null {
  for (const content of Object.values(types ?? {})) {
    const body = (content as { body?: unknown } | null)?.body;
    if (typeof body === 'string' && body.trim()) return body;
  }
  return null;
}

export async function fetchTwilioTemplates(client: twilio.Twilio): Promise<MessageTemplate[]> {
  const contents = await client.content.v1.contentAndApprovals.list({ pageSize: 100, limit: TEMPLATES_MAX });
  const templates: MessageTemplate[] = [];
  for (const content of contents) {
    const body = textOf(content.types as Record<string, unknown>);
    if (!body) continue;
    const approval = ((content.approvalRequests ?? {}) as { name?: unknown; category?: unknown; status?: unknown; rejection_reason?: unknown });
    const examples = (content.variables ?? {}) as Record<string, unknown>;
    templates.push({
      id: content.sid,
      name: typeof approval.name === 'string' && approval.name ? approval.name : content.friendlyName,
      channel: 'whatsapp',
      language: content.language,
      category: typeof approval.category === 'string' && approval.category ? approval.category.toUpperCase() : null,
      body,
      variables: templateVariables(body).map((key) => ({ key, example: typeof examples[key] === 'string' ? (examples[key] as string) : '' })),
      status: STATUSES[String(approval.status ?? 'unsubmitted').toLowerCase()] ?? 'unsubmitted',
      rejectionReason: typeof approval.rejection_reason === 'string' && approval.rejection_reason ? approval.rejection_reason : null,
    });
  }
  return templates;
}
