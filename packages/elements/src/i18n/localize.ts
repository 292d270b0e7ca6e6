// Every string an element shows, in the language of its nearest `lang`: its own attribute, an
// ancestor's (across shadow roots, so `<conv-inbox lang="es">` covers the parts inside it), or
// the page's `<html lang>`. English is the source: each element's module defines its English
// terms beside it (i18n/terms/*), so a lazily loaded element brings its own words. A translation
// registered for a language overrides what it names; anything it lacks stays English.
//
// Why not @lit/localize: it keeps one locale for the whole page, and elements here take their
// language per element. Why not @shoelace-style/localize: it reads only the element's own `lang`
// and holds every English term in one table, which would put the lazy elements' words in the
// first download. What both give beyond this file is Intl, used here directly.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConvTerms } from './terms.js';

/** A count's forms by CLDR plural category; `#` stands for the formatted count. */
export type PluralTerm = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Term = string | PluralTerm | ((...args: never[]) => string);

export interface TranslationMeta {
  /** A BCP 47 language tag: `es`, `pt-BR`. A region's translation falls back to its language's. */
  $code: string;
  /** The language's own name, for a language picker: "Español". */
  $name: string;
  $dir: 'ltr' | 'rtl';
}

type TermShape<T> = T extends string ? string : T extends PluralTerm ? PluralTerm : T;
/** A complete translation: every term Convkit shows, in the shape English gives it. */
export type ConvTranslation = TranslationMeta & { [K in keyof ConvTerms]: TermShape<ConvTerms[K]> };
/** What `registerTranslation` takes: any part of a translation (the rest stays English). */
export type PartialTranslation = TranslationMeta & Partial<Omit<ConvTranslation, keyof TranslationMeta>>;

type TermArgs<T> = T extends string ? [] : T extends PluralTerm ? [count: number] : T extends (...args: infer A) => string ? A : never;

const english: Record<string, Term> = {};
const translations = new Map<string, Record<string, Term | undefined>>();
/** Translations that ship with Convkit, fetched the first time an element asks for them. */
const shipped: Record<string, () => Promise<unknown>> = { es: () => import('./es.js') };
const requested = new Map<string, Promise<void>>();
const hosts = new Set<ReactiveControllerHost>();

/** Adds English terms (an element module's own); returns them for typing. */
export function defineTerms<T extends Record<string, Term>>(terms: T): T {
  Object.assign(english, terms);
  return terms;
}

/**
 * Adds a translation, or more terms to one already registered for the same `$code`, and redraws
 * every element. A host adds a language this way without forking Convkit.
 */
export function registerTranslation(...added: PartialTranslation[]): void {
  for (const translation of added) {
    const code = translation.$code.toLowerCase();
    translations.set(code, { ...translations.get(code), ...(translation as unknown as Record<string, Term>) });
  }
  refresh();
}

/**
 * Fetches a translation that ships with Convkit (`es`), so a page can have it before its first
 * paint; elements also fetch it themselves when their language asks for it. Resolves when it is
 * registered; a language Convkit does not ship resolves at once (English is shown).
 */
export function loadTranslation(lang: string): Promise<void> {
  const language = lang.toLowerCase().split('-')[0]!;
  const load = shipped[language];
  if (!load || translations.has(language)) return Promise.resolve();
  let pending = requested.get(language);
  if (!pending) {
    pending = load().then(
      () => undefined,
      (error: unknown) => {
        // Not cached: the next element that asks tries again. Until then it reads English.
        requested.delete(language);
        console.warn(`[convkit] Could not load the "${language}" translation; showing English.`, error);
      },
    );
    requested.set(language, pending);
  }
  return pending;
}

/** Redraws every connected element, after a translation or a `lang`/`dir` changed. */
export function refresh(): void {
  for (const host of hosts) host.requestUpdate();
}

// A `lang` or `dir` change anywhere in the page's light DOM (the page's own, or a wrapper's the
// host sets) redraws the elements; the elements watch their own attributes (base/conv-element).
if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
  new MutationObserver(refresh).observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
}

/** The nearest value of `attribute` from `element` up, crossing shadow roots to their hosts. */
function nearest(element: Element, attribute: 'lang'): string {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    const value = node.getAttribute(attribute);
    if (value) return value;
  }
  return '';
}

function validTag(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const formatters = new Map<string, unknown>();
/** One Intl formatter per kind, language and options: they are costly to make and rows use many. */
export function cached<F>(kind: string, lang: string, options: object | undefined, make: () => F): F {
  const key = `${kind}|${lang}|${options ? JSON.stringify(options) : ''}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/**
 * An element's words and formats. Every Convkit element has one (`this.localize` on ConvElement);
 * helpers that draw for an element take it.
 */
export class Localize implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /** The language this element speaks: a canonical BCP 47 tag. */
  lang(): string {
    return validTag(nearest(this.#host, 'lang') || (typeof navigator === 'undefined' ? 'en' : navigator.language));
  }

  /** The element's direction as laid out: from the nearest `dir`, or the host's CSS. */
  dir(): 'ltr' | 'rtl' {
    return getComputedStyle(this.#host).direction === 'rtl' ? 'rtl' : 'ltr';
  }

  /** A term in this element's language: English where the translation lacks it. */
  t<K extends keyof ConvTerms & string>(key: K, ...args: TermArgs<ConvTerms[K]>): string {
    const lang = this.lang();
    const language = lang.split('-')[0]!.toLowerCase();
    const term = translations.get(lang.toLowerCase())?.[key] ?? translations.get(language)?.[key] ?? english[key];
    if (language !== 'en' && !translations.has(language)) void loadTranslation(language);
    if (term === undefined) return key;
    if (typeof term === 'string') return term;
    if (typeof term === 'function') return (term as (...a: unknown[]) => string)(...args);
    const count = args[0] as number;
    const form = term[cached('plural', lang, undefined, () => new Intl.PluralRules(lang)).select(count)] ?? term.other;
    return form.replace('#', this.number(count));
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    const lang = this.lang();
    return cached('number', lang, options, () => new Intl.NumberFormat(lang, options)).format(value);
  }

  date(value: Date | string, options: Intl.DateTimeFormatOptions): string {
    const lang = this.lang();
    return cached('date', lang, options, () => new Intl.DateTimeFormat(lang, options)).format(new Date(value));
  }

}
