import { ContextConsumer } from '@lit/context';
import { property } from 'lit/decorators.js';
import type { ConvClient } from '@convkit/sdk';
import { clientContext } from '../context/client-context.js';
import { ConvElement } from './conv-element.js';

/**
 * An element that talks to the server: it uses the `client` property when the host sets one,
 * otherwise the client provided by the nearest `<conv-provider>` or `<conv-inbox>`.
 */
export class ConvClientElement extends ConvElement {
  /** The SDK client; when unset, the one provided by an enclosing `<conv-provider>` or `<conv-inbox>`. */
  @property({ attribute: false }) accessor client: ConvClient | undefined = undefined;

  // subscribe: a provider that swaps its client (new url or token) re-renders its consumers.
  readonly #provided = new ContextConsumer(this, { context: clientContext, subscribe: true });

  /** The client in use: the explicit one first, then the provided one. */
  protected get activeClient(): ConvClient | undefined {
    return this.client ?? this.#provided.value;
  }
}
