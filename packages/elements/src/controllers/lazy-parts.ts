import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defineLazily, type LazyTag } from '../internal/lazy-elements.js';

export type LazyPartsStatus = 'loading' | 'ready' | 'failed';

/**
 * Defines the lazily loaded elements a composite renders, as soon as it connects (they are
 * its children, not first-screen content of their own), and tells the host how that went so it
 * can offer a Retry when a chunk could not be downloaded.
 */
export class LazyParts implements ReactiveController {
  status: LazyPartsStatus = 'loading';

  readonly #host: ReactiveControllerHost;
  readonly #tags: readonly LazyTag[];

  constructor(host: ReactiveControllerHost, tags: readonly LazyTag[]) {
    this.#host = host;
    this.#tags = tags;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.status !== 'ready') void this.load();
  }

  /** Downloads what is missing; resolves when every part is defined or one failed. */
  async load(): Promise<void> {
    this.#set('loading');
    try {
      await Promise.all(this.#tags.map((tag) => defineLazily(tag)));
      this.#set('ready');
    } catch {
      this.#set('failed');
    }
  }

  #set(status: LazyPartsStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.#host.requestUpdate();
  }
}
