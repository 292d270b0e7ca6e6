import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store } from '@convkit/sdk';

/**
 * Keeps a host in step with a slice of an SDK store: subscribes while the host is connected,
 * re-renders it when the selected slice changes (by identity: the SDK's stores are immutable),
 * and follows the store when it changes (another client, another conversation id).
 *
 * The host keeps no copy of server data: `value` always reads the store's current state.
 */
export class StoreController<T, S = T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #getStore: () => Store<T> | undefined;
  readonly #select: (state: T) => S;
  #store: Store<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #selected: S | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, getStore: () => Store<T> | undefined, select: (state: T) => S = (state) => state as unknown as S) {
    this.#host = host;
    this.#getStore = getStore;
    this.#select = select;
    host.addController(this);
  }

  /** The selected slice, or undefined while there is no store (no client or no id yet). */
  get value(): S | undefined {
    return this.#store ? this.#selected : undefined;
  }

  /** The store followed now. */
  get store(): Store<T> | undefined {
    return this.#store;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#follow();
  }

  // Before every render: the store may change with the host's properties (client, ids).
  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = undefined;
  }

  #follow(): void {
    if (!this.#connected) return;
    const store = this.#getStore();
    if (store === this.#store) {
      // Same store, but the selector may read host properties that just changed (an id).
      if (store) this.#selected = this.#select(store.get());
      return;
    }
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    if (!store) return;
    this.#selected = this.#select(store.get());
    this.#unsubscribe = store.subscribe((state) => {
      const next = this.#select(state);
      if (Object.is(next, this.#selected)) return;
      this.#selected = next;
      this.#host.requestUpdate();
    });
    this.#host.requestUpdate();
  }
}
