// Runs bulk actions and shows their progress: the server reports it to this socket as it goes.
// Loaded by a list's first bulk action (conversation-list.ts), so a page that never runs one
// never downloads it; the state it reports to is the list's own, there from the start.
import type { BulkTarget, BulkAction } from '../protocol/commands.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { toConvError } from '../errors.js';
import type { WritableStore } from '../store.js';
import { IDLE_BULK, type BulkState } from './bulk-state.js';
import { newClientId } from '../internal/ids.js';

/** A bulk action over thousands of conversations runs in one transaction: give it time. */
const BULK_TIMEOUT_MS = 300_000;

export type { BulkState } from './bulk-state.js';

export class BulkRunner {
  readonly #transport: SocketTransport;
  readonly #state: WritableStore<BulkState>;
  #operationId: string | null = null;

  constructor(transport: SocketTransport, state: WritableStore<BulkState>) {
    this.#transport = transport;
    this.#state = state;
    transport.onBulkProgress(({ operationId, done, total }) => {
      if (operationId === this.#operationId) this.#state.next({ done, total });
    });
  }

  async run(target: BulkTarget, action: BulkAction): Promise<{ matched: number; changed: number }> {
    const operationId = newClientId();
    this.#operationId = operationId;
    this.#state.set({ ...IDLE_BULK, status: 'running', action, total: 'ids' in target ? target.ids.length : 0 });
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
