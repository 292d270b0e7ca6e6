// Each workspace's inbound email webhook has a password of its own, derived from the server's
// CONVKIT_EMAIL_INBOUND_SECRET and the workspace's slug: the credentials a tenant puts in its mail
// service open its own inbox and no other. `convkit email-inbound --workspace <slug>` prints them.
import { createHmac } from 'node:crypto';

/** The user name the webhook's URL carries (any is taken: the password decides). */
export const INBOUND_USER = 'convkit';

export function inboundPassword(secret: string, slug: string): string {
  return createHmac('sha256', secret).update(`convkit-email-inbound:${slug}`).digest('base64url');
}

/** The webhook's URL with the workspace's credentials in it, as a mail service takes it. */
export function inboundUrl(publicUrl: string, secret: string, slug: string): string {
  const url = new URL(`/webhooks/email/${encodeURIComponent(slug)}`, publicUrl);
  url.username = INBOUND_USER;
  url.password = inboundPassword(secret, slug);
  return url.href;
}
