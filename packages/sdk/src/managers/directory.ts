// Small workspace lists the UI picks from: labels and agents. Loaded once, kept live.
import type { ServerEvent } from '../protocol/events.js';
import type { Label, User } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { type ConvError, toConvError } from '../errors.js';
import { WritableStore, type LoadState, type Store } from '../store.js';
import { applyEvent } from '../internal/hooks.js';

export interface ListState<T> {
  status: LoadState;
  error: ConvError | null;
  items: T[];
}

abstract class DirectoryList<T> {
  protected readonly transport: SocketTransport;
  protected readonly list = new WritableStore<ListState<T>>({ status: 'idle', error: null, items: [] });
  #loading: Promise<void> | null = null;

  constructor(transport: SocketTransport) {
    this.transport = transport;
  }

  get store(): Store<ListState<T>> {
    return this.list;
  }

  /** Loads once; call again after an error to retry. */
  load(): Promise<void> {
    if (this.list.get().status === 'ready') return Promise.resolve();
    this.#loading ??= this.fetch()
      .then((items) => this.list.set({ status: 'ready', error: null, items }))
      .catch((error: unknown) => this.list.next({ status: 'error', error: toConvError(error) }))
      .finally(() => (this.#loading = null));
    if (this.list.get().status !== 'ready') this.list.next({ status: 'loading', error: null });
    return this.#loading;
  }

  protected abstract fetch(): Promise<T[]>;
}

export class LabelsManager extends DirectoryList<Label> {
  protected fetch(): Promise<Label[]> {
    return this.transport.requestIdempotent('labels.list', {});
  }

  /** Admins only (ConvError 'forbidden' otherwise). */
  async create(name: string, color: string): Promise<Label> {
    const label = await this.transport.request('labels.create', { name, color });
    this.#add(label);
    return label;
  }

  [applyEvent](event: ServerEvent): void {
    if (event.type === 'label.created') this.#add(event.data.label);
  }

  #add(label: Label): void {
    const state = this.list.get();
    if (state.items.some((l) => l.id === label.id)) return;
    this.list.next({ items: [...state.items, label].sort((a, b) => a.name.localeCompare(b.name)) });
  }
}

export class UsersManager extends DirectoryList<User> {
  protected fetch(): Promise<User[]> {
    return this.transport.requestIdempotent('users.list', {});
  }
}
