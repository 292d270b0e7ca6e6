import { html, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConvClient } from '@convkit/sdk';
import { ConvElement } from '../../base/conv-element.js';
import { ClientProviderController } from '../../controllers/client-provider-controller.js';

/**
 * @summary Gives the Convkit elements inside it a client: one set by the host (`client`), or one
 * it creates and connects from `url` and `token`.
 *
 * @slot - Convkit elements (and anything else): every descendant reaches the client by context.
 */
export class ConvProvider extends ConvElement {
  static override styles = [
    ConvElement.styles,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /** The client to provide. When set, `url` and `token` are ignored and the host owns its lifecycle. */
  @property({ attribute: false }) accessor client: ConvClient | undefined = undefined;

  /** The Convkit server's URL, used to create (and connect) a client when `client` is not set. */
  @property() accessor url = '';

  /** The user token for the created client, minted by the host's backend. */
  @property() accessor token = '';

  /** Asks the host's backend for a fresh token; preferred over `token` for long sessions. */
  @property({ attribute: false }) accessor tokenProvider: (() => Promise<string>) | undefined = undefined;

  readonly #provider = new ClientProviderController(this);

  /** The client the descendants use now. */
  get activeClient(): ConvClient | undefined {
    return this.#provider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('url') || changed.has('token') || changed.has('tokenProvider')) this.#provider.sync(this);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-provider': ConvProvider;
  }
}
