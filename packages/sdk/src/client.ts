// The SDK's entry point: a thin facade over the transport, the event sync and one manager
// per domain. Managers own their stores; the client wires events to them.
import type { Session } from './protocol/models.js';
import type { ServerEvent } from './protocol/events.js';
import { ConvError } from './errors.js';
import { WritableStore, type Store } from './store.js';
import { SocketTransport, type ConnectionStatus } from './transport/socket-transport.js';
import type { RateLimitState } from './transport/throttle.js';
import { EventSync } from './sync/event-sync.js';
import { ConversationsManager } from './managers/conversations.js';
import { ThreadsManager } from './managers/threads.js';
import { MessagesManager } from './managers/messages.js';
import { ContactsManager } from './managers/contacts.js';
import { LabelsManager, UsersManager } from './managers/directory.js';
import { REFRESH_MARGIN_MS, tokenExpiry } from './token.js';
import { registerTransport } from './internal/transport-of.js';
import { applyEvent, reloadAll, resumeLoads } from './internal/hooks.js';

export interface ConvClientOptions {
  /** The Convkit server's origin, e.g. https://inbox.example.com */
  url: string;
  /** A fixed token. Prefer `tokenProvider` so the session outlives one token. */
  token?: string;
  /** Asks the host's backend for a fresh token; called on connect and before expiry. */
  tokenProvider?: () => Promise<string>;
  /** Connect at once (default true). */
  autoConnect?: boolean;
  transports?: ('websocket' | 'polling')[];
}

export class ConvClient {
  readonly conversations: ConversationsManager;
  readonly threads: ThreadsManager;
  readonly messages: MessagesManager;
  readonly contacts: ContactsManager;
  readonly labels: LabelsManager;
  readonly users: UsersManager;

  readonly #transport: SocketTransport;
  readonly #sync: EventSync;
  readonly #session = new WritableStore<Session | null>(null);
  readonly #options: ConvClientOptions;
  #token: string | null;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** The Convkit server's address, as given (`url`): where its files are (the emoji picker's data). */
  get url(): string {
    return this.#options.url;
  }

