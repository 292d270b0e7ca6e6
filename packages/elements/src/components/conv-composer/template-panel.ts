// WhatsApp templates in the composer: what an agent sends once the contact's 24-hour window has
// closed (the only thing WhatsApp takes then), and may send any time. The panel lists the
// workspace's templates (templates.list, read again after a minute), approved ones to pick and
// the others saying why not; a pick asks for each variable (merge tags welcome, a name-like one
// filled with the contact's first name), previews the text as the contact will read it, rendered
// by the functions the server sends with, and sends it as a template.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { fillTemplate, isConvError, templateValueProblem, type ConvClient, type MergeContext, type MessageTemplate } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { ConvMessageSendEvent } from '../../events/message-send.js';
import { ConvMessageSentEvent } from '../../events/message-sent.js';
import { mergeResult } from './merge-preview.js';

/** How long a list read is used before the next opening reads it again. */
const FRESH_MS = 60_000;

/** What a variable starts as, from the example WhatsApp approved it with. */
function suggested(example: string): string {
  if (/agent|owner|rep/i.test(example)) return '{{contact.owner.name | "our team"}}';
  if (/name/i.test(example) && !/company|business|property/i.test(example)) return '{{contact.first_name | "there"}}';
  return '';
}

export interface TemplatePanelContext {
  client: ConvClient | undefined;
  conversationId: string;
  connected: boolean;
  /** What merge tags read; null until the contact's record is here. */
  merge: MergeContext | null;
}

