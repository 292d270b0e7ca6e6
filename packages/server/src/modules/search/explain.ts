// Why a conversation matched, told from the row the database found: which field, an excerpt,
// and where the query's terms are in it. Matching here folds case and accents at least as
// loosely as the indexes do, so a row the database matched is not missed for want of an é.
import type { SearchMatch } from '@convkit/sdk/protocol';
import { findOccurrences, fold, mergeRanges, type Range } from './fold.js';
import type { SearchTerms } from './query-terms.js';
import { cutSnippet, oneLine } from './snippet.js';

export interface ContactFields {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
}

export interface MessageFields {
  id: string;
  seq: number;
  body: string;
  subject: string | null;
}

/** Name first, then phone, then email: the order an agent recognises a contact by. */
export function explainContact(contact: ContactFields, terms: SearchTerms): SearchMatch | null {
  const name = oneLine(`${contact.firstName} ${contact.lastName}`);
  const email = contact.email ?? '';
  const inName = contactHits(name, terms);
  const inEmail = contactHits(email, terms);
  const hasTerms = inName.length > 0;
  const found = (hits: Range[][]) => hits.filter((h) => h.length > 0).length;
  if (hasTerms && found(inName) === inName.length) return excerpt('name', name, inName);
  const phone = terms.phoneDigits && contact.phone ? phoneHit(contact.phone, terms.phoneDigits) : null;
  if (phone) return { field: 'phone', snippet: contact.phone!, highlights: [phone] };
  if (hasTerms && found(inEmail) === inEmail.length) return excerpt('email', email, inEmail);
  // The terms were split between the two ("maria example.com"): show the side with more of them.
  if (hasTerms && inName.every((hits, i) => hits.length > 0 || inEmail[i]!.length > 0)) {
    return found(inName) >= found(inEmail) ? excerpt('name', name, inName) : excerpt('email', email, inEmail);
  }
  return null;
}

/** The body unless only the subject holds the words. */
export function explainMessage(message: MessageFields, terms: SearchTerms): SearchMatch {
  const body = oneLine(message.body);
  const subject = oneLine(message.subject ?? '');
  const inBody = termHits(body, terms.words, true);
  const inSubject = termHits(subject, terms.words, true);
  const useSubject = !inBody.some((hits) => hits.length > 0) && inSubject.some((hits) => hits.length > 0);
  const match = useSubject ? excerpt('message', subject, inSubject) : excerpt('message', body, inBody);
  return { ...match, messageId: message.id, seq: message.seq };
}

function termHits(text: string, terms: string[], wordStart: boolean): Range[][] {
  if (!text) return terms.map(() => []);
  const folded = fold(text);
  return terms.map((term) => findOccurrences(folded, term, wordStart));
}

/** Per contact term, where it is: substrings, and word starts for the short ones. */
function contactHits(text: string, terms: SearchTerms): Range[][] {
  return [...termHits(text, terms.contactTerms, false), ...termHits(text, terms.contactPrefixes, true)];
}

function excerpt(field: SearchMatch['field'], text: string, hits: Range[][]): SearchMatch {
  const { snippet, highlights } = cutSnippet(text, mergeRanges(hits.flat()));
  return { field, snippet, highlights };
}

/** The digits of the number as typed, highlighted from the first to the last of them. */
function phoneHit(phone: string, digits: string): Range | null {
  const positions: number[] = [];
  for (let i = 0; i < phone.length; i++) if (phone[i]! >= '0' && phone[i]! <= '9') positions.push(i);
  const at = positions.map((i) => phone[i]).join('').indexOf(digits);
  if (at === -1) return null;
  return [positions[at]!, positions[at + digits.length - 1]! + 1];
}
