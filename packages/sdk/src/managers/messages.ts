// Optimistic sends: a message shows at once as pending, then becomes the server's copy (sent)
// or failed with the reason. Retries reuse the clientId, so the server never stores it twice.
import type { CommandParams } from '../protocol/commands.js';
import type { Message, Session } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { isConvError, toConvError } from '../errors.js';
import type { MessageView, ThreadsManager } from './threads.js';
import { upsertMessages } from '../internal/hooks.js';
import { newClientId } from '../internal/ids.js';

/** Attempts for a send that fails with a retryable error (timeout, a dropped socket). */
const SEND_ATTEMPTS = 3;
/** Pause between attempts; the transport's own reconnect runs meanwhile. */
const SEND_RETRY_DELAY_MS = 500;

export interface SendInput {
  conversationId: string;
  body: string;
  channel?: Message['channel'];
  kind?: 'message' | 'note';
  /** User ids a note @mentions. */
  mentions?: string[];
}

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

  /** Sends a failed message again, as the same message (same clientId). */
  retry(conversationId: string, clientId: string): Promise<Message> {
    const input = this.#sent.get(clientId);
    if (!input || input.conversationId !== conversationId) {
      return Promise.reject(toConvError(new Error(`No failed message ${clientId} in this thread to retry.`)));
    }
    return this.#deliver(clientId, input);
  }

  async #deliver(clientId: string, input: SendInput): Promise<Message> {
    const optimistic = this.#optimistic(clientId, input);
    this.#threads[upsertMessages](input.conversationId, [optimistic]);
    const params: CommandParams<'messages.send'> = { conversationId: input.conversationId, clientId, body: input.body };
    if (input.channel) params.channel = input.channel;
    if (input.kind) params.kind = input.kind;
    if (input.mentions?.length) params.mentions = input.mentions;
    for (let attempt = 1; ; attempt++) {
      try {
        const message = await this.#transport.request('messages.send', params);
        this.#sent.delete(clientId);
        this.#threads[upsertMessages](input.conversationId, [{ ...message, pending: false }]);
        return message;
      } catch (error) {
        const convError = toConvError(error);
        if (attempt < SEND_ATTEMPTS && isConvError(error) && error.retryable) {
          await new Promise((resolve) => setTimeout(resolve, SEND_RETRY_DELAY_MS * attempt));
          continue;
        }
        this.#threads[upsertMessages](input.conversationId, [{ ...optimistic, status: 'failed', error: convError.toJSON() }]);
        throw convError;
      }
    }
  }

  #optimistic(clientId: string, input: SendInput): MessageView {
    const user = this.#session()?.user;
    return {
      id: `pending:${clientId}`,
      conversationId: input.conversationId,
      seq: 0,
      clientId,
      kind: input.kind ?? 'message',
      channel: input.kind === 'note' ? null : (input.channel ?? null),
      direction: input.kind === 'note' ? null : 'outbound',
      author: { type: 'user', id: user?.id ?? null, name: user?.name ?? '' },
      body: input.body,
      subject: null,
      status: 'pending',
      error: null,
      createdAt: new Date().toISOString(),
      meta: {},
      pending: true,
    };
  }
}
