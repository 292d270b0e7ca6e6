// A link back into the host product (an activity card's, an automated message's record): an
// http(s) URL, or a path of the host's page ("/appointments/1042"); never a script, and never a
// protocol-relative "//elsewhere".
import { AppError } from '../errors.js';

export function hostLink(path: string, value: string): string {
  const link = value.trim();
  if (/^\/(?!\/)/.test(link)) return link;
  try {
    const url = new URL(link);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // Falls through to the refusal.
  }
  throw new AppError('invalid_params', `${path}: an http(s) URL, or a path of the host page starting with "/" (e.g. /appointments/1042).`, { path });
}
