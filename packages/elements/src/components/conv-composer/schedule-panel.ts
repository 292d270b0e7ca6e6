// The composer's Schedule: when to send the reply, read in the agent's time and, when it is
// known and another, the contact's, then "Schedule send". The server holds it until then (and
// through the contact's quiet hours); the thread lists it until it goes, to edit or cancel.
import { html, nothing } from 'lit';
import type { Localize } from '../../i18n/localize.js';
import { sendTime, sendTimeZones } from '../../internal/send-time.js';

export interface SchedulePanel {
  value: string;
  error: string;
  contactZone: string | null | undefined;
  onInput(value: string): void;
  onConfirm(): void;
  onClose(): void;
}

export function renderSchedulePanel(l: Localize, panel: SchedulePanel) {
  const picked = sendTime(l, panel.value);
  const zones = 'at' in picked ? sendTimeZones(l, picked.at, panel.contactZone) : null;
  return html`<div class="schedule" part="schedule" role="group" aria-label=${l.t('composerScheduleSend')}>
    <label>
      ${l.t('sendAt')}
      <input
        type="datetime-local"
        part="schedule-input"
        .value=${panel.value}
        @input=${(event: Event) => panel.onInput((event.target as HTMLInputElement).value)}
        @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && panel.onClose()}
      />
    </label>
    ${zones
      ? html`<span class="hint" part="schedule-zones">${l.t('sendTimeYours', zones.yours)}${zones.theirs ? html`<br />${l.t('sendTimeTheirs', zones.theirs)}` : nothing}</span>`
      : nothing}
    <span class="spacer"></span>
    <button class="button" type="button" part="schedule-close" @click=${panel.onClose}>${l.t('composerScheduleClose')}</button>
    <button class="button send" type="button" part="schedule-confirm" @click=${panel.onConfirm}>${l.t('composerScheduleSend')}</button>
    ${panel.error ? html`<div class="error" role="alert">${panel.error}</div>` : nothing}
  </div>`;
}
