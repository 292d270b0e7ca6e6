// Collision detection on the client: who else shows a conversation and who is typing a reply in
// it, from the server's presence updates (presence.set, the `presence` socket event). One tracker
// per client, which the thread (what it shows) and the composer (typing) share; not part of the
// live store's event sync, and fetched only by the elements that use it.
import type { ConvClient } from './client.js';
import type { Presence } from './protocol/models.js';
import { WritableStore, type Store } from './store.js';
import { transportOf } from './internal/transport-of.js';

/** Typing that is not said again within this long has stopped (a closed lid, a lost packet). */
export const TYPING_TTL_MS = 8_000;
/** While typing goes on, it is said again this often, no more. */
const TYPING_REPEAT_MS = 3_000;

/** Another agent in a conversation. */
export interface Viewer {
  userId: string;
  name: string;
  typing: boolean;
}

export class PresenceTracker {
  readonly #client: ConvClient;
  /** Every other socket's presence in the workspace, by viewer (socket) id, with when it was heard. */
  readonly #viewers = new Map<string, Presence & { heard: number }>();
  readonly #changes = new WritableStore(0);
  #conversationId: string | null = null;
  #typing = false;
  #typingSaid = 0;
  #expiry: ReturnType<typeof setTimeout> | undefined;

  constructor(client: ConvClient) {
    this.#client = client;
    const transport = transportOf(client);
    transport.onPresence((presence) => this.#heard(presence));
    // A new socket starts afresh: what the server knew of the old one went with it.
    transport.status.subscribe((status) => {
      if (status !== 'connected') return;
      this.#viewers.clear();
      this.#changed();
      if (this.#conversationId) void this.view(this.#conversationId).catch(() => {});
    });
  }

  /** Changes (a counter) whenever who is where changes: subscribe, then read `in()`. */
  get changes(): Store<number> {
    return this.#changes;
  }

  /** This client now shows `conversationId` (null: none). */
  async view(conversationId: string | null): Promise<void> {
    this.#conversationId = conversationId;
    this.#typing = false;
    const { others } = await this.#client.request('presence.set', { conversationId });
    for (const presence of others) this.#heard(presence);
  }

  /** The agent is typing a reply in the conversation shown, or stopped: said again every few seconds while it goes on. */
  typing(on: boolean): void {
    const conversationId = this.#conversationId;
    if (!conversationId || (on === this.#typing && (!on || Date.now() - this.#typingSaid < TYPING_REPEAT_MS))) return;
    this.#typing = on;
    this.#typingSaid = Date.now();
    void this.#client.request('presence.set', { conversationId, typing: on }).catch(() => {});
  }

  /** The other agents in `conversationId` (this agent's other tabs are not others), typing ones first. */
  in(conversationId: string): Viewer[] {
    const me = this.#client.session.get()?.user.id;
    const now = Date.now();
    const byUser = new Map<string, Viewer>();
    for (const p of this.#viewers.values()) {
      if (p.conversationId !== conversationId || p.userId === me) continue;
      const typing = p.typing && now - p.heard < TYPING_TTL_MS;
      const known = byUser.get(p.userId);
      byUser.set(p.userId, { userId: p.userId, name: p.name, typing: typing || Boolean(known?.typing) });
    }
    return [...byUser.values()].sort((a, b) => Number(b.typing) - Number(a.typing) || a.name.localeCompare(b.name));
  }

  #heard(presence: Presence): void {
    if (presence.conversationId === null) this.#viewers.delete(presence.viewerId);
    else this.#viewers.set(presence.viewerId, { ...presence, heard: Date.now() });
    this.#changed();
    // Typing that is not said again stops showing on its own.
    if (presence.typing) {
      clearTimeout(this.#expiry);
      this.#expiry = setTimeout(() => this.#changed(), TYPING_TTL_MS + 50);
    }
  }

  #changed(): void {
    this.#changes.set(this.#changes.get() + 1);
  }
}

const trackers = new WeakMap<ConvClient, PresenceTracker>();

/** The client's presence tracker, made on first use. */
export function presenceOf(client: ConvClient): PresenceTracker {
  let tracker = trackers.get(client);
  if (!tracker) trackers.set(client, (tracker = new PresenceTracker(client)));
  return tracker;
}
