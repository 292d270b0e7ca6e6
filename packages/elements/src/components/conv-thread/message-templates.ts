import { html, nothing, type TemplateResult } from 'lit';
import type { Attachment, MessageStatus, MessageView } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import type { threadTerms } from '../../i18n/terms/thread.js';
import { channelIcon, channelLabel, glyphFor } from '../../internal/channels.js';
import { longDateTime } from '../../internal/format.js';
import { clockTime, duration } from './thread-format.js';
import { linkified } from '../../internal/linkify.js';
import { scheduledEditor, scheduledStatus, type ScheduledActions } from './scheduled-editor.js';
import type { EmailBodies } from './email-bodies.js';

export interface MessageActions {
  retry(message: MessageView): void;
  /** Where a recording's player stands: asked for (loading), its link, or why it cannot play. */
  recording(attachmentId: string): RecordingState | undefined;
  /** Asks for a link to play the recording with (attachments.link). */
  playRecording(attachmentId: string): void;
  /** The player could not load its link (expired, gone): back to the play button. */
  recordingFailed(attachmentId: string): void;
  /** A picture's or document's link: asked for the first time the file shows. */
  fileLink(attachmentId: string): RecordingState | undefined;
  /** A picture could not load from its link (expired while away): asked for again, once. */
  fileFailed(attachmentId: string): void;
  /** Scheduled messages: the one being edited, and Edit, Save, Discard and Cancel sending. */
  scheduled: ScheduledActions;
  /** Emails with an HTML body: shown sanitized in a sandboxed frame (email-bodies.ts). */
  emails: EmailBodies;
}

export type RecordingState = { loading: true } | { url: string } | { error: string };

/** What a call came to, by its `meta.outcome`: the term for it (answered shows its length instead). */
const OUTCOME_TERMS: Record<string, keyof typeof threadTerms> = {
  ringing: 'callRinging',
  'in-progress': 'callInProgress',
  missed: 'callMissed',
  voicemail: 'callVoicemail',
  failed: 'callFailed',
};

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