  /**
   * Messages as CSV (seed 002's columns): one conversation's, or with no id every conversation's
   * (admins only). `onProgress` hears the bytes received so far; a refusal is a ConvError.
   */
  async exportCsv(conversationId?: string, onProgress?: (bytes: number) => void): Promise<Blob> {
    // Fetched on first use: a page that never exports never downloads it.
    const { fetchCsv } = await import('./csv-export.js');
    return fetchCsv(this.#options.url, await this.#currentToken(), conversationId, onProgress);
  }

  constructor(options: ConvClientOptions) {
    if (!options.token && !options.tokenProvider) throw new ConvError('invalid_params', 'ConvClient needs a token or a tokenProvider.', { details: { path: 'token' } });
    this.#options = options;
    this.#token = options.token ?? null;
    this.#transport = new SocketTransport({ url: options.url, getToken: () => this.#currentToken(), transports: options.transports });
    this.#transport.canRefreshToken = Boolean(options.tokenProvider);
    registerTransport(this, this.#transport);
    // A refused token is never offered again: the next connect asks the provider for another.
    if (options.tokenProvider) this.#transport.onTokenRefused(() => (this.#token = null));
    this.conversations = new ConversationsManager(this.#transport, () => this.#session.get());
    this.threads = new ThreadsManager(this.#transport);
    this.messages = new MessagesManager(this.#transport, this.threads, () => this.#session.get());
    this.contacts = new ContactsManager(this.#transport);
    this.labels = new LabelsManager(this.#transport);
    this.users = new UsersManager(this.#transport);
    this.#sync = new EventSync(this.#transport, {
      apply: (event) => this.#apply(event),
      resync: () => {
        this.conversations[reloadAll]();
        this.threads[reloadAll]();
        this.contacts[reloadAll]();
      },
    });
    this.#transport.onSession((session) => {
      this.#session.set(session);
      this.#sync.onSession(session);
      this.conversations[resumeLoads]();
      void this.conversations.refreshCounts();
    });
    if (options.autoConnect !== false) this.connect();
  }

  /**
   * connecting | connected | reconnecting | disconnected (after `disconnect()`) | failed (a fixed
   * token was refused; `connectionError` says why).
   */
  get status(): Store<ConnectionStatus> {
    return this.#transport.status;
  }

  /**
   * Why the client is not connected now: a refused token (`unauthenticated`, `token_expired`),
   * a closure for flooding (`rate_limited`) or a lost connection (`disconnected`); null while
   * connected.
   */
  get connectionError(): Store<ConvError | null> {
    return this.#transport.error;
  }

  /**
   * Whether every event the server has is applied: false from a drop until the catch-up after
   * the reconnect is done. Views are current while it is true.
   */
  get caughtUp(): Store<boolean> {
    return this.#sync.caughtUp;
  }

  /**
   * Called each time the server refuses the token: with a `tokenProvider` the client asks it
   * again after a growing pause; the host may also sign its user in again. Returns an unsubscribe.
   */
  onTokenRefused(listener: (error: ConvError) => void): () => void {
    return this.#transport.onTokenRefused(listener);
  }

  /** This agent's unread conversations (for a badge on the host's nav), live. */
  get unread(): Store<number | null> {
    return this.conversations.unread;
  }

  /** The signed-in agent and workspace, once connected. */
  get session(): Store<Session | null> {
    return this.#session;
  }

  /**
   * Non-null while the server's rate limit holds commands back ("Slowing down: too many
   * actions"); `until` is when sending is free again. Commands wait for it within their timeout.
   */
  get rateLimit(): Store<RateLimitState | null> {
    return this.#transport.rateLimit;
  }

  /**
   * Why the server closed the session (`session.closed`, e.g. `rate_limited` with
   * `retryAfterMs`) while the client waits to reconnect; null again once it is connected.
   */
  get closedReason(): Store<ConvError | null> {
    return this.#transport.closedReason;
  }

  /** Why the client stopped for good (a refused fixed token: status `failed`), if it did. */
  get fatalError(): ConvError | null {
    return this.#transport.fatalError;
  }

  /** The seq of the newest event applied: everything up to it is reflected in the stores. */
  get lastEventSeq(): number | null {
    return this.#sync.lastSeq;
  }

  connect(): void {
    this.#transport.connect();
  }

  disconnect(): void {
    clearTimeout(this.#refreshTimer);
    this.#transport.disconnect();
  }

  /** Typed access to any protocol command, for what the managers do not cover yet. */
  request: SocketTransport['request'] = (name, params, timeoutMs) => this.#transport.request(name, params, timeoutMs);

  readonly #listeners = new Set<(event: ServerEvent) => void>();

  /** Hears every server event once the stores have applied it (e.g. `consent.updated`). Returns the unsubscribe. */
  onEvent(listener: (event: ServerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #apply(event: ServerEvent): void {
    if (event.type === 'workspace.updated') {
      const session = this.#session.get();
      if (session) this.#session.set({ ...session, workspace: event.data.workspace });
    }
    this.conversations[applyEvent](event);
    this.threads[applyEvent](event);
    this.contacts[applyEvent](event);
    this.labels[applyEvent](event);
    for (const listener of this.#listeners) listener(event);
  }

  async #currentToken(): Promise<string> {
    const provider = this.#options.tokenProvider;
    const expiry = this.#token ? tokenExpiry(this.#token) : null;
    const fresh = this.#token && (expiry === null || expiry - Date.now() > REFRESH_MARGIN_MS);
    if (!fresh && provider) this.#token = await provider();
    this.#scheduleRefresh();
    return this.#token ?? '';
  }

  /** Swaps the socket's token shortly before it expires, without reconnecting. */
  #scheduleRefresh(): void {
    clearTimeout(this.#refreshTimer);
    const provider = this.#options.tokenProvider;
    const expiry = this.#token ? tokenExpiry(this.#token) : null;
    if (!provider || expiry === null) return;
    // Normally a minute before expiry; a token shorter-lived than that is refreshed at half-life.
    const remaining = expiry - Date.now();
    const delay = Math.max(remaining - REFRESH_MARGIN_MS, remaining / 2, 0);
    this.#refreshTimer = setTimeout(async () => {
      try {
        this.#token = await provider();
        const { user } = await this.#transport.request('session.refresh', { token: this.#token });
        // The new token's role and name apply at once: elements gate actions on this user.
        const session = this.#session.get();
        if (session && user) this.#session.set({ ...session, user });
        this.#scheduleRefresh();
      } catch {
        // The server will close the socket at expiry; the reconnect asks the provider again.
      }
    }, delay);
    // In Node, a pending refresh must not keep the process alive.
    (this.#refreshTimer as { unref?: () => void }).unref?.();
  }
}
