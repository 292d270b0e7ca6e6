// The composer's toolbar under the text: the channel picker (a channel that cannot be used now
// stays selectable and says so), Note, the paperclip, the emoji button, the { } picker, Template
// (WhatsApp replies), how many
// SMS the reply makes, the offline hint, then Schedule and Send kept together at the end.
import { html, nothing, type TemplateResult } from 'lit';
import type { Channel, SmsCount } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { channelLabel, REPLY_CHANNELS } from '../../internal/channels.js';
import type { EmojiPanel } from './emoji-panel.js';

/** A paperclip, 16x16 in currentColor (the outer <svg> in an html template, as channels.ts draws its icons). */
const PAPERCLIP = html`<svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" aria-hidden="true"><path d="M13.5 7.5l-5.6 5.6a3.3 3.3 0 01-4.7-4.7l6-6a2.2 2.2 0 013.1 3.1l-6 6a1.1 1.1 0 01-1.6-1.6l5.5-5.5"/></svg>`;

export interface ToolbarState {
  channel: Channel;
  note: boolean;
  /** Whether the send gate refuses this channel now. */
  blocked(channel: Channel): boolean;
  conversationId: string;
  canSend: boolean;
  sms: SmsCount | null;
  offline: boolean;
  scheduleOpen: boolean;
  emoji: EmojiPanel;
  /** The WhatsApp templates button, when the reply goes by WhatsApp. */
  templates: { open: boolean; toggle(): void } | null;
  mergePicker: TemplateResult | typeof nothing;
  onChannel(event: Event): void;
  toggleNote(): void;
  pickFiles(event: Event): void;
  toggleSchedule(): void;
}

export function renderToolbar(l: Localize, s: ToolbarState): TemplateResult {
  return html`<div class="toolbar">
    <select part="channel-picker" aria-label=${l.t('composerChannel')} ?disabled=${s.note} @change=${s.onChannel}>
      ${REPLY_CHANNELS.map(
        (c) => html`<option value=${c} ?selected=${c === s.channel}>${s.blocked(c) ? l.t('composerChannelUnavailable', channelLabel(l, c)) : channelLabel(l, c)}</option>`,
      )}
    </select>
    <button class="button note-toggle" part="note-toggle" type="button" aria-pressed=${s.note ? 'true' : 'false'} @click=${s.toggleNote}>${l.t('composerNote')}</button>
    <button
      class="button icon-only"
      part="attach-button"
      type="button"
      aria-label=${l.t('composerAttach')}
      title=${l.t('composerAttach')}
      ?disabled=${!s.conversationId}
      @click=${(event: Event) => (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('input[type="file"]')?.click()}
    >
      ${PAPERCLIP}
    </button>
    <input type="file" multiple hidden @change=${s.pickFiles} />
    ${s.emoji.button(l, !s.conversationId)} ${s.mergePicker}
    ${s.templates
      ? html`<button class="button" part="template-button" type="button" aria-expanded=${s.templates.open ? 'true' : 'false'} ?disabled=${!s.conversationId} @click=${s.templates.toggle}>
          ${l.t('templateButton')}
        </button>`
      : nothing}
    <span class="spacer"></span>
    ${s.sms ? html`<span class="hint" part="sms-count" id="sms-count">${l.t('composerSmsCount', s.sms.segments)} · ${l.t('composerSmsLeft', s.sms.remaining)}</span>` : nothing}
    ${s.offline ? html`<span class="hint" role="status">${l.t('composerOffline')}</span>` : nothing}
    <span class="send-group">
      ${s.note
        ? nothing
        : html`<button class="button" part="schedule-button" type="button" aria-expanded=${s.scheduleOpen ? 'true' : 'false'} ?disabled=${!s.canSend} @click=${s.toggleSchedule}>
            ${l.t('composerSchedule')}
          </button>`}
      <button class="button send" part="send-button" type="submit" ?disabled=${!s.canSend}>${l.t(s.note ? 'composerAddNote' : 'composerSend')}</button>
    </span>
  </div>`;
}