/** The WhatsApp template a message went as, by name. */
function templateName(message: MessageView): string | null {
  const name = (message.meta['template'] as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : null;
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
  if (message.status === 'scheduled' || (message.pending && message.meta['scheduledFor'])) return scheduledStatus(l, message, actions.scheduled);
  const term = STATUS_TERMS[message.status];
  const text = term ? l.t(term as 'statusSent') : message.status;
  return html`<span class="status">${text}</span>`;
}

/**
 * A message's pictures, inline, and its other files as links (a call's recordings have their
 * player instead). Names are text; a picture opens full size in a new tab.
 */
function files(l: Localize, message: MessageView, actions: MessageActions): TemplateResult | typeof nothing {
  const shown = message.attachments.filter((file) => !(message.kind === 'call' && file.contentType.startsWith('audio/')));
  if (shown.length === 0) return nothing;
  return html`<div class="files">
    ${shown.map((file) => {
      if (file.state === 'pending') return html`<span class="file muted" role="status">${l.t('filePending', file.name)}</span>`;
      if (file.state === 'failed') return html`<span class="file muted">${l.t('fileFailed', file.name, file.error ?? '')}</span>`;
      const link = actions.fileLink(file.id);
      if (link && 'error' in link) return html`<span class="file muted">${file.name}: ${link.error}</span>`;
      const url = link && 'url' in link ? link.url : undefined;
      if (file.contentType.startsWith('image/')) {
        return url
          ? html`<a class="picture" href=${url} target="_blank" rel="noopener noreferrer"><img part="image" src=${url} alt=${file.name} loading="lazy" @error=${() => actions.fileFailed(file.id)} /></a>`
          : html`<span class="picture skeleton" part="image" role="img" aria-label=${file.name}></span>`;
      }
      return html`<a class="file" part="file" href=${url ?? nothing} target="_blank" rel="noopener noreferrer" download=${file.name} aria-disabled=${url ? 'false' : 'true'}>${channelIcon('note')} ${file.name}</a>`;
    })}
  </div>`;
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
        ${actions.scheduled.editing === message.id && message.status === 'scheduled'
          ? scheduledEditor(l, message, actions.scheduled)
          : message.html
            ? actions.emails.render(l, message)
            : message.body
              ? html`<div class="body">${linkified(message.body)}</div>`
              : nothing}
        ${files(l, message, actions)}
      </div>
      <div class="meta" part="meta">
        ${outbound ? html`<span class="author">${message.author.name}</span>` : nothing}${outbound ? recordLink(l, message) : nothing}
        <span class="channel">${channelIcon(glyph, channelLabel(l, glyph))}</span>
        ${message.meta['via'] === 'rcs' ? html`<span class="via" part="via">${l.t('viaRcs')}</span>` : nothing}
        ${templateName(message) ? html`<span class="via" part="via template">${l.t('viaTemplate', templateName(message)!)}</span>` : nothing} ${viaApi(l, message)}
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
        ${message.body ? html`<div class="body">${linkified(message.body)}</div>` : nothing} ${files(l, message, actions)}
      </div>
      <div class="meta" part="meta">
        <span class="author">${message.author.name}</span> ${viaApi(l, message)} ${time(l, message)}
        ${message.status === 'failed' || message.pending ? status(l, { ...message, direction: 'outbound' }, actions) : nothing}
      </div>
    </div>
  `;
}

/** An automated message's link back to the host's record it was sent for (seed 004: an inspection, a showing). */
function recordLink(l: Localize, message: MessageView): TemplateResult | typeof nothing {
  const link = message.author.type === 'automation' ? safeLink(message.meta['link']) : undefined;
  if (!link) return nothing;
  const label = typeof message.meta['linkLabel'] === 'string' ? message.meta['linkLabel'] : l.t('activityOpen');
  return html`<a class="record-link" part="record-link" href=${link} target="_blank" rel="noopener noreferrer">${label}</a>`;
}

/** What the host's backend wrote with an API key says so, beside its author. */
function viaApi(l: Localize, message: MessageView): TemplateResult | typeof nothing {
  return message.meta['source'] === 'api' ? html`<span class="via" part="via api">${l.t('viaApi')}</span>` : nothing;
}

function activity(l: Localize, message: MessageView): TemplateResult {
  const link = safeLink(message.meta['link']);
  const linkLabel = typeof message.meta['linkLabel'] === 'string' ? message.meta['linkLabel'] : l.t('activityOpen');
  // A card the host posted (activities.post) has its parts; an older one is its text alone.
  const card = (message.meta['activity'] ?? {}) as { details?: unknown; status?: unknown; actor?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const details = text(card.details);
  const status = text(card.status);
  const actor = text(card.actor);
  return html`
    <div class="message activity-row" part="message" data-seq=${message.seq} data-kind="activity">
      <div class="activity" part="activity">
        ${channelIcon('activity')}
        <span class="body">${message.body}</span>
        ${status ? html`<span class="activity-status" part="activity-status">${status}</span>` : nothing}
        ${link ? html`<a href=${link} target="_blank" rel="noopener noreferrer">${linkLabel}</a>` : nothing}
        <span class="meta" part="meta">${actor ? html`<span class="activity-actor">${actor}</span> ` : nothing}${viaApi(l, message)} ${time(l, message)}</span>
        ${details ? html`<div class="activity-details" part="activity-details">${details}</div>` : nothing}
      </div>
    </div>
  `;
}

/** What a call came to: its length when answered, else its outcome (a voicemail with its length too). */
function callOutcome(l: Localize, message: MessageView): string | null {
  const raw = message.meta['durationSeconds'];
  const seconds = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  const outcome = typeof message.meta['outcome'] === 'string' ? message.meta['outcome'] : null;
  if (outcome === 'answered') return seconds ? duration(l, seconds) : l.t('callAnswered');
  const term = outcome ? OUTCOME_TERMS[outcome] : undefined;
  if (term) return outcome === 'voicemail' && seconds ? `${l.t(term as 'callVoicemail')} · ${duration(l, seconds)}` : l.t(term as 'callVoicemail');
  // Answered, or an entry written before outcomes were kept: its length, or missed.
  if (seconds !== null && seconds > 0) return duration(l, seconds);
  return message.meta['missed'] === true || seconds === 0 ? l.t('callMissed') : null;
}

/** A recording of the call: a button that asks for its link, then the player. */
function recording(l: Localize, file: Attachment, actions: MessageActions): TemplateResult {
  if (file.state === 'pending') return html`<div class="recording muted" role="status">${l.t('callRecordingPending')}</div>`;
  if (file.state === 'failed') return html`<div class="recording muted">${l.t('callRecordingFailed', file.error ?? '')}</div>`;
  const state = actions.recording(file.id);
  if (state && 'url' in state) {
    return html`<audio class="recording" part="recording" controls autoplay src=${state.url} data-file=${file.id} aria-label=${l.t('callRecording')} @error=${() => actions.recordingFailed(file.id)}></audio>`;
  }
  return html`
    <div class="recording">
      <button class="button" part="recording-button" type="button" ?disabled=${!!state && 'loading' in state} @click=${() => actions.playRecording(file.id)}>
        ${state && 'loading' in state ? l.t('callRecordingLoading') : l.t(file.name.startsWith('voicemail') ? 'callPlayVoicemail' : 'callPlayRecording')}
      </button>
      ${state && 'error' in state ? html`<span class="status status--failed" role="alert">${state.error}</span>` : nothing}
    </div>
  `;
}

function call(l: Localize, message: MessageView, actions: MessageActions): TemplateResult {
  const direction = l.t(message.direction === 'outbound' ? 'callOutgoing' : 'callIncoming');
  const outcome = callOutcome(l, message);
  const recordings = message.attachments.filter((file) => file.contentType.startsWith('audio/'));
  return html`
    <div class=${`message call-row ${message.direction === 'outbound' ? 'outbound' : 'inbound'}`} part="message" data-seq=${message.seq} data-kind="call" data-outcome=${String(message.meta['outcome'] ?? '')}>
      <div class="call" part="call">
        ${channelIcon('call')}
        <span class="call-title">${direction}</span>
        ${outcome ? html`<span class="duration">${outcome}</span>` : nothing}
        ${message.body && !CALL_SUMMARY.test(message.body) ? html`<div class="body">${message.body}</div>` : nothing}
        ${message.error ? html`<div class="body call-reason">${message.error.message}</div>` : nothing}
        ${recordings.map((file) => recording(l, file, actions))}
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
      return call(l, message, actions);
    default:
      return chatMessage(l, message, actions);
  }
}
