// Twilio's id for what a webhook is about (MessageSid, CallSid), as the key that makes a
// redelivery a duplicate.
import { createHash } from 'node:crypto';

const SID_FORMAT = /^[A-Za-z0-9]{2,64}$/;

/** `sid` when it is fit to store; otherwise one derived from all the signed fields, so the same request is still recognised. */
export function sidOrDerived(sid: string | undefined, params: Record<string, string>): string {
  if (sid && SID_FORMAT.test(sid)) return sid;
  const fields = Object.keys(params).sort().map((key) => [key, params[key]]);
  return `X${createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 40)}`;
}

/** `sid` when it is fit to store, else null. */
export const validSid = (sid: string | undefined): string | null => (sid && SID_FORMAT.test(sid) ? sid : null);
