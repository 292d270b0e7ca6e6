// The only module that imports socket.io-client. It turns a socket into typed, acknowledged
// requests with timeouts, a public connection status, and a stream of server events.
import { io, type Socket } from 'socket.io-client';
import type { CommandName, CommandParams, CommandResult, Result } from '../protocol/commands.js';
import type { ProtocolError } from '../protocol/errors.js';
import type { CountsUpdate, ServerEvent, ServerToClientEvents } from '../protocol/events.js';
import type { Presence, Session } from '../protocol/models.js';
import { ConvError } from '../errors.js';
import { WritableStore, type Store } from '../store.js';
import { Backoff, DEFAULT_PENALTY_MS, penaltyDelay } from './backoff.js';
import { Throttle, type RateLimitState } from './throttle.js';
import { InFlightSlots } from './in-flight.js';

/**
 * connecting (first time) | connected | reconnecting (after a drop, a closure or a refused
 * token, with a wait that grows: see backoff.ts) | disconnected (the host called disconnect)
 * | failed (a fixed token was refused: nothing will get better without a new one).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

/** A command that gets no answer within this time fails with `timeout`. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Tries of a read that timed out, and the pause that grows between them. */
const IDEMPOTENT_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 500;
/**
 * A command held back by the rate limit is sent only if this share of its timeout (at most
 * ANSWER_WINDOW_MAX_MS) is left for the answer: a write sent a moment before its deadline would
 * time out while the server may still apply it, an outcome the caller cannot tell apart.
 */
const ANSWER_WINDOW_SHARE = 0.25;
const ANSWER_WINDOW_MAX_MS = 1_000;

export interface TransportOptions {
  url: string;
  /** Called before every (re)connect, so an expired token is replaced. */
  getToken: () => Promise<string>;
  /** Socket.IO path, when the server mounts it elsewhere. */
  path?: string;
  /** Transports to try, websocket first by default. */
  transports?: ('websocket' | 'polling')[];
}

type ClientToServer = Record<string, (params: unknown, ack: (result: Result<unknown>) => void) => void>;

const TOKEN_REFUSALS = new Set(['unauthenticated', 'token_expired']);

/**
 * The connection as a small state machine (ConnectionStatus). Socket.IO's own reconnection is
 * off: every way of losing the server (a drop, a closure, a refused handshake) goes through
 * #retry, so one backoff policy decides when to try again.
 */
export class SocketTransport {
  readonly #socket: Socket<ServerToClientEvents, ClientToServer>;
  readonly #status = new WritableStore<ConnectionStatus>('disconnected');
  readonly #error = new WritableStore<ConvError | null>(null);
  readonly #eventListeners = new Set<(event: ServerEvent) => void>();
  readonly #sessionListeners = new Set<(session: Session) => void>();
  readonly #countsListeners = new Set<(update: CountsUpdate) => void>();
  readonly #bulkListeners = new Set<(progress: { operationId: string; done: number; total: number }) => void>();
  readonly #presenceListeners = new Set<(presence: Presence) => void>();
  readonly #refusalListeners = new Set<(error: ConvError) => void>();
  /** Aborters of requests waiting to be sent or answered: failed at once when the transport gives up. */
  readonly #inFlight = new Set<(error: ConvError) => void>();
  readonly #throttle = new Throttle();
  readonly #slots = new InFlightSlots();
  readonly #backoff = new Backoff();
  readonly #closedReason = new WritableStore<ConvError | null>(null);
  /** The session.closed that announced the coming server disconnect, if one did. */
  #closing: ConvError | null = null;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** No reconnect before this time (testing.ts holds a simulated drop open with it). */
  #heldUntil = 0;
  #everConnected = false;
  #fatal: ConvError | null = null;

