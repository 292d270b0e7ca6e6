import { html, nothing, type TemplateResult } from 'lit';
import type { MessageStatus, MessageView } from '@convkit/sdk';
import { CHANNEL_LABELS, channelIcon, glyphFor } from '../../internal/channels.js';
import { clockTime, duration, longDateTime } from '../../internal/format.js';

export interface MessageActions {
  retry(message: MessageView): void;
}

const STATUS_TEXT: Partial<Record<MessageStatus, string>> = {
  pending: 'Sending…',
  scheduled: 'Scheduled',
  queued: 'Sending…',
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  undelivered: 'Not delivered',
  canceled: 'Canceled',
};

/** A call's body that only restates its title ("Incoming call, 4 min 12 s"): not shown twice. */
const CALL_SUMMARY = /^(incoming|outgoing|inbound|outbound|missed) call\b[^\n]*$/i;

function isFailure(status: MessageStatus): boolean {
  return status === 'failed' || status === 'undelivered';
}

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

function time(message: MessageView): TemplateResult {
  return html`<time datetime=${message.createdAt} title=${longDateTime(message.createdAt)}>${clockTime(message.createdAt)}</time>`;
}

function status(message: MessageView, actions: MessageActions): TemplateResult | typeof nothing {
  if (message.direction !== 'outbound') return nothing;
  if (message.status === 'failed') {
    return html`
      <span class="status status--failed" role="alert">Failed${message.error?.message ? `: ${message.error.message}` : ''}</span>
      ${message.clientId
        ? html`<button class="button retry" part="retry-button" type="button" @click=${() => actions.retry(message)}>Retry</button>`
        : nothing}
    `;
  }
  const text = STATUS_TEXT[message.status] ?? message.status;
  return html`<span class=${isFailure(message.status) ? 'status status--failed' : 'status'}>${text}</span>`;
}

function chatMessage(message: MessageView, actions: MessageActions): TemplateResult {
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
        <span class="channel">${channelIcon(glyph, CHANNEL_LABELS[glyph])}</span>
        ${time(message)} ${status(message, actions)}
      </div>
    </div>
  `;
}

function note(message: MessageView, actions: MessageActions): TemplateResult {
  return html`
    <div class=${`message note-row${message.pending ? ' pending' : ''}`} part="message" data-seq=${message.seq} data-kind="note">
      <div class="note" part="note">
        <div class="note-label">${channelIcon('note')} Internal note</div>
        <div class="body">${message.body}</div>
      </div>
      <div class="meta" part="meta">
        <span class="author">${message.author.name}</span> ${time(message)}
        ${message.status === 'failed' || message.pending ? status({ ...message, direction: 'outbound' }, actions) : nothing}
      </div>
    </div>
  `;
}

function activity(message: MessageView): TemplateResult {
  const link = safeLink(message.meta['link']);
  const linkLabel = typeof message.meta['linkLabel'] === 'string' ? message.meta['linkLabel'] : 'Open';
  return html`
    <div class="message activity-row" part="message" data-seq=${message.seq} data-kind="activity">
      <div class="activity" part="activity">
        ${channelIcon('activity')}
        <span class="body">${message.body}</span>
        ${link ? html`<a href=${link} target="_blank" rel="noopener noreferrer">${linkLabel}</a>` : nothing}
        <span class="meta" part="meta">${time(message)}</span>
      </div>
    </div>
  `;
}

function call(message: MessageView): TemplateResult {
  const raw = message.meta['durationSeconds'];
  const seconds = typeof raw === 'number' ? raw : Number.NaN;
  const direction = message.direction === 'outbound' ? 'Outgoing call' : 'Incoming call';
  return html`
    <div class=${`message call-row ${message.direction === 'outbound' ? 'outbound' : 'inbound'}`} part="message" data-seq=${message.seq} data-kind="call">
      <div class="call" part="call">
        ${channelIcon('call')}
        <span class="call-title">${direction}</span>
        ${Number.isFinite(seconds) && seconds > 0
          ? html`<span class="duration">${duration(seconds)}</span>`
          : message.meta['missed'] === true || seconds === 0
            ? html`<span class="duration">Missed</span>`
            : nothing}
        ${message.body && !CALL_SUMMARY.test(message.body) ? html`<div class="body">${message.body}</div>` : nothing}
      </div>
      <div class="meta" part="meta">${message.direction === 'outbound' ? html`<span class="author">${message.author.name}</span>` : nothing} ${time(message)}</div>
    </div>
  `;
}

/** One thread item, by kind. Every text is bound as text: message content is untrusted. */
export function renderMessage(message: MessageView, actions: MessageActions): TemplateResult {
  switch (message.kind) {
    case 'note':
      return note(message, actions);
    case 'activity':
      return activity(message);
    case 'call':
      return call(message);
    default:
      return chatMessage(message, actions);
  }
}
