// The loopback's Content API (content.twilio.com): the account's templates with WhatsApp's
// verdict on each, listed as Twilio's ContentAndApprovals pages them.
import { randomBytes } from 'node:crypto';

/** A template as Twilio's Content API returns it (snake_case, as on the wire). */
export type ContentResource = Record<string, unknown> & { sid: string };

/** A `twilio/text` template with `body`, its variables' examples, and WhatsApp's review of it. */
export function textContent(name: string, body: string, examples: Record<string, string>, approval: { status: string; category?: string; rejectionReason?: string } = { status: 'approved' }): ContentResource {
  const sid = `HX${randomBytes(16).toString('hex')}`;
  return {
    sid,
    account_sid: null,
    friendly_name: name,
    language: 'en',
    variables: examples,
    types: { 'twilio/text': { body } },
    approval_requests: { name, category: approval.category ?? 'UTILITY', content_type: 'twilio/text', status: approval.status, rejection_reason: approval.rejectionReason ?? '', allow_category_change: true },
    date_created: new Date().toISOString(),
    date_updated: new Date().toISOString(),
    url: `https://content.twilio.com/v1/Content/${sid}`,
  };
}

/** The answer to GET /v1/ContentAndApprovals: one page holding every template. */
export function contentPage(requestUrl: string, contents: ContentResource[]): object {
  const url = `https://content.twilio.com${requestUrl}`;
  return { contents, meta: { page: 0, page_size: contents.length, first_page_url: url, previous_page_url: null, url, next_page_url: null, key: 'contents' } };
}
