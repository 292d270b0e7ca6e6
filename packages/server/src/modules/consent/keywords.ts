// What an inbound text says about consent. Carriers' keywords are whole messages (in any case,
// with whitespace around): STOP and its kin revoke, START and UNSTOP grant, YES confirms a
// pending double opt-in, HELP asks for the workspace's help text. Since April 2025 US rules also
// let a contact revoke "by any reasonable means": a text that reads like one is flagged for an
// agent to confirm, never acted on silently and never ignored.

export type ConsentIntent = 'revoke' | 'grant' | 'confirm' | 'help' | 'maybe_revoke';

const REVOKE = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPT OUT', 'OPTOUT', 'STOP ALL']);
const GRANT = new Set(['START', 'UNSTOP']);
const CONFIRM = new Set(['YES', 'Y']);
const HELP = new Set(['HELP', 'INFO']);

/**
 * Phrases of a revocation in other words. Each needs a verb of stopping and an object that is us
 * or our messages, so "stop by the house at 5" or "can you text me the address" are not flagged.
 */
const REVOCATION_PHRASES = [
  /\b(stop|quit|cease|no more)\b[^.!?]{0,30}\b(text|texting|messag|contact|calling|call|sms|spam)/i,
  /\b(don'?t|do not|never)\b[^.!?]{0,20}\b(text|message|contact|call)\b[^.!?]{0,20}\b(me|us|this number|again)\b/i,
  /\b(remove|take)\b[^.!?]{0,20}\b(me|my number)\b[^.!?]{0,30}\b(list|contacts?|database|texts?|messages?)\b/i,
  /\b(unsubscribe|opt[ -]?out|leave me alone|lose my number|wrong number)\b/i,
];

/** Letters and spaces only, trimmed, upper case: how a keyword is matched. */
function asKeyword(body: string): string {
  return body.normalize('NFKC').replace(/[\s.!]+/g, ' ').trim().toUpperCase();
}

export function consentIntent(body: string): ConsentIntent | null {
  if (body.length > 2_000) return null;
  const word = asKeyword(body);
  if (REVOKE.has(word)) return 'revoke';
  if (GRANT.has(word)) return 'grant';
  if (CONFIRM.has(word)) return 'confirm';
  if (HELP.has(word)) return 'help';
  return REVOCATION_PHRASES.some((phrase) => phrase.test(body)) ? 'maybe_revoke' : null;
}
