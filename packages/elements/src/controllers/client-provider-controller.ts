import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { ConvClient } from '@convkit/sdk';
import { clientContext } from '../context/client-context.js';

export interface ClientSource {
  /** A client the host made and owns. */
  client: ConvClient | undefined;
  /** Or the server's URL and a token, from which the controller makes and owns a client. */
  url: string;
  token: string;
  /** Or a function that asks the host's backend for a fresh token (preferred: sessions outlive a token). */
  tokenProvider?: (() => Promise<string>) | undefined;
}

/**
 * Provides a ConvClient to the host's descendants by context. The host either hands one in
 * (its lifecycle stays the host's) or gives url + token: then this controller creates the
 * client, connects it while the host is in the document and replaces it when url or token change.
 */
export class ClientProviderController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #provider: ContextProvider<typeof clientContext>;
  #owned: ConvClient | undefined;
  #ownedKey = '';
  #ownedProvider: (() => Promise<string>) | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
    this.#provider = new ContextProvider(host, { context: clientContext });
    host.addController(this);
  }

  /** The client provided now. */
  get value(): ConvClient | undefined {
    return this.#provider.value;
  }

  /**
   * Call from the host's willUpdate with its current source. `fallback` is provided when the
   * source gives no client (an inbox inside a `<conv-provider>` passes the outer client on).
   */
  sync(source: ClientSource, fallback?: ConvClient): void {
    const canCreate = !source.client && source.url !== '' && (source.token !== '' || !!source.tokenProvider);
    const key = canCreate ? source.url + '\n' + source.token : '';
    if (this.#owned && (key !== this.#ownedKey || this.#ownedProvider !== source.tokenProvider)) {
      this.#owned.disconnect();
      this.#owned = undefined;
    }
    if (canCreate && !this.#owned) {
      this.#owned = new ConvClient({
        url: source.url,
        autoConnect: false,
        ...(source.token ? { token: source.token } : {}),
        ...(source.tokenProvider ? { tokenProvider: source.tokenProvider } : {}),
      });
      // Connect before any descendant asks for data: the SDK buffers requests while connecting.
      if (this.#host.isConnected) this.#owned.connect();
    }
    this.#ownedKey = key;
    this.#ownedProvider = source.tokenProvider;
    const next = source.client ?? this.#owned ?? fallback;
    if (next !== this.#provider.value) this.#provider.setValue(next);
  }

  hostConnected(): void {
    this.#owned?.connect();
  }

  hostDisconnected(): void {
    // A host moved in the DOM reconnects right away (hostConnected); the SDK resyncs by events.
    this.#owned?.disconnect();
  }
}
