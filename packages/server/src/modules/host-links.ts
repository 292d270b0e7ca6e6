// A link back into the host product (an activity card's, an automated message's record): an
// http(s) URL, or a path of the host's page ("/appointments/1042"); never a script, and never a
// protocol-relative "//elsewhere".
import { AppError } from '../errors.js';

/** A path stays on the host's page: resolved against any origin, it keeps that origin. */
const PROBE = 'https://host.invalid';

export function hostLink(path: string, value: string): string {
  const link = value.trim();
  // Browsers read a backslash as "/" and drop tabs and line breaks: "/" + backslash + "evil.example" would leave the host.
  const plain = !/[\\\s\p{Cc}]/u.test(link);
  if (plain && link.startsWith('/') && new URL(link, PROBE).origin === PROBE && !link.startsWith('//')) return link;
  try {
    const url = new URL(link);
    if (plain && (url.protocol === 'https:' || url.protocol === 'http:')) return url.href;
  } catch {
    // Falls through to the refusal.
  }
  throw new AppError('invalid_params', `${path}: an http(s) URL, or a path of the host page starting with "/" (e.g. /appointments/1042).`, { path });
}
