import { html, type TemplateResult } from 'lit';
import type { Localize } from '../i18n/localize.js';

/** A failed action's message, announced as an alert, with a Dismiss button (styles: `.notice`). */
export function notice(l: Localize, message: string, part: string, dismiss: () => void): TemplateResult {
  return html`<div class="notice" part=${part}><span role="alert">${message}</span><button type="button" class="button" @click=${dismiss}>${l.t('dismiss')}</button></div>`;
}
