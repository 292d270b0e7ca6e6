// Runs bulk actions and shows their progress: the server reports it to this socket as it goes.
import type { BulkAction, BulkTarget } from '../protocol/commands.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { type ConvError, toConvError } from '../errors.js';
import { WritableStore, type Store } from '../store.js';
import { newClientId } from '../internal/ids.js';

/** A bulk action over thousands of conversations runs in one transaction: give it time. */
const BULK_TIMEOUT_MS = 300_000;

export interface BulkState {
  status: 'idle' | 'running' | 'done' | 'error';
  done: number;
  total: number;
  action: BulkAction | null;
  result: { matched: number; changed: number } | null;
  error: ConvError | null;
}

const IDLE: BulkState = { status: 'idle', done: 0, total: 0, action: null, result: null, error: null };

export class BulkRunner {
  readonly #transport: SocketTransport;
  readonly #state = new WritableStore<BulkState>(IDLE);
  #operationId: string | null = null;

  constructor(transport: SocketTransport) {
    this.#transport = transport;
    transport.onBulkProgress(({ operationId, done, total }) => {
      if (operationId === this.#operationId) this.#state.next({ done, total });
    });
  }

  get state(): Store<BulkState> {
    return this.#state;
  }

  async run(target: BulkTarget, action: BulkAction): Promise<{ matched: number; changed: number }> {
    const operationId = newClientId();
    this.#operationId = operationId;
    this.#state.set({ ...IDLE, status: 'running', action, total: 'ids' in target ? target.ids.length : 0 });
    try {
      const { matched, changed } = await this.#transport.request('conversations.bulk', { operationId, target, action }, BULK_TIMEOUT_MS);
      if (this.#operationId === operationId) this.#state.next({ status: 'done', done: matched, total: matched, result: { matched, changed } });
      return { matched, changed };
    } catch (error) {
      if (this.#operationId === operationId) this.#state.next({ status: 'error', error: toConvError(error) });
      throw error;
    }
  }
}
