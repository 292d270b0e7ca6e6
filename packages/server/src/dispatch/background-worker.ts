// A worker whose rounds of background work run on demand (kick) and by a safety-net poll: never
// two rounds at once, one more right after the current when kicked meanwhile, none once stopped.
export abstract class BackgroundWorker {
  readonly #log: (error: unknown) => void;
  readonly #pollMs: number;
  #running: Promise<void> | null = null;
  #stopped = true;
  #again = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #later = new Set<ReturnType<typeof setTimeout>>();

  constructor(log: (error: unknown) => void, pollMs = 2_000) {
    this.#log = log;
    this.#pollMs = pollMs;
  }

  start(): void {
    this.#stopped = false;
    this.#timer = setInterval(() => this.kick(), this.#pollMs);
    this.#timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    for (const timer of this.#later) clearTimeout(timer);
    this.#later.clear();
    await this.#running;
  }

  /** Runs a round now, or right after the current one (not once stopped: the server is closing). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.round()
      .catch(this.#log)
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** A round once `ms` have passed (work that waits out a pause), without waiting for the poll. */
  kickAfter(ms: number): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#later.delete(timer);
      this.kick();
    }, ms);
    timer.unref();
    this.#later.add(timer);
  }

  /** One round of the work: take what is due and do it. */
  protected abstract round(): Promise<void>;

  /** Resolves when no round is running (tests). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }
}