export class TemplatePanel {
  readonly #host: ReactiveControllerHost & HTMLElement;
  open = false;
  #items: MessageTemplate[] | null = null;
  #readAt = 0;
  #reading = false;
  #error = '';
  #query = '';
  #chosen: MessageTemplate | null = null;
  #values: Record<string, string> = {};
  /** Send was pressed: every variable's problem shows, not only those typed in. */
  #tried = false;
  #sending = false;
  #sendError = '';

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
  }

  /** Opens the list (reading it when it is older than a minute), or closes the panel. */
  toggle(client: ConvClient | undefined, open = !this.open): void {
    this.open = open;
    if (!open) return this.#close();
    this.#chosen = null;
    this.#query = '';
    if (client && !this.#reading && (this.#error || Date.now() - this.#readAt > FRESH_MS)) void this.#read(client);
    this.#focus('[part~="template-search"]');
  }

  /** Another conversation: nothing chosen for the last one goes on. */
  forget(): void {
    this.open = false;
    this.#chosen = null;
    this.#values = {};
    this.#sendError = '';
  }

  async #read(client: ConvClient): Promise<void> {
    this.#reading = true;
    this.#error = '';
    this.#host.requestUpdate();
    try {
      const { items } = await client.request('templates.list', {});
      this.#items = items;
      this.#readAt = Date.now();
    } catch (error) {
      this.#error = isConvError(error) ? error.message : String(error);
    } finally {
      this.#reading = false;
      this.#host.requestUpdate();
    }
  }

  #close(): void {
    this.forget();
    this.#host.requestUpdate();
    this.#focus('[part~="template-button"]');
  }

  #focus(selector: string): void {
    this.#host.requestUpdate();
    void (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => this.#host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  }

  #choose(template: MessageTemplate): void {
    this.#chosen = template;
    this.#values = Object.fromEntries(template.variables.map((v) => [v.key, suggested(v.example)]));
    this.#tried = false;
    this.#sendError = '';
    this.#focus('[part~="template-variable"]');
  }

  /** Each variable as the contact will read it, or what stops it going. */
  #rendered(merge: MergeContext | null): Record<string, { text: string; problem: string | null }> {
    const out: Record<string, { text: string; problem: string | null }> = {};
    for (const { key } of this.#chosen?.variables ?? []) {
      const raw = this.#values[key] ?? '';
      const result = mergeResult(raw, merge);
      const text = result && 'text' in result ? result.text : raw.trim();
      out[key] = { text, problem: result && 'error' in result ? result.error : templateValueProblem(text) };
    }
    return out;
  }

  /** The panel, while open. */
  render(l: Localize, context: TemplatePanelContext): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    return html`<div class="templates" part="templates" role="group" aria-label=${l.t('templateHeading')} @keydown=${this.#onKeyDown}>
      ${this.#chosen ? this.#renderChosen(l, this.#chosen, context) : this.#renderList(l, context.client)}
    </div>`;
  }

  #renderList(l: Localize, client: ConvClient | undefined): TemplateResult {
    const query = this.#query.trim().toLocaleLowerCase();
    const items = (this.#items ?? []).filter((t) => !query || t.name.toLocaleLowerCase().includes(query) || t.body.toLocaleLowerCase().includes(query));
    const body = this.#error
      ? html`<div class="error" role="alert">${l.t('templateFailed', this.#error)} <button class="button" type="button" part="template-retry" @click=${() => client && void this.#read(client)}>${l.t('templateRetry')}</button></div>`
      : this.#items === null
        ? html`<div class="hint" role="status">${l.t('templateLoading')}</div>`
        : this.#items.length === 0
          ? html`<div class="hint" role="status">${l.t('templateEmpty')}</div>`
          : items.length === 0
            ? html`<div class="hint" role="status">${l.t('templateNone')}</div>`
            : html`<ul class="template-list">
                ${items.map(
                  (t) => html`<li>
                    <button class="template-option" type="button" part="template-option" ?disabled=${t.status !== 'approved'} @click=${() => this.#choose(t)}>
                      <strong>${t.name}</strong> <span class="template-meta">${[t.category, t.language].filter(Boolean).join(' · ')}</span>
                      <span class="template-body">${t.body}</span>
                      ${t.status === 'approved' ? nothing : html`<span class="template-status" part="template-status">${l.t('templateStatus', t.status, t.rejectionReason ?? '')}</span>`}
                    </button>
                  </li>`,
                )}
              </ul>`;
    return html`<div class="template-head">
        <strong>${l.t('templateHeading')}</strong>
        <input type="search" part="template-search" aria-label=${l.t('templateSearch')} placeholder=${l.t('templateSearch')} .value=${this.#query} @input=${(e: Event) => {
          this.#query = (e.target as HTMLInputElement).value;
          this.#host.requestUpdate();
        }} />
        <button class="button" type="button" part="template-close" @click=${() => this.#close()}>${l.t('templateClose')}</button>
      </div>
      ${body}`;
  }

  #renderChosen(l: Localize, template: MessageTemplate, context: TemplatePanelContext): TemplateResult {
    const rendered = this.#rendered(context.merge);
    const blocked = Object.values(rendered).some((v) => v.problem);
    const preview = fillTemplate(template.body, Object.fromEntries(Object.entries(rendered).filter(([, v]) => v.text).map(([k, v]) => [k, v.text])));
    const problemText = (key: string, problem: string) => (problem === 'empty' ? l.t('templateValueEmpty', key) : problem === 'layout' ? l.t('templateValueLayout', key) : problem);
    return html`<div class="template-head">
        <strong>${template.name}</strong>
        <span class="spacer"></span>
        <button class="button" type="button" part="template-back" @click=${() => this.toggle(context.client, true)}>${l.t('templateBack')}</button>
      </div>
      ${template.variables.map(({ key, example }) => {
        const { problem } = rendered[key]!;
        const shown = problem && (this.#tried || (this.#values[key] ?? '') !== '');
        return html`<label class="template-variable">
          <span>${l.t('templateVariable', key)}</span>
          <input
            part="template-variable"
            .value=${this.#values[key] ?? ''}
            placeholder=${example ? l.t('templateExample', example) : ''}
            aria-invalid=${shown ? 'true' : 'false'}
            aria-describedby=${shown ? `template-problem-${key}` : nothing}
            @input=${(e: Event) => {
              this.#values = { ...this.#values, [key]: (e.target as HTMLInputElement).value };
              this.#host.requestUpdate();
            }}
          />
          ${shown ? html`<span class="error" id=${`template-problem-${key}`}>${problemText(key, problem)}</span>` : nothing}
        </label>`;
      })}
      <div class="hint merge-preview" part="template-preview"><span class="visually-hidden">${l.t('templatePreview')}</span>${preview}</div>
      ${this.#sendError ? html`<div class="error" role="alert">${l.t('composerNotSent', this.#sendError)}</div>` : nothing}
      <div class="template-actions">
        <button class="button send" type="button" part="template-send" ?disabled=${!context.connected || !context.conversationId || this.#sending} @click=${() => void this.#send(template, context, blocked, rendered)}>
          ${l.t('templateSend')}
        </button>
      </div>`;
  }

  async #send(template: MessageTemplate, context: TemplatePanelContext, blocked: boolean, rendered: Record<string, { text: string }>): Promise<void> {
    this.#tried = true;
    this.#host.requestUpdate();
    const { client, conversationId } = context;
    if (blocked || !client || !conversationId) return;
    const variables = { ...this.#values };
    const preview = fillTemplate(template.body, Object.fromEntries(Object.entries(rendered).map(([k, v]) => [k, v.text])));
    const request = new ConvMessageSendEvent({ conversationId, body: preview, channel: 'whatsapp', kind: 'message', template: { id: template.id, variables } });
    this.#host.dispatchEvent(request);
    if (request.defaultPrevented) return;
    this.#sending = true;
    this.#sendError = '';
    try {
      const message = await client.messages.send({ conversationId, body: '', channel: 'whatsapp', kind: 'message', template: { id: template.id, variables }, preview });
      this.#host.dispatchEvent(new ConvMessageSentEvent({ conversationId, message }));
      this.#close();
    } catch (error) {
      this.#sendError = isConvError(error) ? error.message : String(error);
    } finally {
      this.#sending = false;
      this.#host.requestUpdate();
    }
  }

  #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.toggle(undefined, false);
  };
}
