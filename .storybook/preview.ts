// Every story: autodocs from the elements' custom-elements.json (written by the elements' build,
// before Storybook's), the a11y panel, and two toolbar switches a designer flips on any story:
// theme (light, dark, or the system's) and locale (English, Spanish, Arabic right to left).
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref as refDirective } from 'lit/directives/ref.js';
import manifest from '../packages/elements/dist/custom-elements.json';
import { registerTranslation } from '../packages/elements/src/i18n/localize.js';
import { arabicSample } from './arabic-sample.js';

// Controls and the docs tables list each element's attributes, properties, events, slots, CSS
// parts and custom properties as the manifest declares them.
setCustomElementsManifest(manifest);

// English and Spanish ship with the elements; Arabic is added here as a host would add it.
registerTranslation(arabicSample);

const THEMES = ['light', 'dark', 'auto'] as const;
/** The toolbar's locales; `dir` follows the language. */
const LOCALES = { en: 'ltr', es: 'ltr', ar: 'rtl' } as const;
type Locale = keyof typeof LOCALES;

/** Every Convkit element in the story, through shadow roots (the inbox is made of the parts). */
function convkitElements(root: ParentNode, found: Element[] = []): Element[] {
  for (const el of root.querySelectorAll('*')) {
    if (/^(conv-|contact-panel$)/.test(el.localName)) found.push(el);
    if (el.shadowRoot) convkitElements(el.shadowRoot, found);
  }
  return found;
}

/**
 * Sets `theme` on each Convkit element and `lang`/`dir` on the story's wrapper: the elements read
 * `lang` and `dir` from an ancestor. Elements that appear later (lazy parts, a thread opened by
 * a click) get the theme too, through a MutationObserver on the wrapper's subtree.
 */
const withThemeAndLocale: Decorator = (story, context) => {
  const theme = (THEMES as readonly string[]).includes(context.globals['theme']) ? (context.globals['theme'] as string) : 'auto';
  const locale: Locale = context.globals['locale'] in LOCALES ? (context.globals['locale'] as Locale) : 'en';
  const apply = (root: ParentNode) => {
    for (const el of convkitElements(root)) if (el.getAttribute('theme') !== theme) el.setAttribute('theme', theme);
  };
  const ref = (wrapper?: Element) => {
    if (!wrapper) return;
    apply(wrapper);
    const previous = (wrapper as { convkitObserver?: MutationObserver }).convkitObserver;
    previous?.disconnect();
    const observer = new MutationObserver(() => apply(wrapper));
    observer.observe(wrapper, { childList: true, subtree: true });
    (wrapper as { convkitObserver?: MutationObserver }).convkitObserver = observer;
    // Shadow roots fill in after the first render: apply again once the elements have drawn.
    void Promise.all(convkitElements(wrapper).map((el) => (el as { updateComplete?: Promise<unknown> }).updateComplete)).then(() => apply(wrapper));
  };
  return html`<div class="convkit-story" data-theme=${theme} lang=${locale} dir=${LOCALES[locale]} ${refDirective(ref)}>${story()}</div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
    // Check each story against WCAG rules in the a11y panel; failures show as violations there.
    a11y: { test: 'todo' },
  },
  globalTypes: {
    theme: {
      description: 'The elements\' theme attribute',
      toolbar: { title: 'Theme', icon: 'mirror', items: [...THEMES], dynamicTitle: true },
    },
    locale: {
      description: 'lang (and dir) on the story\'s wrapper',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'es', title: 'Español' },
          { value: 'ar', title: 'العربية (RTL)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'auto', locale: 'en' },
  decorators: [withThemeAndLocale],
};

export default preview;
