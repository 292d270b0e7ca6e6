// A list to pick one item from, with an optional search box: the assignee and label pickers of
// the filter bar, the bulk bar and the row menu. The WAI-ARIA combobox pattern when searchable
// (focus stays in the box, arrows move the active option), a focusable listbox otherwise.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { Localize } from '../i18n/localize.js';
import '../i18n/terms/picker.js';
import { labelSwatch } from './triage.js';

export interface PickerItem {
  value: string;
  label: string;
  /** A label colour, drawn as a dot. */
  color?: string;
  /** Muted text at the end ("you", "current"). */
  hint?: string;
  /** Marked as the current choice (aria-selected). */
  selected?: boolean;
}

export interface PickerOptions {
  /** The host element's words and language. */
  l: Localize;
  /** The list's accessible name ("Assignee"). */
  label: string;
  items: readonly PickerItem[];
  searchable?: boolean;
  onPick: (item: PickerItem) => void;
}

let nextId = 0;

/** The picker's own state (search text, active option) for the host that renders it. */
export class PickerController {
  readonly #host: ReactiveControllerHost;
  readonly #id = `picker-${++nextId}`;
  query = '';
  active = 0;
  #visible: readonly PickerItem[] = [];
  #onPick: (item: PickerItem) => void = () => {};

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Back to no search and the current choice active: call when the picker opens. */
  reset(items: readonly PickerItem[] = []): void {
    this.query = '';
    this.active = Math.max(0, items.findIndex((item) => item.selected));
    this.#host.requestUpdate();
  }

  render({ l, label, items, searchable = false, onPick }: PickerOptions): TemplateResult {
    const query = this.query.trim().toLowerCase();
    const visible = query ? items.filter((item) => item.label.toLowerCase().includes(query)) : items;
    this.#visible = visible;
    this.#onPick = onPick;
    const active = Math.min(this.active, visible.length - 1);
    const listId = `${this.#id}-list`;
    const optionId = (i: number) => `${this.#id}-opt-${i}`;
    return html`
      ${searchable
        ? html`<input
            class="picker-search"
            part="picker-search"
            type="text"
            role="combobox"
            autocomplete="off"
            aria-label=${l.t('pickerSearchLabel', label)}
            aria-expanded="true"
            aria-controls=${listId}
            aria-autocomplete="list"
            aria-activedescendant=${active >= 0 ? optionId(active) : nothing}
            placeholder=${l.t('pickerSearch')}
            .value=${this.query}
            @input=${this.#onInput}
            @keydown=${this.#onKeyDown}
          />`
        : nothing}
      ${visible.length === 0
        ? html`<div class="picker-empty" role="status">${l.t('noMatches')}</div>`
        : html`<div
            class="picker-list"
            id=${listId}
            role="listbox"
            aria-label=${label}
            tabindex=${searchable ? '-1' : '0'}
            aria-activedescendant=${!searchable && active >= 0 ? optionId(active) : nothing}
            @keydown=${this.#onKeyDown}
          >
            ${visible.map(
              (item, i) => html`<div
                class=${classMap({ 'picker-option': true, active: i === active })}
                id=${optionId(i)}
                role="option"
                part="picker-option"
                data-value=${item.value}
                aria-selected=${item.selected ? 'true' : 'false'}
                @click=${() => onPick(item)}
              >
                ${item.color ? labelSwatch(item.color) : nothing}<span>${item.label}</span>${item.hint ? html`<span class="hint">${item.hint}</span>` : nothing}
              </div>`,
            )}
          </div>`}
    `;
  }

  #onInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.active = 0;
    this.#host.requestUpdate();
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    const count = this.#visible.length;
    const moves: Record<string, number> = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, Home: 0, End: count - 1 };
    if (event.key in moves) {
      // Home/End move the caret in a search box; the arrows are the picker's.
      if (event.target instanceof HTMLInputElement && (event.key === 'Home' || event.key === 'End')) return;
      event.preventDefault();
      this.active = Math.max(0, Math.min(count - 1, moves[event.key]!));
      this.#host.requestUpdate();
      return;
    }
    const isSpace = event.key === ' ' && !(event.target instanceof HTMLInputElement);
    if ((event.key === 'Enter' || isSpace) && count > 0) {
      event.preventDefault();
      this.#onPick(this.#visible[Math.min(this.active, count - 1)]!);
    }
  };
}
