import { html, type TemplateResult } from 'lit';

/** A failed action's message, announced as an alert, with a Dismiss button (styles: `.notice`). */
export function notice(message: string, part: string, dismiss: () => void): TemplateResult {
  return html`<div class="notice" part=${part}><span role="alert">${message}</span><button type="button" class="button" @click=${dismiss}>Dismiss</button></div>`;
}
