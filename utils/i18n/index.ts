/**
 * Every user-facing string goes through t(): the browser's i18n with the
 * messages in public/_locales/{en,de,nl,da,sv}/messages.json. Keys are typed
 * from the English file, so a missing key is a compile error.
 */
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';
import { numberFormat, pluralRules } from './intl';

export type MessageKey = keyof typeof en;

/** WXT types getMessage from the locales at `wxt prepare` time; keys are checked by MessageKey instead. */
type I18nApi = { getMessage(key: string, substitutions?: string | string[]): string; getUILanguage?(): string };
/** Missing in a test's fake browser and in contexts without the API. */
function i18nApi(): I18nApi | undefined {
  const api: I18nApi | undefined = browser.i18n;
  return api;
}

export function t(key: MessageKey, substitutions?: string | number | Array<string | number>): string {
  const subs = substitutions === undefined ? undefined : Array.isArray(substitutions) ? substitutions.map(String) : String(substitutions);
  let text = '';
  try {
    text = i18nApi()?.getMessage(key, subs) ?? '';
  } catch {
    // No i18n API (a test's fake browser): the key stands in.
  }
  return text || key;
}

/** The UI language (one of the five, else English), for Intl formatting. */
export function uiLanguage(): string {
  // The locale the messages were actually resolved in (`@@ui_locale`), so that dates and numbers
  // follow the same language as the words; getUILanguage() can differ from it.
  const api = i18nApi();
  const resolved = api?.getMessage('@@ui_locale');
  const lang = (resolved || api?.getUILanguage?.() || 'en').replace('_', '-').toLowerCase();
  const base = lang.split(/[-_]/)[0];
  return ['en', 'de', 'nl', 'da', 'sv'].includes(base) ? lang : 'en';
}

/** Message keys that come as a `_one`/`_other` pair. */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}_one` ? (`${B}_other` extends MessageKey ? B : never) : never }[MessageKey];

/** The plural category of `count` in the UI language (all five UI languages have exactly `one` and `other`). */
export function pluralOf(count: number, lang = uiLanguage()): 'one' | 'other' {
  return pluralRules(lang).select(count) === 'one' ? 'one' : 'other';
}

/**
 * A counted message: `<key>_one` or `<key>_other` by the UI language's plural
 * rules. The substitutions default to the count, formatted for the language.
 */
export function tn(key: PluralKey, count: number, substitutions?: string | number | Array<string | number>, lang = uiLanguage()): string {
  return t(`${key}_${pluralOf(count, lang)}`, substitutions ?? numberFormat(lang).format(count));
}
