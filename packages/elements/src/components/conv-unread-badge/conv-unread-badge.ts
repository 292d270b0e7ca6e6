import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { unreadBadgeStyles } from './conv-unread-badge.styles.js';
import '../../i18n/terms/badge.js';

/**
 * @summary A small badge for the host's own navigation (next to an inbox icon): how many
 * conversations the signed-in agent has unread, live. Hidden at zero and until the count is
 * known; above `max` it reads "99+". Works alone with a `.client`, or inside `<conv-provider>`.
 *
 * @csspart badge - The pill (or the dot).
 *
 * @cssproperty --conv-color-badge - The badge's background.
 * @cssproperty --conv-color-badge-text - The number's colour.
 *
 * @cssstate empty - Nothing unread (or not known yet): the badge is hidden.
 */
export class ConvUnreadBadge extends ConvClientElement {
  static override styles = [ConvClientElement.styles, unreadBadgeStyles];

  /** Above this the badge reads "max+". */
  @property({ type: Number }) accessor max = 99;

  /** A plain dot instead of the number (the number stays in the accessible label). */
  @property({ type: Boolean, reflect: true }) accessor dot = false;

  readonly #unread = new StoreController<number | null>(this, () => this.activeClient?.unread);
  readonly #internals = this.attachInternals();

  /** The unread count, or null before it is known. */
  get count(): number | null {
    return this.#unread.value ?? null;
  }

  // In updated, not willUpdate: a client that arrives by context reaches the store controller
  // only after willUpdate, within the same update.
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    try {
      if (this.count) this.#internals.states.delete('empty');
      else this.#internals.states.add('empty');
    } catch {
      // Browsers before CustomStateSet render nothing at zero instead (below).
    }
  }

  protected override render() {
    const count = this.count;
    if (!count) return nothing;
    const shown = count > this.max ? `${this.localize.number(this.max)}+` : this.localize.number(count);
    const label = this.localize.t('unreadBadge', count);
    return html`<span class="badge" part="badge" aria-hidden="true">${this.dot ? '' : shown}</span><span class="visually-hidden">${label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-unread-badge': ConvUnreadBadge;
  }
}
