// A list the composer's textarea opens as the agent types a trigger ("@" for an agent in a note,
// "/" for a saved reply): what follows the trigger up to the cursor filters it; arrow keys move,
// Enter or Tab picks, Escape closes, and the textarea points at the option in focus
// (aria-activedescendant), so the focus never leaves the text.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Localize } from '../../i18n/localize.js';

const SHOWN = 8;

export interface InlinePickerOptions<T> {
  /** The trigger and the query before the cursor: group 2 is the query. */
  trigger: RegExp;
  /** Names the list's id and parts: `<name>-list`, `<name>-option`, `<name>-option-active`. */
  name: string;
  /** The items that match the query, best first. */
  matches(items: readonly T[], query: string): T[];
  option(item: T): TemplateResult | string;
  /** The list's name, and what it says when nothing matches. */
  label(l: Localize): string;
  none(l: Localize): string;
}

export class InlinePicker<T> {
  readonly #host: ReactiveControllerHost;
  readonly #options: InlinePickerOptions<T>;
  /** Where the trigger is, and what follows it up to the cursor; null: closed. */
  #query: { at: number; text: string } | null = null;
  #active = 0;

  constructor(host: ReactiveControllerHost, options: InlinePickerOptions<T>) {
    this.#host = host;
    this.#options = options;
  }

  get open(): boolean {
    return this.#query !== null;
  }

  /** Follows the text up to the cursor: the trigger with a query opens the list. */
  follow(value: string, cursor: number): void {
    const match = this.#options.trigger.exec(value.slice(0, cursor));
    const next = match ? { at: cursor - match[2]!.length - 1, text: match[2]! } : null;
    if (next?.text !== this.#query?.text || next?.at !== this.#query?.at) this.#active = 0;
    this.#query = next;
    this.#host.requestUpdate();
  }

  close(): void {
    this.#query = null;
    this.#host.requestUpdate();
  }

  matches(items: readonly T[]): T[] {
    return this.#options.matches(items, this.#query?.text.trim().toLocaleLowerCase() ?? '').slice(0, SHOWN);
  }

  /** Arrow keys, Enter, Tab and Escape while open: true when the key was the list's. */
  key(event: KeyboardEvent, items: readonly T[], pick: (item: T) => void): boolean {
    if (!this.#query) return false;
    const shown = this.matches(items);
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

  /** The text a pick replaces (the trigger and the query, up to the cursor); closes the list. */
  take(cursor: number): { start: number; end: number } {
    const start = this.#query?.at ?? cursor;
    this.close();
    return { start, end: cursor };
  }

  /** `items`: null while they load. */
  render(l: Localize, items: readonly T[] | null, pick: (item: T) => void, loading = ''): TemplateResult | typeof nothing {
    if (!this.#query) return nothing;
    const { name } = this.#options;
    if (items === null) return html`<div class="hint inline-list" part=${`${name}-list`} role="status">${loading}</div>`;
    const shown = this.matches(items);
    if (shown.length === 0) return html`<div class="hint inline-list" part=${`${name}-list`} role="status">${this.#options.none(l)}</div>`;
    return html`<ul class="inline-list" part=${`${name}-list`} role="listbox" id=${`${name}-list`} aria-label=${this.#options.label(l)}>
      ${shown.map(
        (item, i) => html`<li
          role="option"
          id=${`${name}-${i}`}
          part=${i === this.#active ? `${name}-option ${name}-option-active` : `${name}-option`}
          aria-selected=${i === this.#active ? 'true' : 'false'}
          @mousedown=${(event: Event) => event.preventDefault()}
          @click=${() => pick(item)}
        >
          ${this.#options.option(item)}
        </li>`,
      )}
    </ul>`;
  }

  /** For the textarea, while open: the listbox it controls, and the option in focus. */
  get controls(): string | undefined {
    return this.#query ? `${this.#options.name}-list` : undefined;
  }

  get activeDescendant(): string | undefined {
    return this.#query ? `${this.#options.name}-${this.#active}` : undefined;
  }
}
