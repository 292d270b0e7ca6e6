/** A module fetched on first use: `value` once it is here, `load()` to fetch it (once). */
export interface LazyModule<T> {
  readonly value: T | undefined;
  load(): Promise<T>;
}

/**
 * Wraps an `import()`. A failed download (offline, a deploy that replaced the chunk) is
 * forgotten, so the next `load()` tries again.
 */
export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    get value() {
      return value;
    },
    load() {
      pending ??= importer().then(
        (loaded) => (value = loaded),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
}
