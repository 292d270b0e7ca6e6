import { html, nothing, type PropertyValues } from 'lit';
import type { ConnectionStatus, ConvError, RateLimitState } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import '../../i18n/terms/panels.js';
import { connectionStatusStyles } from './conv-connection-status.styles.js';

/** A drop shorter than this never shows: a blip on the wifi is not news. */
export const BANNER_DELAY_MS = 3_000;


/**
 * @summary A thin banner while the client is reconnecting, offline, or held back by the server's
 * rate limits; nothing while all is well. A lost connection shows only once it has been gone for
 * three seconds, and then stays until the client has caught up on what it missed.
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
  readonly #caughtUp = new StoreController<boolean>(this, () => this.activeClient?.caughtUp);
  readonly #internals = this.attachInternals();
  /** Set once the connection has been lost for BANNER_DELAY_MS; cleared once caught up. */
  #lost = false;
  #lostTimer: ReturnType<typeof setTimeout> | undefined;

  /** The client's connection status, or undefined without a client. */
  get status(): ConnectionStatus | undefined {
    return this.#status.value;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#lostTimer);
    this.#lostTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.status === 'reconnecting') {
      this.#lostTimer ??= setTimeout(() => {
        this.#lost = true;
        this.requestUpdate();
      }, BANNER_DELAY_MS);
      return;
    }
    // Back (or never lost): a short drop is forgotten; a long one is over once caught up.
    clearTimeout(this.#lostTimer);
    this.#lostTimer = undefined;
    if (this.status !== 'connected' || this.#caughtUp.value) this.#lost = false;
  }

  /** What the banner says, and the state it sets; nothing while all is well. */
  #message(): { text: string; state: 'offline' | 'throttled' } | null {
    const status = this.status;
    const t = this.localize.t.bind(this.localize);
    if (status === 'reconnecting' && this.#closedReason.value?.code === 'rate_limited') return { text: t('statusPaused'), state: 'offline' };
    if (status === 'failed') return { text: t('statusSignedOut'), state: 'offline' };
    if (status === 'disconnected') return { text: t('statusOffline'), state: 'offline' };
    if (this.#lost) return { text: t(status === 'connected' ? 'statusCatchingUp' : 'statusReconnecting'), state: 'offline' };
    if (this.#rateLimit.value) return { text: t('statusThrottled'), state: 'throttled' };
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
