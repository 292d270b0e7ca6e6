// The composer's Schedule: when to send the reply, read in the agent's time and, when it is
// known and another, the contact's, then "Schedule send". The server holds it until then (and
// through the contact's quiet hours); the thread lists it until it goes, to edit or cancel.
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Localize } from '../../i18n/localize.js';
import { localInputValue, sendTime, sendTimeZones, suggestedSendTime } from '../../internal/send-time.js';

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

/** The composer: where Schedule's controls are, and a redraw. */
interface ScheduleHost extends ReactiveControllerHost {
  renderRoot: ParentNode;
}

/** Schedule's state in the composer: open or not, the time picked, why it cannot be used. */
export class ScheduleFlow {
  readonly #host: ScheduleHost;
  readonly #l: Localize;
  readonly #send: (sendAt: string) => Promise<void>;
  #open = false;
  #value = '';
  #error = '';

  constructor(host: ScheduleHost, l: Localize, send: (sendAt: string) => Promise<void>) {
    this.#host = host;
    this.#l = l;
    this.#send = send;
  }

  get open(): boolean {
    return this.#open;
  }

  set open(open: boolean) {
    this.#open = open;
    this.#error = '';
    this.#host.requestUpdate();
  }

  toggle(): void {
    if (this.#open) return this.#close();
    this.open = true;
    this.#value ||= localInputValue(suggestedSendTime());
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLInputElement>('[part="schedule-input"]')?.focus());
  }

  #close(): void {
    this.open = false;
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>('[part="schedule-button"]')?.focus());
  }

  /** Sends the reply at the time picked, if it is one the server takes. */
  async #confirm(): Promise<void> {
    const picked = sendTime(this.#l, this.#value);
    if ('error' in picked) {
      this.#error = picked.error;
      this.#host.requestUpdate();
      return;
    }
    this.open = false;
    this.#value = '';
    await this.#send(picked.at.toISOString());
  }

  panel(contactZone: string | null | undefined): SchedulePanel {
    return {
      value: this.#value,
      error: this.#error,
      contactZone,
      onInput: (value) => {
        this.#value = value;
        this.#error = '';
        this.#host.requestUpdate();
      },
      onConfirm: () => void this.#confirm(),
      onClose: () => this.#close(),
    };
  }
}