  constructor(options: TransportOptions) {
    this.#socket = io(options.url, {
      autoConnect: false,
      reconnection: false,
      path: options.path ?? '/socket.io/',
      transports: options.transports ?? ['websocket', 'polling'],
      auth: (callback) => {
        options.getToken().then(
          (token) => callback({ token }),
          () => callback({ token: '' }),
        );
      },
    });
    const socket = this.#socket;
    socket.on('connect', () => {
      this.#backoff.reset();
      this.#closing = null;
      this.#closedReason.set(null);
      this.#error.set(null);
      this.#setStatus('connected');
    });
    socket.on('session.closed', (reason) => {
      // The disconnect that follows must wait out the reason's retry-after, not reconnect at once.
      this.#closing = ConvError.from(reason);
      this.#closedReason.set(this.#closing);
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return; // disconnect() said so
      const closing = this.#closing;
      this.#closing = null;
      this.#error.set(closing ?? new ConvError('disconnected', 'The connection to the server was lost.'));
      this.#setStatus('reconnecting');
      // Closed with a reason (flooding): come back no sooner than it says, or the handshake is
      // refused. Closed without one (an expired or revoked token): at once, with a fresh token.
      if (closing) this.#retryAfterPenalty(closing.retryAfterMs);
      else this.#retry(reason === 'io server disconnect' ? 0 : this.#backoff.next());
    });
    socket.on('connect_error', (error: Error & { data?: Partial<ProtocolError> }) => {
      const code = error.data?.code;
      const refusal = new ConvError(code ?? 'disconnected', error.data?.message ?? `Could not reach the server: ${error.message}`, { details: error.data?.details });
      this.#error.set(refusal);
      if (code && TOKEN_REFUSALS.has(code)) {
        for (const listener of [...this.#refusalListeners]) listener(refusal);
        // A fixed token will not get better: stop. A provider may mint a good one: ask it again,
        // each time a little later, so a backend minting bad tokens is not hammered.
        if (!this.canRefreshToken) {
          this.#fatal = refusal;
          this.#setStatus('failed');
          this.#abortAll(refusal);
          return;
        }
        this.#retry(this.#backoff.next());
      } else if (code === 'rate_limited') {
        // This user is serving a penalty (it flooded, maybe from another tab): try again once it is over.
        this.#retryAfterPenalty(refusal.retryAfterMs);
      } else {
        this.#retry(this.#backoff.next());
      }
      this.#setStatus(this.#everConnected ? 'reconnecting' : 'connecting');
    });
    socket.on('event', (event) => {
      for (const listener of this.#eventListeners) listener(event);
    });
    socket.on('counts', (update) => {
      for (const listener of this.#countsListeners) listener(update);
    });
    socket.on('bulk.progress', (progress) => {
      for (const listener of this.#bulkListeners) listener(progress);
    });
    socket.on('presence', (presence) => {
      for (const listener of this.#presenceListeners) listener(presence);
    });
    socket.on('session', (session) => {
      // Stay within the server's cap on commands in flight rather than be refused past it.
      if (session.limits) this.#slots.limit = session.limits.inFlight;
      for (const listener of this.#sessionListeners) listener(session);
    });
  }

  /** Set by the client: whether a refused token can be replaced by asking again. */
  canRefreshToken = false;

  get status(): Store<ConnectionStatus> {
    return this.#status;
  }

  /** Non-null while commands are held back because the server said to slow down. */
  get rateLimit(): Store<RateLimitState | null> {
    return this.#throttle.state;
  }

  /** Why the server last closed the session (session.closed), until the client is connected again. */
  get closedReason(): Store<ConvError | null> {
    return this.#closedReason;
  }

  /** The reason the transport gave up for good (a refused fixed token), if it did. */
  get fatalError(): ConvError | null {
    return this.#fatal;
  }

  /** Why the client is not connected now (a refused token, a closure, a lost connection); null while connected. */
  get error(): Store<ConvError | null> {
    return this.#error;
  }

  /**
   * Resolves once the socket is connected (at once if it is), so that work asked for before the
   * host connected the client, or while it reconnects, waits instead of failing. Rejects if the
   * client fails for good (a refused fixed token).
   */
  whenConnected(): Promise<void> {
    if (this.#status.get() === 'connected') return Promise.resolve();
    if (this.#status.get() === 'failed') return Promise.reject(this.#fatal);
    return new Promise((resolve, reject) => {
      const stop = this.#status.subscribe((status) => {
        if (status === 'connected') {
          stop();
          resolve();
        } else if (status === 'failed') {
          stop();
          reject(this.#fatal);
        }
      });
    });
  }

  /** Called each time the server refuses the token (the host may sign its user in again). */
  onTokenRefused(listener: (error: ConvError) => void): () => void {
    this.#refusalListeners.add(listener);
    return () => this.#refusalListeners.delete(listener);
  }

  connect(): void {
    this.#fatal = null;
    // A reconnect is already scheduled: connecting sooner would only be refused.
    if (this.#socket.connected || this.#reconnectTimer !== undefined || this.#status.get() === 'connecting' || this.#status.get() === 'reconnecting') return;
    this.#setStatus(this.#everConnected ? 'reconnecting' : 'connecting');
    this.#socket.connect();
  }

  disconnect(): void {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#socket.disconnect();
    this.#setStatus('disconnected');
    this.#abortAll(new ConvError('disconnected', 'The client was disconnected before the server answered.'));
  }

  /** Drops the connection as a network cut would, and keeps it down for `ms` (testing.ts). */
  dropFor(ms: number): void {
    this.#heldUntil = Date.now() + ms;
    this.#socket.io.engine?.close();
  }

  /**
   * Reconnects once the server's retry-after has passed. Commands made meanwhile wait for it
   * too (or fail at once with `rate_limited` when it outlasts their timeout) rather than pile
   * up in Socket.IO's buffer and all go out together on the new socket.
   */
  #retryAfterPenalty(retryAfterMs: number | null): void {
    const delay = penaltyDelay(retryAfterMs);
    if (retryAfterMs !== null) this.#throttle.holdUntil(Date.now() + delay);
    this.#retry(delay);
  }

  #retry(delayMs: number): void {
    clearTimeout(this.#reconnectTimer);
    const delay = Math.max(delayMs, this.#heldUntil - Date.now());
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      const status = this.#status.get();
      if (!this.#fatal && status !== 'disconnected' && status !== 'failed') this.#socket.connect();
    }, delay);
  }

  #abortAll(error: ConvError): void {
    // Buffered emits would otherwise go out on a later connect, long after their caller gave up.
    this.#socket.sendBuffer = [];
    for (const abort of this.#inFlight) abort(error);
    this.#inFlight.clear();
  }

  onEvent(listener: (event: ServerEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Counts the server pushes for filters this socket counted (see ServerToClientEvents.counts). */
  onCounts(listener: (update: CountsUpdate) => void): () => void {
    this.#countsListeners.add(listener);
    return () => this.#countsListeners.delete(listener);
  }

  onBulkProgress(listener: (progress: { operationId: string; done: number; total: number }) => void): () => void {
    this.#bulkListeners.add(listener);
    return () => this.#bulkListeners.delete(listener);
  }

  /** Other agents' presence as it changes (ServerToClientEvents.presence). */
  onPresence(listener: (presence: Presence) => void): () => void {
    this.#presenceListeners.add(listener);
    return () => this.#presenceListeners.delete(listener);
  }

  onSession(listener: (session: Session) => void): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  /**
   * Sends one command and waits for its acknowledgement or the timeout. While the server's rate
   * limit holds commands back, it first waits for its turn within that same timeout. A
   * `rate_limited` answer is not retried here (writes must not repeat behind the caller's back):
   * it pauses later commands and rejects with the server's retry-after.
   */
  async request<N extends CommandName>(name: N, params: CommandParams<N>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CommandResult<N>> {
    if (this.#fatal) throw this.#fatal;
    if (this.#status.get() === 'disconnected') {
      throw new ConvError('disconnected', 'Not connected to the server: call connect() first.');
    }
    const deadline = Date.now() + timeoutMs;
    const controller = new AbortController();
    const abort = (error: ConvError) => controller.abort(error);
    this.#inFlight.add(abort);
    let result: Result<unknown>;
    let holdsSlot = false;
    try {
      const sendBy = deadline - Math.min(timeoutMs * ANSWER_WINDOW_SHARE, ANSWER_WINDOW_MAX_MS);
      const slot = this.#slots.acquire(sendBy, controller.signal);
      if (slot) await slot;
      holdsSlot = true;
      const turn = this.#throttle.admit(sendBy, controller.signal);
      if (turn) await turn;
      const answer = this.#socket.timeout(Math.max(deadline - Date.now(), 0)).emitWithAck(name, params as unknown);
      result = await Promise.race([answer, rejectOnAbort(controller.signal)]);
    } catch (cause) {
      if (cause instanceof ConvError) throw cause;
      throw new ConvError('timeout', `The server did not answer "${name}" within ${timeoutMs} ms.`, { cause });
    } finally {
      if (holdsSlot) this.#slots.release();
      this.#inFlight.delete(abort);
    }
    if (!result.ok) {
      const error = ConvError.from(result.error);
      if (error.code === 'rate_limited') this.#throttle.refused(error.retryAfterMs ?? DEFAULT_PENALTY_MS);
      throw error;
    }
    return result.data as CommandResult<N>;
  }

  /**
   * For reads and other idempotent commands: retries a timed-out request (the socket may have
   * been reconnecting) with a growing pause, and a `rate_limited` one, which waits for the
   * server's retry-after in `request`. Other errors the server answered are not retried.
   */
  async requestIdempotent<N extends CommandName>(name: N, params: CommandParams<N>): Promise<CommandResult<N>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request(name, params);
      } catch (error) {
        if (attempt >= IDEMPOTENT_ATTEMPTS || !(error instanceof ConvError)) throw error;
        if (error.code === 'rate_limited') continue;
        if (error.code !== 'timeout') throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
      }
    }
  }

  #setStatus(value: ConnectionStatus): void {
    if (value === 'connected') this.#everConnected = true;
    this.#status.set(value);
  }
}

/** A promise that never resolves and rejects with the signal's reason once it is aborted. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
