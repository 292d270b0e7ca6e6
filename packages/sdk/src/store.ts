/** A read-only view of a piece of live state. Listeners run on change, not on subscribe. */
export interface Store<T> {
  get(): T;
  subscribe(listener: (state: T) => void): () => void;
}

/** A small immutable store: it notifies only when the state really changed. */
export class WritableStore<T> implements Store<T> {
  #state: T;
  readonly #listeners = new Set<(state: T) => void>();

  constructor(initial: T) {
    this.#state = initial;
  }

  get(): T {
    return this.#state;
  }

  subscribe(listener: (state: T) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  set(state: T): void {
    if (Object.is(state, this.#state)) return;
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }

  /** Shallow-merges `patch`; does nothing when every patched value is already equal. */
  next(patch: Partial<T>): void {
    const current = this.#state as Record<string, unknown>;
    if (Object.entries(patch).every(([key, value]) => Object.is(current[key], value))) return;
    this.set({ ...this.#state, ...patch });
  }
}

/** Tri-state loading, never loose booleans. `idle` means nothing was asked yet. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';
