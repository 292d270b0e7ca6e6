// An email with an HTML body in the thread. Its text shows first; the HTML is asked for
// (messages.html) and sanitized in its own chunk the first time the email shows, then shown in a
// sandboxed frame sized to it, with the sender's pictures held back until the agent asks. An
// email too large or too deeply nested to show quickly, or one the agent switches to Text, shows
// its text.
import { html, nothing, type TemplateResult } from 'lit';
import type { ConvClient, MessageView } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { linkified } from '../../internal/linkify.js';
import { emailDocuments } from '../../internal/load-email.js';
import type { EmailDocument } from '../../internal/email-document.js';

/** Past this, the HTML is not fetched: its text is shown instead. */
export const EMAIL_HTML_MAX_BYTES = 2 * 1024 * 1024;
/** The tallest a frame grows; a longer email scrolls inside it. */
const FRAME_MAX_PX = 4000;
/** Scripts never run in the frame. allow-same-origin, without scripts, lets the thread size the frame to the email. */
export const EMAIL_SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';

type Loaded = { html: string; documents: Map<boolean, EmailDocument | null> };
type EmailState = { loading: true } | Loaded | { error: string };

export class EmailBodies {
  readonly #client: () => ConvClient | undefined;
  readonly #update: () => void;
  readonly #states = new Map<string, EmailState>();
  /** Emails whose pictures the agent asked for, and those they read as text. */
  readonly #pictures = new Set<string>();
  readonly #asText = new Set<string>();

  constructor(client: () => ConvClient | undefined, update: () => void) {
    this.#client = client;
    this.#update = update;
  }

  /** Bumped by clear(): an answer for an earlier conversation is dropped. */
  #generation = 0;

  /** Another conversation: nothing of this one's emails is kept. */
  clear(): void {
    this.#generation++;
    this.#states.clear();
    this.#pictures.clear();
    this.#asText.clear();
  }

  render(l: Localize, message: MessageView): TemplateResult {
    const text = html`<div class="body">${linkified(message.body)}</div>`;
    if ((message.html?.bytes ?? 0) > EMAIL_HTML_MAX_BYTES) return html`<p class="email-note" part="email-note">${l.t('emailTooLarge')}</p>${text}`;
    const asText = this.#asText.has(message.id);
    const state = asText ? undefined : this.#stateOf(message.id);
    let shown: TemplateResult = text;
    let held = 0;
    if (state && 'error' in state) {
      shown = html`<p class="email-note" part="email-note" role="status">
          ${l.t('emailUnavailable', state.error)}
          <button class="button" type="button" part="email-retry" @click=${() => this.#retry(message.id)}>${l.t('retry')}</button>
        </p>
        ${text}`;
    }
    else if (state && 'html' in state) {
      const pictures = this.#pictures.has(message.id);
      const document = this.#document(state, pictures);
      if (document === null) shown = html`<p class="email-note" part="email-note">${l.t('emailTooComplex')}</p>${text}`;
      else {
        held = document.heldPictures;
        shown = html`<iframe class="email" part="email" title=${l.t('emailFrame', message.subject ?? '')} sandbox=${EMAIL_SANDBOX} srcdoc=${document.srcdoc} @load=${fit}></iframe>`;
      }
    }
    return html`${shown}
      <div class="email-bar" part="email-bar">
        ${held > 0
          ? html`<span class="email-held">${l.t('emailPicturesHeld', held)}</span>
              <button class="button" type="button" part="email-pictures-button" @click=${(event: Event) => this.#showPictures(event, message.id)}>${l.t('emailShowPictures')}</button>`
          : nothing}
        <button class="button" type="button" part="email-view-button" aria-pressed=${asText ? 'true' : 'false'} @click=${() => this.#toggle(this.#asText, message.id)}>${l.t('emailAsText')}</button>
      </div>`;
  }

  /** The button goes with the pictures held: the focus moves to Text beside it. */
  #showPictures(event: Event, id: string): void {
    const bar = (event.currentTarget as HTMLElement).parentElement;
    this.#toggle(this.#pictures, id);
    queueMicrotask(() => bar?.querySelector<HTMLElement>('[part="email-view-button"]')?.focus());
  }

  #retry(id: string): void {
    this.#states.delete(id);
    this.#update();
  }

  #toggle(set: Set<string>, id: string): void {
    if (!set.delete(id)) set.add(id);
    this.#update();
  }

  /** The email's state; asked for after this render the first time, so rendering stays free of side effects. */
  #stateOf(id: string): EmailState | undefined {
    const state = this.#states.get(id);
    if (!state) queueMicrotask(() => this.#states.has(id) || this.#load(id));
    return state;
  }

  #load(id: string): void {
    const client = this.#client();
    if (!client) return;
    const generation = this.#generation;
    this.#states.set(id, { loading: true });
    Promise.all([client.request('messages.html', { id }), emailDocuments.load()]).then(
      ([{ html }]) => generation === this.#generation && this.#states.set(id, { html, documents: new Map() }),
      (error: unknown) => generation === this.#generation && this.#states.set(id, { error: error instanceof Error ? error.message : String(error) }),
    ).finally(this.#update);
  }

  /** Sanitized once per email and per picture choice. */
  #document(state: Loaded, pictures: boolean): EmailDocument | null {
    let document = state.documents.get(pictures);
    if (document === undefined) {
      document = emailDocuments.value!.emailDocument(state.html, pictures);
      state.documents.set(pictures, document);
    }
    return document;
  }
}

/** Sizes the frame to its email once it (and its pictures) loaded. */
function fit(event: Event): void {
  const frame = event.target as HTMLIFrameElement;
  // No document of ours: something in the email navigated the frame away. Back to the email.
  if (!frame.contentDocument) {
    frame.srcdoc = frame.getAttribute('srcdoc') ?? '';
    return;
  }
  const height = frame.contentDocument.documentElement.scrollHeight;
  if (height) frame.style.height = `${Math.min(height, FRAME_MAX_PX)}px`;
}
