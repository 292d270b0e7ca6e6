// An email reply's parts, built as it goes: the agent's text, then the email it answers quoted
// below it, as mail clients quote. The quoted HTML came from outside, so it is sanitized again
// here (sanitize-html: no scripts, styles, event handlers, frames, forms or pictures, links of
// safe schemes only) before it goes back out in a message sent in the workspace's name.
import type { EntityManager } from '@mikro-orm/sql';
import sanitizeHtml from 'sanitize-html';
import { sqlAll } from '../../db/sql.js';
import type { Message } from '../../modules/messages/message.entity.js';
import type { EmailReplyMeta } from '../../modules/messages/email-reply.js';
import type { OutboundEmail } from '../channel.js';

/** A quoted email's HTML longer than this is quoted as its text. */
const QUOTE_HTML_MAX = 1024 * 1024;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraphs = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

/** Quoted HTML as it may go out again. */
export function sanitizeQuote(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'img'),
    allowedAttributes: { a: ['href', 'title', 'target', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
  });
}

interface QuotedRow {
  body: string;
  author_name: string;
  created_at: unknown;
  html: string | null;
}

export async function outboundEmail(em: EntityManager, message: Message, fromName: string, mediaLink: (attachmentId: string) => string): Promise<OutboundEmail> {
  const reply = (message.meta.email ?? {}) as Partial<EmailReplyMeta>;
  const files = (Array.isArray(message.meta.attachments) ? (message.meta.attachments as { id: string; name: string; contentType: string }[]) : []).map((file) => ({ name: file.name, contentType: file.contentType, url: mediaLink(file.id) }));
  const [quoted] = reply.quoteOf
    ? await sqlAll<QuotedRow>(em, 'select m.body, m.author_name, m.created_at, h.html from messages m left join message_html h on h.message_id = m.id where m.id = ? and m.workspace_id = ?', [reply.quoteOf, (message.workspace as unknown as { id: string }).id])
    : [];
  let html = `<div>${paragraphs(message.body)}</div>`;
  let text = message.body;
  if (quoted) {
    const intro = `On ${new Date(Number(quoted.created_at)).toUTCString()}, ${quoted.author_name} wrote:`;
    const body = quoted.html && quoted.html.length <= QUOTE_HTML_MAX ? sanitizeQuote(quoted.html) : paragraphs(quoted.body);
    html += `<br><div>${escapeHtml(intro)}</div><blockquote style="margin:0 0 0 0.8ex;border-left:1px solid #ccc;padding-left:1ex">${body}</blockquote>`;
    text += `\n\n${intro}\n${quoted.body.split(/\r?\n/).map((line) => `> ${line}`).join('\n')}`;
  }
  return { fromName, inReplyTo: reply.inReplyTo ?? null, references: reply.references ?? [], html, text, files };
}
