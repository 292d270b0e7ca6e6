// Saved replies in the composer: "/" at the start or after a space offers the workspace's saved
// replies (inline-picker.ts), filtered by their shortcut or title as the agent types; a pick puts
// the reply's text in place of "/query", merge tags and all (the preview shows them filled in).
// The replies are read (snippets.list) each time the list opens after a minute or more.
import { html, type ReactiveControllerHost } from 'lit';
import type { ConvClient, Snippet } from '@convkit/sdk';
import { isConvError } from '@convkit/sdk';
import { InlinePicker } from './inline-picker.js';

/** How long a list read is used before the next opening reads it again. */
const FRESH_MS = 60_000;

function matches(snippets: readonly Snippet[], query: string): Snippet[] {
  if (!query) return [...snippets];
  const byShortcut = snippets.filter((s) => s.shortcut?.startsWith(query));
  const byTitle = snippets.filter((s) => !byShortcut.includes(s) && s.title.toLocaleLowerCase().includes(query));
  return [...byShortcut, ...byTitle];
}

export class SnippetPicker extends InlinePicker<Snippet> {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => ConvClient | undefined;
  #items: Snippet[] | null = null;
  #readAt = 0;
  #error = '';

  constructor(host: ReactiveControllerHost, client: () => ConvClient | undefined) {
    super(host, {
      trigger: /(^|\s)\/([^\s/][^/\n]{0,39}|)$/u,
      name: 'snippet',
      matches,
      option: (snippet) => html`${snippet.title}${snippet.shortcut ? html`<span class="snippet-shortcut">/${snippet.shortcut}</span>` : ''}`,
      label: (l) => l.t('snippetList'),
      none: (l) => l.t('snippetNone'),
    });
    this.#host = host;
    this.#client = client;
  }

  /** The replies: null until the first read answers. */
  get list(): Snippet[] | null {
    return this.#items;
  }

  /** Why the last read failed; closing the list and typing "/" again reads again. */
  get error(): string {
    return this.#error;
  }

  override follow(value: string, cursor: number): void {
    super.follow(value, cursor);
    if (this.open && Date.now() - this.#readAt > FRESH_MS) this.#read();
  }

  override close(): void {
    if (this.#error) {
      this.#error = '';
      this.#readAt = 0;
    }
    super.close();
  }

  /** What a pick writes: the reply's text in place of the "/query" up to the cursor. */
  pick(cursor: number, snippet: Snippet): { start: number; end: number; text: string } {
    return { ...this.take(cursor), text: snippet.body };
  }

  #read(): void {
    const client = this.#client();
    if (!client) return;
    this.#readAt = Date.now();
    client.request('snippets.list', {}).then(
      ({ items }) => {
        this.#items = items;
        this.#error = '';
      },
      (error: unknown) => (this.#error = isConvError(error) ? error.message : String(error)),
    ).finally(() => this.#host.requestUpdate());
  }
}
