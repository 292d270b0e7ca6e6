// The composer's emoji button and panel: emoji-picker-element, whose chunk is fetched on first
// open and whose data comes from the Convkit server the client talks to (its languages' names and
// keywords, kept in the browser after the first time). A picked emoji goes where the cursor is;
// Escape closes the panel and gives the focus back to the button.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConvClient } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { emojiPicker } from '../../internal/load-emoji.js';

const SMILE = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><circle cx="12" cy="12" r="9"/><path d="M8.5 14.5c1 1.3 2.1 2 3.5 2s2.5-.7 3.5-2"/><path d="M9 9.5h.01M15 9.5h.01"/></svg>`;

export class EmojiPanel {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #insert: (text: string) => void;
  open = false;
  /** Why the picker could not be downloaded; the next open tries again. */
  #error = '';

  constructor(host: ReactiveControllerHost & HTMLElement, insert: (text: string) => void) {
    this.#host = host;
    this.#insert = insert;
  }

  toggle(): void {
    this.open = !this.open;
    this.#error = '';
    if (this.open) {
      emojiPicker.load().then(
        () => this.#focusSearch(),
        (error: unknown) => {
          this.#error = error instanceof Error ? error.message : String(error);
          this.#host.requestUpdate();
        },
      );
    }
    this.#host.requestUpdate();
  }

  /** Opened: the focus goes to the picker's search box, so typing finds an emoji at once. */
  #focusSearch(): void {
    this.#host.requestUpdate();
    void (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => {
      const picker = this.#host.shadowRoot?.querySelector('emoji-picker');
      picker?.shadowRoot?.querySelector<HTMLElement>('input[type="search"]')?.focus();
    });
  }

  /** The toolbar's button. */
  button(l: Localize, disabled: boolean): TemplateResult {
    return html`<button
      class="button icon-only"
      part="emoji-button"
      type="button"
      aria-label=${l.t('composerEmoji')}
      title=${l.t('composerEmoji')}
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls="emoji-panel"
      ?disabled=${disabled}
      @click=${() => this.toggle()}
      @keydown=${this.#onKeyDown}
    >
      ${SMILE}
    </button>`;
  }

  /** The panel under the text, while open. */
  panel(l: Localize, client: ConvClient | undefined, lang: string): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const picker = emojiPicker.value;
    const body = this.#error
      ? html`<div class="error" role="alert">${l.t('composerEmojiFailed', this.#error)}</div>`
      : !picker || !client
        ? html`<div class="hint" role="status">${l.t('composerEmojiLoading')}</div>`
        : html`<emoji-picker
            part="emoji-picker"
            class="emoji-picker"
            locale=${lang}
            data-source=${new URL(`/convkit/v1/emoji/${picker.emojiDataLanguage(lang)}/data.json`, client.url).href}
            .i18n=${picker.emojiPickerWords(lang)}
            @emoji-click=${(event: CustomEvent<{ unicode?: string }>) => this.#pick(event.detail.unicode)}
          ></emoji-picker>`;
    return html`<div class="emoji-panel" part="emoji-panel" id="emoji-panel" role="dialog" aria-label=${l.t('composerEmoji')} @keydown=${this.#onKeyDown}>${body}</div>`;
  }

  #pick(emoji: string | undefined): void {
    if (!emoji) return;
    this.open = false;
    this.#insert(emoji);
  }

  #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.open = false;
    this.#host.requestUpdate();
    void (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => this.#host.shadowRoot?.querySelector<HTMLElement>('[part="emoji-button"]')?.focus());
  };
}
