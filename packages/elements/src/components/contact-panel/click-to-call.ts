// The contact panel's Call button (seed 003's "EZ Call"): the server rings the agent's phone,
// then the contact's, and logs the call in the thread. An agent who never gave a phone to be
// rung on is asked for one first (the server keeps it for their next calls); a refusal says why.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ConvClient } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

type CallState =
  | { step: 'idle' }
  | { step: 'asking'; error: string | null }
  | { step: 'calling' }
  | { step: 'placed' }
  | { step: 'refused'; error: string };

export class ClickToCall implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #state: CallState = { step: 'idle' };

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Back to the button (another contact is shown). */
  reset(): void {
    this.#set({ step: 'idle' });
  }

  /** Asks for the phone to ring, then focuses its field. */
  #ask(error: string | null = null): void {
    this.#set({ step: 'asking', error });
    void (this.#host as unknown as { updateComplete: Promise<unknown>; renderRoot: ParentNode }).updateComplete.then(() =>
      (this.#host as unknown as { renderRoot: ParentNode }).renderRoot.querySelector<HTMLInputElement>('#agent-phone')?.focus(),
    );
  }

  #set(state: CallState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }

  async #call(client: ConvClient | undefined, conversationId: string, agentPhone?: string): Promise<void> {
    if (!client) return;
    this.#set({ step: 'calling' });
    try {
      const entry = await client.request('calls.start', { conversationId, ...(agentPhone ? { agentPhone } : {}) });
      // Twilio refused at once: the entry is failed, with why.
      this.#set(entry.status === 'failed' ? { step: 'refused', error: entry.error?.message ?? '' } : { step: 'placed' });
    } catch (error) {
      const { details, message } = error as { details?: { path?: string }; message?: string };
      if (details?.path === 'agentPhone') this.#ask(agentPhone ? (message ?? null) : null);
      else this.#set({ step: 'refused', error: message ?? '' });
    }
  }

  render(l: Localize, client: ConvClient | undefined, conversationId: string, hasPhone: boolean) {
    if (!conversationId) return nothing;
    const state = this.#state;
    if (state.step === 'asking') {
      const submit = (event: Event) => {
        event.preventDefault();
        const input = (event.currentTarget as HTMLFormElement).elements.namedItem('agent-phone') as HTMLInputElement;
        void this.#call(client, conversationId, input.value.trim());
      };
      return html`
        <form class="call-form" part="call-form" @submit=${submit}>
          <label for="agent-phone">${l.t('callYourPhone')}</label>
          <input id="agent-phone" name="agent-phone" part="agent-phone" type="tel" autocomplete="tel" required placeholder="+15551230000" aria-describedby="agent-phone-help" />
          <span id="agent-phone-help" class="muted">${l.t('callYourPhoneHelp')}</span>
          ${state.error ? html`<span class="call-error" role="alert">${state.error}</span>` : nothing}
          <div class="call-form-actions">
            <button class="button" part="call-button" type="submit">${l.t('callStart')}</button>
            <button class="button" type="button" @click=${() => this.reset()}>${l.t('callCancel')}</button>
          </div>
        </form>
      `;
    }
    const calling = state.step === 'calling';
    return html`
      <div class="call-action">
        <button class="button" part="call-button" type="button" ?disabled=${!hasPhone || calling} aria-describedby=${hasPhone ? nothing : 'call-no-phone'} @click=${() => this.#call(client, conversationId)}>
          ${calling ? l.t('callCalling') : l.t('callStart')}
        </button>
        ${hasPhone
          ? html`<button class="link-button" part="change-phone" type="button" ?disabled=${calling} @click=${() => this.#ask()}>${l.t('callChangePhone')}</button>`
          : html`<span id="call-no-phone" class="muted">${l.t('callNoPhone')}</span>`}
        ${state.step === 'placed' ? html`<span class="muted" role="status">${l.t('callPlaced')}</span>` : nothing}
        ${state.step === 'refused' ? html`<span class="call-error" role="alert">${l.t('callRefused', state.error)}</span>` : nothing}
      </div>
    `;
  }
}
