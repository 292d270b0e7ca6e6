import { html, nothing } from 'lit';
import type { ConnectionStatus, ConvError, RateLimitState } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { connectionStatusStyles } from './conv-connection-status.styles.js';

const MESSAGES: Partial<Record<ConnectionStatus, string>> = {
  reconnecting: 'Connection lost. Reconnecting…',
  disconnected: 'Offline. Messages will not update until the connection is back.',
};

const PAUSED = 'Paused: this page sent too many actions too fast. Reconnecting in a moment…';
const THROTTLED = 'Slowing down: too many actions at once. They will go through in a moment.';

/**
 * @summary A thin banner while the client is reconnecting, offline, or held back by the server's
 * rate limits; nothing while all is well.
 *
 * @csspart banner - The banner.
 *
 * @cssstate offline - Reconnecting or disconnected.
 * @cssstate throttled - Connected, but the server asked the client to slow down.
 *
 * @cssproperty --conv-color-warning-surface - The banner's background.
 */
export class ConvConnectionStatus extends ConvClientElement {
  static override styles = [ConvClientElement.styles, connectionStatusStyles];

  readonly #status = new StoreController<ConnectionStatus>(this, () => this.activeClient?.status);
  readonly #rateLimit = new StoreController<RateLimitState | null>(this, () => this.activeClient?.rateLimit);
  readonly #closedReason = new StoreController<ConvError | null>(this, () => this.activeClient?.closedReason);
  readonly #internals = this.attachInternals();

  /** The client's connection status, or undefined without a client. */
  get status(): ConnectionStatus | undefined {
    return this.#status.value;
  }

  /** What the banner says, and the state it sets; nothing while all is well. */
  #message(): { text: string; state: 'offline' | 'throttled' } | null {
    const status = this.status;
    if (status === 'reconnecting' && this.#closedReason.value?.code === 'rate_limited') return { text: PAUSED, state: 'offline' };
    const offline = status ? MESSAGES[status] : undefined;
    if (offline) return { text: offline, state: 'offline' };
    if (this.#rateLimit.value) return { text: THROTTLED, state: 'throttled' };
    return null;
  }

  protected override render() {
    const shown = this.#message();
    const message = shown?.text;
    try {
      for (const state of ['offline', 'throttled'] as const) {
        if (shown?.state === state) this.#internals.states.add(state);
        else this.#internals.states.delete(state);
      }
    } catch {
      // No CustomStateSet: the state is a styling hook only.
    }
    // The live region stays in the DOM so that the change of text is announced.
    return html`<div role="status">
      ${message ? html`<div class="banner" part="banner"><span class="dot" aria-hidden="true"></span>${message}</div>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-connection-status': ConvConnectionStatus;
  }
}
