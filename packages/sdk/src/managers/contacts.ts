// Contacts by id, each a live store that events keep current.
import type { ServerEvent } from '../protocol/events.js';
import type { Contact } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { type ConvError, toConvError } from '../errors.js';
import { WritableStore, type LoadState, type Store } from '../store.js';
import { applyEvent, reloadAll } from '../internal/hooks.js';

export interface ContactState {
  status: LoadState;
  error: ConvError | null;
  contact: Contact | null;
}

export class ContactsManager {
  readonly #transport: SocketTransport;
  readonly #contacts = new Map<string, WritableStore<ContactState>>();

  constructor(transport: SocketTransport) {
    this.#transport = transport;
  }

  /** The live store of one contact; the first call starts loading it. */
  get(contactId: string): Store<ContactState> {
    let store = this.#contacts.get(contactId);
    if (!store) {
      store = new WritableStore<ContactState>({ status: 'idle', error: null, contact: null });
      this.#contacts.set(contactId, store);
      void this.#load(contactId, store);
    }
    return store;
  }

  /** Loads a contact again (the Retry of a contact that failed to load). */
  reload(contactId: string): Promise<void> {
    const store = this.#contacts.get(contactId);
    if (!store) {
      this.get(contactId);
      return Promise.resolve();
    }
    return this.#load(contactId, store);
  }

  [reloadAll](): void {
    for (const [id, store] of this.#contacts) void this.#load(id, store);
  }

  [applyEvent](event: ServerEvent): void {
    if (event.type !== 'contact.updated') return;
    this.#contacts.get(event.data.contact.id)?.next({ status: 'ready', error: null, contact: event.data.contact });
  }

  async #load(contactId: string, store: WritableStore<ContactState>): Promise<void> {
    store.next({ status: 'loading', error: null });
    try {
      const contact = await this.#transport.requestIdempotent('contacts.get', { id: contactId });
      store.next({ status: 'ready', contact });
    } catch (error) {
      store.next({ status: 'error', error: toConvError(error) });
    }
  }
}
