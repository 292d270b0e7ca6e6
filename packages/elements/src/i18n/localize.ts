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
/** Shipped languages asked for, by their download. A failed one is forgotten after a while. */
const requested = new Map<string, Promise<void>>();
/** How long a failed download is remembered: elements ask again after it, not at every render. */
const RETRY_DOWNLOAD_MS = 30_000;
const hosts = new Set<Localize>();
/** Counts the changes that can alter an element's language; each Localize resolves it again after one. */
let generation = 0;

/** Adds English terms (an element module's own); returns them for typing. */
export function defineTerms<T extends Record<string, Term>>(terms: T): T {
  Object.assign(english, terms);
  return terms;
}

/** Merges a translation into the one registered for its language: over its terms, or under them. */
function add(translation: TranslationMeta, under: boolean): void {
  const code = translation.$code.toLowerCase();
  const terms = translation as unknown as Record<string, Term>;
  translations.set(code, under ? { ...terms, ...translations.get(code) } : { ...translations.get(code), ...terms });
  refresh();
}

/**
 * Adds a translation, or more terms to one already registered for the same `$code`, and redraws
 * every element. A host adds a language this way without forking Convkit; its terms for a
 * language Convkit ships (`es`) win over the shipped ones, whichever is registered first.
 */
export function registerTranslation(...added: PartialTranslation[]): void {
  for (const translation of added) add(translation, false);
}

/** Registers a translation Convkit ships, under any terms a host already gave for its language. */
export const registerShipped = (translation: ConvTranslation): void => add(translation, true);

/**
 * Fetches a translation that ships with Convkit (`es`), so a page can have it before its first
 * paint; elements also fetch it themselves when their language asks for it. Resolves once it is
 * registered, rejects when it could not be downloaded; a language Convkit does not ship resolves
 * at once (English is shown, with any terms a host registered).
 */
export function loadTranslation(lang: string): Promise<void> {
  const language = lang.toLowerCase().split(/[-_]/)[0]!;
  const load = shipped[language];
  if (!load) return Promise.resolve();
  let pending = requested.get(language);
  if (!pending) {
    pending = load().then(() => undefined);
    requested.set(language, pending);
    pending.catch((error: unknown) => {
      console.warn(`[convkit] The "${language}" translation did not download: English for now.`, error);
      setTimeout(() => requested.delete(language), RETRY_DOWNLOAD_MS);
    });
  }
  return pending;
}

/** Redraws every connected element, after a translation or a `lang` changed. */
export function refresh(): void {
  generation++;
  for (const localize of hosts) localize.host.requestUpdate();
}

// A `lang` change anywhere in the page's light DOM (the page's own, or a wrapper's the host
// sets) redraws the elements; the elements watch their own attribute (base/conv-element). `dir`
// needs no redraw: the layout follows it through CSS, and keys read it when pressed.
if (typeof document !== 'undefined') {
  new MutationObserver(refresh).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** A `lang` value as a canonical BCP 47 tag (`es_ES` as `es-ES`); '' when it is none. */
function canonical(tag: string | null): string {
  try {
    return tag ? (Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? '') : '';
  } catch {
    return '';
  }
}

/** The nearest valid `lang` from `element` up, across shadow roots; then the browser's; then English. */
function resolveLang(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    const tag = canonical(node.getAttribute('lang'));
    if (tag) return tag;
  }
  return canonical(typeof navigator === 'undefined' ? '' : navigator.language) || 'en';
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
  readonly host: ReactiveControllerHost & HTMLElement;
  // The language, resolved once per change that can alter it (rows ask for it many times a render).
  #lang = '';
  #resolvedAt = -1;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this);
    // Moved to another place in the page: its ancestors, and so its language, may be others.
    this.#resolvedAt = -1;
  }

  hostDisconnected(): void {
    hosts.delete(this);
  }

  /** The language this element speaks: a canonical BCP 47 tag. */
  lang(): string {
    if (this.#resolvedAt !== generation) {
      this.#resolvedAt = generation;
      this.#lang = resolveLang(this.host);
    }
    return this.#lang;
  }

  /** A term in this element's language: English where the translation lacks it. */
  t<K extends keyof ConvTerms & string>(key: K, ...args: TermArgs<ConvTerms[K]>): string {
    const lang = this.lang();
    const language = lang.split('-')[0]!.toLowerCase();
    const term = translations.get(lang.toLowerCase())?.[key] ?? translations.get(language)?.[key] ?? english[key];
    if (shipped[language] && !requested.has(language)) loadTranslation(language).catch(() => {});
    if (term === undefined) return key;
    if (typeof term === 'string') return term;
    if (typeof term === 'function') return (term as (...a: unknown[]) => string)(...args);
    const count = args[0] as number;
    const form = term[cached('plural', lang, undefined, () => new Intl.PluralRules(lang)).select(count)] ?? term.other;
    return form.replaceAll('#', this.number(count));
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
