/**
 * The transparency pack (transparency.design.md): one document in one
 * language, as Markdown, from the live configuration. Pure: the options page
 * and the company graph service call the same code.
 */
import { da } from './templates/da';
import { de } from './templates/de';
import { en } from './templates/en';
import { nl } from './templates/nl';
import { sv } from './templates/sv';
import { DOC_IDS, DOC_LANGS, type DocId, type DocLang, type Fmt, type LanguageTemplates, type TransparencyConfig } from './types';

export { DOC_IDS, DOC_LANGS };
export type { DocId, DocLang, TransparencyConfig };

export const TEMPLATES: Record<DocLang, LanguageTemplates> = { en, de, nl, da, sv };

const LOCALE: Record<DocLang, string> = { en: 'en-GB', de: 'de-DE', nl: 'nl-NL', da: 'da-DK', sv: 'sv-SE' };

export function formattersFor(lang: DocLang): Fmt {
  const locale = LOCALE[lang];
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const numbers = new Intl.NumberFormat(locale);
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return { date: (iso) => dates.format(new Date(iso)), number: (n) => numbers.format(n), list: (items) => lists.format(items) };
}

export function isDocId(x: unknown): x is DocId {
  return typeof x === 'string' && (DOC_IDS as readonly string[]).includes(x);
}
export function isDocLang(x: unknown): x is DocLang {
  return typeof x === 'string' && (DOC_LANGS as readonly string[]).includes(x);
}

export interface TransparencyDoc {
  id: DocId;
  lang: DocLang;
  title: string;
  /** A file name without extension: kenner-<doc>-<lang>. */
  fileName: string;
  markdown: string;
}

/** One document of the pack, in one language, written from `config`. */
export function transparencyDoc(id: DocId, lang: DocLang, config: TransparencyConfig): TransparencyDoc {
  const t = TEMPLATES[lang];
  const markdown = `${t[id](config, formattersFor(lang))
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  return { id, lang, title: t.titles[id], fileName: `kenner-${id}-${lang}`, markdown };
}
