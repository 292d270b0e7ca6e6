// emoji-picker-element (a maintained web component, IndexedDB-backed) in a chunk of its own,
// fetched the first time an agent opens the composer's emoji picker. Importing it defines
// <emoji-picker> unless the page already has one.
import 'emoji-picker-element/picker.js';
import english from 'emoji-picker-element/i18n/en.js';
import spanish from 'emoji-picker-element/i18n/es.js';
/** The picker's words, as its translations give them. */
type I18n = typeof english;

/** The languages emoji-picker-element-data has data for (the server serves them). */
const DATA_LANGUAGES = new Set(['bn', 'da', 'de', 'en', 'en-gb', 'es', 'es-mx', 'et', 'fi', 'fr', 'hi', 'hu', 'it', 'ja', 'ko', 'lt', 'ms', 'nb', 'nl', 'pl', 'pt', 'ru', 'sv', 'th', 'uk', 'vi', 'zh', 'zh-hant']);

/** The data language for an element's language: itself, else its base language, else English. */
export function emojiDataLanguage(lang: string): string {
  const tag = lang.toLowerCase();
  if (DATA_LANGUAGES.has(tag)) return tag;
  const base = tag.split('-')[0]!;
  return DATA_LANGUAGES.has(base) ? base : 'en';
}

/** The picker's own words (search box, categories) where a translation ships with it; else its English. */
export function emojiPickerWords(lang: string): I18n {
  return lang.toLowerCase().split('-')[0] === 'es' ? spanish : english;
}
