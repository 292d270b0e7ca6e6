// The only module that imports socket.io-client. It turns a socket into typed, acknowledged
// requests with timeouts, a public connection status, and a stream of server events.
import { io, type Socket } from 'socket.io-client';
import type { CommandName, CommandParams, CommandResult, Result } from '../protocol/commands.js';
import type { ServerEvent, ServerToClientEvents } from '../protocol/events.js';
import type { Session } from '../protocol/models.js';
import { ConvError } from '../errors.js';
import { WritableStore, type Store } from '../store.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

// Reconnect backoff: start fast (a blip on a laptop's wifi), cap at 10 s so a server restart
// is noticed within seconds, and randomise so a fleet of tabs does not reconnect in step.
const RECONNECT_DELAY_MS = 500;
const RECONNECT_DELAY_MAX_MS = 10_000;
const RECONNECT_JITTER = 0.5;
/** A command that gets no answer within this time fails with `timeout`. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Tries of a read that timed out, and the pause that grows between them. */
const IDEMPOTENT_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 500;

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

export class SocketTransport {
  readonly #socket: Socket<ServerToClientEvents, ClientToServer>;
  readonly #status = new WritableStore<ConnectionStatus>('disconnected');
  readonly #eventListeners = new Set<(event: ServerEvent) => void>();
  readonly #sessionListeners = new Set<(session: Session) => void>();
  readonly #bulkListeners = new Set<(progress: { operationId: string; done: number; total: number }) => void>();
  /** Rejecters of requests awaiting an answer: failed at once when the transport gives up. */
  readonly #inFlight = new Set<(error: ConvError) => void>();
  #everConnected = false;
  #fatal: ConvError | null = null;

  constructor(options: TransportOptions) {
    this.#socket = io(options.url, {
      autoConnect: false,
      path: options.path ?? '/socket.io/',
      transports: options.transports ?? ['websocket', 'polling'],
      reconnectionDelay: RECONNECT_DELAY_MS,
      reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
      randomizationFactor: RECONNECT_JITTER,
      auth: (callback) => {
        options.getToken().then(
          (token) => callback({ token }),
          () => callback({ token: '' }),
        );
      },
    });
    const socket = this.#socket;
    socket.on('connect', () => this.#setStatus('connected'));
    socket.on('disconnect', (reason) => {
      // The server closed us on purpose (expired or revoked token): Socket.IO will not retry,
      // so reconnect ourselves with a fresh token.
      if (reason === 'io server disconnect' && !this.#fatal) {
        this.#setStatus('reconnecting');
        socket.connect();
        return;
      }
      this.#setStatus(reason === 'io client disconnect' ? 'disconnected' : 'reconnecting');
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      const code = error.data?.code;
      if (code === 'unauthenticated' || code === 'token_expired') {
        // The server refused the token. With a provider we try again (it may mint a new one);
        // a fixed token will not get better, so stop.
        if (!this.canRefreshToken) {
          this.#fatal = new ConvError(code, error.data?.message ?? error.message);
          this.#setStatus('disconnected');
          this.#abortAll(this.#fatal);
          return;
        }
        setTimeout(() => socket.connect(), RECONNECT_DELAY_MS);
      }
      this.#setStatus(this.#everConnected ? 'reconnecting' : 'connecting');
    });
    socket.on('event', (event) => {
      for (const listener of this.#eventListeners) listener(event);
    });
    socket.on('bulk.progress', (progress) => {
      for (const listener of this.#bulkListeners) listener(progress);
    });
    socket.on('session', (session) => {
      for (const listener of this.#sessionListeners) listener(session);
    });
  }

  /** Set by the client: whether a refused token can be replaced by asking again. */
  canRefreshToken = false;

  get status(): Store<ConnectionStatus> {
    return this.#status;
  }

  /** The reason the transport gave up for good (a refused fixed token), if it did. */
  get fatalError(): ConvError | null {
    return this.#fatal;
  }

  connect(): void {
    this.#fatal = null;
    if (this.#socket.connected || this.#socket.active) return;
    this.#setStatus(this.#everConnected ? 'reconnecting' : 'connecting');
    this.#socket.connect();
  }

  disconnect(): void {
    this.#socket.disconnect();
    this.#setStatus('disconnected');
    this.#abortAll(new ConvError('disconnected', 'The client was disconnected before the server answered.'));
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

  onBulkProgress(listener: (progress: { operationId: string; done: number; total: number }) => void): () => void {
    this.#bulkListeners.add(listener);
    return () => this.#bulkListeners.delete(listener);
  }

  onSession(listener: (session: Session) => void): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  /** Sends one command and waits for its acknowledgement or the timeout. */
  async request<N extends CommandName>(name: N, params: CommandParams<N>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CommandResult<N>> {
    if (this.#fatal) throw this.#fatal;
    if (this.#status.get() === 'disconnected') {
      throw new ConvError('disconnected', 'Not connected to the server: call connect() first.');
    }
    let result: Result<unknown>;
    let abort!: (error: ConvError) => void;
    const aborted = new Promise<never>((_, reject) => (abort = reject));
    this.#inFlight.add(abort);
    try {
      result = await Promise.race([this.#socket.timeout(timeoutMs).emitWithAck(name, params as unknown), aborted]);
    } catch (cause) {
      if (cause instanceof ConvError) throw cause;
      throw new ConvError('timeout', `The server did not answer "${name}" within ${timeoutMs} ms.`, { cause });
    } finally {
      this.#inFlight.delete(abort);
    }
    if (!result.ok) throw ConvError.from(result.error);
    return result.data as CommandResult<N>;
  }

  /**
   * For reads and other idempotent commands: retries a timed-out request (the socket may have
   * been reconnecting) with a growing pause. Errors the server answered are not retried.
   */
  async requestIdempotent<N extends CommandName>(name: N, params: CommandParams<N>): Promise<CommandResult<N>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request(name, params);
      } catch (error) {
        if (attempt >= IDEMPOTENT_ATTEMPTS || !(error instanceof ConvError) || error.code !== 'timeout') throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
      }
    }
  }

  /** Test seam for transport failures: drops the underlying connection as a network cut would. */
  simulateTransportDrop(): void {
    this.#socket.io.engine?.close();
  }

  #setStatus(value: ConnectionStatus): void {
    if (value === 'connected') this.#everConnected = true;
    this.#status.set(value);
  }
}
