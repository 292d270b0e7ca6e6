import type { Store } from '@convkit/sdk';

/** Resolves with the store's state once `predicate` holds; fails after `timeoutMs`. */
export function waitFor<T>(store: Store<T>, predicate: (state: T) => boolean, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  return new Promise((resolve, reject) => {
    if (predicate(store.get())) return resolve(store.get());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last state: ${JSON.stringify(store.get()).slice(0, 500)}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}

/** Records every state a store goes through. */
export function record<T>(store: Store<T>): { states: T[]; stop(): void } {
  const states: T[] = [store.get()];
  const stop = store.subscribe((state) => states.push(state));
  return { states, stop };
}

/** Resolves once `predicate()` holds, checking every 20 ms; fails after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
