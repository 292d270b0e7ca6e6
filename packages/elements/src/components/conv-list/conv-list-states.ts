// The list's loading, error and empty blocks.
import { html, nothing } from 'lit';
import type { ConvError } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

export function renderLoading(l: Localize) {
  return html`
    <div class="loading" part="state" role="status" aria-busy="true">
      <span class="visually-hidden">${l.t('listLoading')}</span>
      ${[0, 1, 2, 3, 4].map(
        () => html`
          <div class="skeleton-row" aria-hidden="true">
            <span class="skeleton" style="width:2.25rem;height:2.25rem;border-radius:50%"></span>
            <span class="skeleton-lines">
              <span class="skeleton" style="height:0.8rem;width:55%"></span>
              <span class="skeleton" style="height:0.7rem;width:85%"></span>
            </span>
          </div>
        `,
      )}
    </div>
  `;
}

export function renderError(l: Localize, error: ConvError | null, retry: () => void) {
  return html`
    <div class="state state--error" part="state" role="alert">
      <span>${l.t('listError', error?.message ?? '')}</span>
      <button class="button" part="retry-button" type="button" @click=${retry}>${l.t('retry')}</button>
    </div>
  `;
}

/** The empty view, or the empty result of a search or filters with a way out of them. */
export function renderEmpty(l: Localize, message: string, clearFilters?: () => void) {
  return html`
    <div class="state" part="state" role="status">
      <span class="empty-message">${message}</span>
      ${clearFilters ? html`<button class="button" part="clear-filters" type="button" @click=${clearFilters}>${l.t('clearFilters')}</button>` : nothing}
    </div>
  `;
}
