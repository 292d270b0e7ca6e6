// An element's share of collision detection: it tells the client's presence tracker which
// conversation it shows (the thread), and redraws when who else is there changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { presenceOf, type ConvClient, type PresenceTracker, type Viewer } from '@convkit/sdk';

export class PresenceController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => ConvClient | undefined;
  readonly #conversationId: () => string;
  /** Whether this element says what it shows (the thread), or only listens (the composer). */
  readonly #shows: boolean;
  #tracker: PresenceTracker | null = null;
  #unsubscribe: (() => void) | null = null;
  #shown: string | null = null;

  constructor(host: ReactiveControllerHost, client: () => ConvClient | undefined, conversationId: () => string, options: { shows: boolean }) {
    this.#host = host;
    this.#client = client;
    this.#conversationId = conversationId;
    this.#shows = options.shows;
    host.addController(this);
  }

  /** The other agents in the conversation, typing ones first. */
  get others(): Viewer[] {
    const id = this.#conversationId();
    return this.#tracker && id ? this.#tracker.in(id) : [];
  }

  /** The tracker, once there is a client. */
  get tracker(): PresenceTracker | null {
    return this.#tracker;
  }

  hostUpdated(): void {
    const client = this.#client();
    const tracker = client ? presenceOf(client) : null;
    if (tracker !== this.#tracker) {
      this.#unsubscribe?.();
      this.#tracker = tracker;
      this.#shown = null;
      this.#unsubscribe = tracker ? tracker.changes.subscribe(() => this.#host.requestUpdate()) : null;
      if (tracker) this.#host.requestUpdate();
    }
    const id = this.#conversationId() || null;
    if (this.#shows && tracker && id !== this.#shown) {
      this.#shown = id;
      void tracker.view(id).catch(() => {});
    }
  }

  hostDisconnected(): void {
    if (this.#shows && this.#shown) void this.#tracker?.view(null).catch(() => {});
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#tracker = null;
    this.#shown = null;
  }
}
