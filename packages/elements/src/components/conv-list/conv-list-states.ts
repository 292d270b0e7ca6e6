// The list's loading, error and empty blocks.
import { html, nothing } from 'lit';
import type { ConvError } from '@convkit/sdk';

export function renderLoading() {
  return html`
    <div class="loading" part="state" role="status" aria-busy="true">
      <span class="visually-hidden">Loading conversations…</span>
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

export function renderError(error: ConvError | null, retry: () => void) {
  return html`
    <div class="state state--error" part="state" role="alert">
      <span>Could not load conversations${error?.message ? `: ${error.message}` : '.'}</span>
      <button class="button" part="retry-button" type="button" @click=${retry}>Retry</button>
    </div>
  `;
}

/** The empty view, or the empty result of a search or filters with a way out of them. */
export function renderEmpty(message: string, clearFilters?: () => void) {
  return html`
    <div class="state" part="state" role="status">
      <span class="empty-message">${message}</span>
      ${clearFilters ? html`<button class="button" part="clear-filters" type="button" @click=${clearFilters}>Clear filters</button>` : nothing}
    </div>
  `;
}
