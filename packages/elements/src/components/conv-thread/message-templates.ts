import { html, nothing, type TemplateResult } from 'lit';
import type { MessageStatus, MessageView } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import type { threadTerms } from '../../i18n/terms/thread.js';
import { channelIcon, channelLabel, glyphFor } from '../../internal/channels.js';
import { longDateTime } from '../../internal/format.js';
import { clockTime, duration } from './thread-format.js';

export interface MessageActions {
  retry(message: MessageView): void;
}

const STATUS_TERMS: Partial<Record<MessageStatus, keyof typeof threadTerms>> = {
  pending: 'statusSending',
  scheduled: 'statusScheduled',
  queued: 'statusSending',
  sending: 'statusSending',
  sent: 'statusSent',
  delivered: 'statusDelivered',
  read: 'statusRead',
  canceled: 'statusCanceled',
};

/** A call's body that only restates its title ("Incoming call, 4 min 12 s"): not shown twice. */
const CALL_SUMMARY = /^(incoming|outgoing|inbound|outbound|missed) call\b[^\n]*$/i;

/** Only web links: a `javascript:` URL in a record's meta must never become a link. */
function safeLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function time(l: Localize, message: MessageView): TemplateResult {
  return html`<time datetime=${message.createdAt} title=${longDateTime(l, message.createdAt)}>${clockTime(l, message.createdAt)}</time>`;
}

function status(l: Localize, message: MessageView, actions: MessageActions): TemplateResult | typeof nothing {
  if (message.direction !== 'outbound') return nothing;
  if (message.status === 'failed' || message.status === 'undelivered') {
    // The provider's reason with it: what happened, and what the agent can do about it.
    return html`
      <span class="status status--failed" role="alert">${l.t(message.status === 'failed' ? 'statusFailed' : 'statusUndelivered', message.error?.message ?? '')}</span>
      ${message.clientId
        ? html`<button class="button retry" part="retry-button" type="button" @click=${() => actions.retry(message)}>${l.t('retry')}</button>`
        : nothing}
    `;
  }
  const term = STATUS_TERMS[message.status];
  const text = term ? l.t(term as 'statusSent') : message.status;
  return html`<span class="status">${text}</span>`;
}

function chatMessage(l: Localize, message: MessageView, actions: MessageActions): TemplateResult {
  const outbound = message.direction === 'outbound';
  const glyph = glyphFor(message.kind, message.channel);
  return html`
    <div
      class=${`message ${outbound ? 'outbound' : 'inbound'}${message.pending ? ' pending' : ''}`}
      part=${`message ${outbound ? 'outbound' : 'inbound'}`}
      data-seq=${message.seq}
      data-kind="message"
    >
      <div class="bubble" part="bubble">
        ${message.subject ? html`<div class="subject">${message.subject}</div>` : nothing}
        <div class="body">${message.body}</div>
      </div>
      <div class="meta" part="meta">
        ${outbound ? html`<span class="author">${message.author.name}</span>` : nothing}
        <span class="channel">${channelIcon(glyph, channelLabel(l, glyph))}</span>
        ${time(l, message)} ${status(l, message, actions)}
      </div>
    </div>
  `;
}

function note(l: Localize, message: MessageView, actions: MessageActions): TemplateResult {
  return html`
    <div class=${`message note-row${message.pending ? ' pending' : ''}`} part="message" data-seq=${message.seq} data-kind="note">
      <div class="note" part="note">
        <div class="note-label">${channelIcon('note')} ${l.t('kindNote')}</div>
        <div class="body">${message.body}</div>
      </div>
      <div class="meta" part="meta">
        <span class="author">${message.author.name}</span> ${time(l, message)}
        ${message.status === 'failed' || message.pending ? status(l, { ...message, direction: 'outbound' }, actions) : nothing}
      </div>
    </div>
  `;
}

function activity(l: Localize, message: MessageView): TemplateResult {
  const link = safeLink(message.meta['link']);
  const linkLabel = typeof message.meta['linkLabel'] === 'string' ? message.meta['linkLabel'] : l.t('activityOpen');
  return html`
    <div class="message activity-row" part="message" data-seq=${message.seq} data-kind="activity">
      <div class="activity" part="activity">
        ${channelIcon('activity')}
        <span class="body">${message.body}</span>
        ${link ? html`<a href=${link} target="_blank" rel="noopener noreferrer">${linkLabel}</a>` : nothing}
        <span class="meta" part="meta">${time(l, message)}</span>
      </div>
    </div>
  `;
}

function call(l: Localize, message: MessageView): TemplateResult {
  const raw = message.meta['durationSeconds'];
  const seconds = typeof raw === 'number' ? raw : Number.NaN;
  const direction = l.t(message.direction === 'outbound' ? 'callOutgoing' : 'callIncoming');
  return html`
    <div class=${`message call-row ${message.direction === 'outbound' ? 'outbound' : 'inbound'}`} part="message" data-seq=${message.seq} data-kind="call">
      <div class="call" part="call">
        ${channelIcon('call')}
        <span class="call-title">${direction}</span>
        ${Number.isFinite(seconds) && seconds > 0
          ? html`<span class="duration">${duration(l, seconds)}</span>`
          : message.meta['missed'] === true || seconds === 0
            ? html`<span class="duration">${l.t('callMissed')}</span>`
            : nothing}
        ${message.body && !CALL_SUMMARY.test(message.body) ? html`<div class="body">${message.body}</div>` : nothing}
      </div>
      <div class="meta" part="meta">${message.direction === 'outbound' ? html`<span class="author">${message.author.name}</span>` : nothing} ${time(l, message)}</div>
    </div>
  `;
}

/** One thread item, by kind. Every text is bound as text: message content is untrusted. */
export function renderMessage(l: Localize, message: MessageView, actions: MessageActions): TemplateResult {
  switch (message.kind) {
    case 'note':
      return note(l, message, actions);
    case 'activity':
      return activity(l, message);
    case 'call':
      return call(l, message);
    default:
      return chatMessage(l, message, actions);
  }
}
