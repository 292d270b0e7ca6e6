// Optimistic sends: a message shows at once as pending, then becomes the server's copy (sent)
// or failed with the reason. Retries reuse the clientId, so the server never stores it twice.
// The sending itself is in thread-engine.ts, which an open thread has already loaded.
import type { Message, Session } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { toConvError } from '../errors.js';
import { threadEngine, type ThreadsManager } from './threads.js';
import type { SendInput } from './thread-types.js';
import { upsertMessages } from '../internal/hooks.js';
import { newClientId } from '../internal/ids.js';

export type { SendInput } from './thread-types.js';

export class MessagesManager {
  readonly #transport: SocketTransport;
  readonly #threads: ThreadsManager;
  readonly #session: () => Session | null;
  readonly #sent = new Map<string, SendInput>();

  constructor(transport: SocketTransport, threads: ThreadsManager, session: () => Session | null) {
    this.#transport = transport;
    this.#threads = threads;
    this.#session = session;
  }

  send(input: SendInput): Promise<Message> {
    const clientId = newClientId();
    this.#sent.set(clientId, input);
    return this.#deliver(clientId, input);
  }

  /**
   * Sends a failed message again, as the same message. One the server never took (a dropped
   * connection) is sent again with its clientId; one the provider refused, or did not deliver,
   * is handed back to the server's outbox (`messages.retry`), from this page or any other.
   */
  async retry(conversationId: string, clientId: string): Promise<Message> {
    const input = this.#sent.get(clientId);
    if (input && input.conversationId === conversationId) return this.#deliver(clientId, input);
    const engine = await this.#engine();
    return engine.retryStored(this.#transport, this.#threads.get(conversationId).get().messages, clientId, (message) => this.#threads[upsertMessages](conversationId, [message]));
  }

  /** The engine, fetched on first use (a failed fetch as a ConvError). */
  #engine() {
    return threadEngine.load().catch((error: unknown) => {
      throw toConvError(error);
    });
  }

  async #deliver(clientId: string, input: SendInput): Promise<Message> {
    // Synchronous when the engine is here (a thread is open), so the pending copy shows at once.
    const engine = threadEngine.value ?? (await this.#engine());
    const show = (message: Parameters<ThreadsManager[typeof upsertMessages]>[1][number]) => this.#threads[upsertMessages](input.conversationId, [message]);
    const message = await engine.deliver({ transport: this.#transport, session: this.#session(), show }, clientId, input);
    this.#sent.delete(clientId);
    return message;
  }
}
