// Work the sandbox does a moment later, as a provider would (a delivery report, a call's
// progress): each task runs once after its delay, stopping drops the ones not yet started, and
// tests can wait until every task started so far has finished.
export class DelayedTasks {
  /** Tasks still to start, each with what ends its wait. */
  readonly #pending = new Map<ReturnType<typeof setTimeout>, () => void>();
  /** Tasks still to start or running. */
  readonly #inFlight = new Set<Promise<void>>();

  later(delayMs: number, task: () => Promise<unknown>): void {
    let end!: () => void;
    const waiting = new Promise<void>((resolve) => (end = resolve)).finally(() => this.#inFlight.delete(waiting));
    this.#inFlight.add(waiting);
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      void task()
        .catch(() => {})
        .finally(end);
    }, delayMs);
    timer.unref();
    this.#pending.set(timer, end);
  }

  /** Drops the tasks not yet started (the server is stopping). */
  stop(): void {
    for (const [timer, end] of this.#pending) {
      clearTimeout(timer);
      end();
    }
    this.#pending.clear();
  }

  /** Resolves once every task scheduled so far has run. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
