// @mentions in an internal note: typing "@" and part of a name offers the workspace's agents in a
// listbox (arrow keys, Enter or Tab to pick, Escape to close); a pick writes "@Name " and the
// note, when sent, names that agent, which notifies them (their "mentions me" filter).
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { User } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

/** "@" at the start or after a space, then up to 30 characters of a name, right before the cursor. */
const QUERY = /(^|\s)@([^\s@][^@\n]{0,29}|)$/u;
const SHOWN = 8;

export class MentionPicker {
  readonly #host: ReactiveControllerHost;
  /** Where the "@" is, and what follows it up to the cursor; null: closed. */
  #query: { at: number; text: string } | null = null;
  #active = 0;
  /** The agents picked, by name as written in the note. */
  readonly #picked = new Map<string, string>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  get open(): boolean {
    return this.#query !== null;
  }

  /** Follows the text up to the cursor: an "@" with part of a name opens the list. */
  follow(value: string, cursor: number): void {
    const match = QUERY.exec(value.slice(0, cursor));
    const next = match ? { at: cursor - match[2]!.length - 1, text: match[2]! } : null;
    if (next?.text !== this.#query?.text || next?.at !== this.#query?.at) this.#active = 0;
    this.#query = next;
    this.#host.requestUpdate();
  }

  close(): void {
    this.#query = null;
    this.#host.requestUpdate();
  }

  /** The agents whose name matches what follows the "@", the signed-in agent's own name too. */
  matches(users: readonly User[]): User[] {
    const query = this.#query?.text.trim().toLocaleLowerCase() ?? '';
    return users.filter((u) => u.name.toLocaleLowerCase().split(/\s+/).some((word) => word.startsWith(query)) || u.name.toLocaleLowerCase().startsWith(query)).slice(0, SHOWN);
  }

  /**
   * Arrow keys move in the list, Enter and Tab pick, Escape closes: true when the key was the
   * list's (the composer then does nothing else with it).
   */
  key(event: KeyboardEvent, users: readonly User[], pick: (user: User) => void): boolean {
    if (!this.#query) return false;
    const shown = this.matches(users);
    if (event.key === 'Escape') {
      this.close();
      return true;
    }
    if (shown.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.#active = (this.#active + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      this.#host.requestUpdate();
      return true;
    }
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      pick(shown[this.#active] ?? shown[0]!);
      return true;
    }
    return false;
  }

  /** What a pick writes: "@Name " in place of the "@query" up to the cursor. */
  pick(cursor: number, user: User): { start: number; end: number; text: string } {
    const start = this.#query?.at ?? cursor;
    this.#picked.set(user.name, user.id);
    this.close();
    return { start, end: cursor, text: `@${user.name} ` };
  }

  /** The agents a note names: those picked whose "@Name" is still in it. */
  mentioned(value: string): string[] {
    return [...this.#picked].filter(([name]) => value.includes(`@${name}`)).map(([, id]) => id);
  }

  forget(): void {
    this.#picked.clear();
    this.close();
  }

  render(l: Localize, users: readonly User[], pick: (user: User) => void) {
    if (!this.#query) return nothing;
    const shown = this.matches(users);
    if (shown.length === 0) return html`<div class="hint mentions" part="mention-list" role="status">${l.t('mentionNone')}</div>`;
    return html`<ul class="mentions" part="mention-list" role="listbox" id="mention-list" aria-label=${l.t('mentionList')}>
      ${shown.map(
        (user, i) => html`<li
          role="option"
          id=${`mention-${i}`}
          part=${i === this.#active ? 'mention-option mention-option-active' : 'mention-option'}
          aria-selected=${i === this.#active ? 'true' : 'false'}
          @mousedown=${(event: Event) => event.preventDefault()}
          @click=${() => pick(user)}
        >
          ${user.name}
        </li>`,
      )}
    </ul>`;
  }

  /** For the textarea: the listbox it controls and the option in focus, while open. */
  get activeDescendant(): string | undefined {
    return this.#query ? `mention-${this.#active}` : undefined;
  }
}
