// Web and email addresses in a message's text become links that open in a new tab without
// handing the page they open a hold on this one (rel="noopener noreferrer"). Only http(s) links
// and mailto: are made (a "javascript:" or "data:" text never is); everything else stays text,
// which Lit renders as text, never as markup.
import { html, type TemplateResult } from 'lit';

const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/gi;
/** Punctuation that ends a sentence, not an address ("see example.com."). */
const TRAILING = /[.,;:!?'’”)\]}]/;

const count = (text: string, char: string) => text.split(char).length - 1;

/** The address without the sentence's punctuation after it; a ")" it opened stays ("…/Mercury_(planet)"). */
function trimmed(address: string): string {
  let end = address.length;
  while (end > 0 && TRAILING.test(address[end - 1]!)) {
    const kept = address.slice(0, end);
    if (address[end - 1] === ')' && count(kept, '(') >= count(kept, ')')) break;
    end--;
  }
  return address.slice(0, end);
}

/** `text` as text and links, in order. */
export function linkified(text: string): (string | TemplateResult)[] {
  // Most messages hold no address: no parts to build.
  if (!/[/@.]/.test(text)) return [text];
  const parts: (string | TemplateResult)[] = [];
  let from = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimmed(match[0]);
    const href = hrefOf(address);
    if (!href) continue;
    parts.push(text.slice(from, match.index), html`<a href=${href} target="_blank" rel="noopener noreferrer">${address}</a>`);
    from = match.index + address.length;
  }
  parts.push(text.slice(from));
  return parts;
}

function hrefOf(address: string): string | null {
  const candidate = address.includes('@') && !/^(?:https?:\/\/|www\.)/i.test(address) ? `mailto:${address}` : /^www\./i.test(address) ? `https://${address}` : address;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:' ? url.href : null;
  } catch {
    return null;
  }
}
