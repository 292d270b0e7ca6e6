import { LitElement, type CSSResultGroup } from 'lit';
import { Localize, refresh } from '../i18n/localize.js';
// The first screen's words and those every element shares (Retry, channel names…).
import '../i18n/terms/core.js';
import { hostStyles } from '../styles/shared.styles.js';
import { VERSION } from '../version.js';

/**
 * The base of every Convkit element: shared host styles, its words in its language (`lang` on
 * it, an ancestor or the page), and a `define()` that tolerates the widget being loaded twice
 * in a foreign page.
 *
 * @attr {'light' | 'dark' | 'auto'} theme - light or dark, or auto to follow the system's setting; unset, the page's `color-scheme` decides (light when it sets none). Elements inside a themed one follow it.
 * @attr {'compact'} density - compact: tighter spacing and rows, for this element and those inside it (the `--conv-density-scale` token, 1 by default, sets any factor).
 * @attr {string} lang - The language of its words, dates and numbers, for this element and those inside it (a BCP 47 tag: `es`, `pt-BR`); unset, an ancestor's `lang` or the page's. English and Spanish ship; `registerTranslation` adds others.
 * @attr {'ltr' | 'rtl' | 'auto'} dir - Right to left with `rtl`, as for any HTML element; unset, the page's direction.
 */
export class ConvElement extends LitElement {
  static override styles: CSSResultGroup = [hostStyles];

  /** The `theme` attribute, for typings; the styles read the attribute (styles/shared.styles.ts). */
  declare theme?: 'light' | 'dark' | 'auto';

  /** The `density` attribute, for typings, like `theme`. */
  declare density?: 'compact';

  /** HTML's own `lang`, here for typings: the elements read it from themselves or an ancestor. */
  declare lang: string;

  /** HTML's own `dir`, here for typings. */
  declare dir: string;

  /** The Convkit version of this class; compared by `define()` when the tag already exists. */
  static readonly version: string = VERSION;

  /** Terms and Intl formats in this element's language; helpers that draw for it take it. */
  protected readonly localize = new Localize(this);

  // `lang` is a global attribute: watched here so that changing it on an element inside a shadow
  // root (where the page's observer does not reach) redraws what it covers. Not while upgrading:
  // the first render reads it anyway.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value && this.hasUpdated) refresh();
  }

  /**
   * Registers this class under `tag`. Does nothing when the tag is already registered by the
   * same class or another copy of the same Convkit version (a page that loads the bundle twice);
   * warns when another version holds the tag, since only the first one registered can work.
   */
  static define(this: CustomElementConstructor & { readonly version: string }, tag: string): void {
    const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
    if (!existing) {
      customElements.define(tag, this);
      return;
    }
    if (existing === this || existing.version === this.version) return;
    console.warn(
      `[convkit] <${tag}> is already defined by ${existing.version ? `Convkit ${existing.version}` : 'another library'}; ` +
        `Convkit ${this.version} leaves it as it is.`,
    );
  }
}
