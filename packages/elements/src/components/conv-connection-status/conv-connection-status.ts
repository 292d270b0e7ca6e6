import { html, nothing } from 'lit';
import type { ConnectionStatus } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { connectionStatusStyles } from './conv-connection-status.styles.js';

const MESSAGES: Partial<Record<ConnectionStatus, string>> = {
  reconnecting: 'Connection lost. Reconnecting…',
  disconnected: 'Offline. Messages will not update until the connection is back.',
};

/**
 * @summary A thin banner while the client is reconnecting or offline; nothing while connected.
 *
 * @csspart banner - The banner.
 *
 * @cssstate offline - Reconnecting or disconnected.
 *
 * @cssproperty --conv-color-warning-surface - The banner's background.
 */
export class ConvConnectionStatus extends ConvClientElement {
  static override styles = [ConvClientElement.styles, connectionStatusStyles];

  readonly #status = new StoreController<ConnectionStatus>(this, () => this.activeClient?.status);
  readonly #internals = this.attachInternals();

  /** The client's connection status, or undefined without a client. */
  get status(): ConnectionStatus | undefined {
    return this.#status.value;
  }

  protected override render() {
    const message = this.status ? MESSAGES[this.status] : undefined;
    try {
      if (message) this.#internals.states.add('offline');
      else this.#internals.states.delete('offline');
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
