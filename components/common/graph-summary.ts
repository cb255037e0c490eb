/**
 * Words for the graph's size, source and age, shared by the popup and the
 * options page (owner: popup/options engineer).
 */
import type { GraphCounts, GraphMeta } from '@/utils/graph/model';
import { t, tn, uiLanguage, type MessageKey, type PluralKey } from '@/utils/i18n';
import { dateTimeFormat, listFormat, numberFormat, relativeTimeFormat } from '@/utils/i18n/intl';

const NOUNS: Record<keyof GraphCounts, PluralKey> = {
  people: 'opt_count_people',
  accounts: 'opt_count_accounts',
  contacts: 'opt_count_contacts',
  topics: 'opt_count_topics',
  interactions: 'opt_count_interactions',
};

export function formatNumber(n: number, lang = uiLanguage()): string {
  return numberFormat(lang).format(n);
}

/** "12 people", "1 account" … in the UI language. */
function countPhrase(field: keyof GraphCounts, n: number, lang = uiLanguage()): string {
  return tn(NOUNS[field], n, formatNumber(n, lang), lang);
}

/** "12 people, 7 accounts, 6 contacts, 6 topics and 28 interactions" in the UI language. */
export function countsText(counts: GraphCounts, lang = uiLanguage(), fields = Object.keys(NOUNS) as Array<keyof GraphCounts>): string {
  const parts = fields.map((field) => countPhrase(field, counts[field] ?? 0, lang));
  return listFormat(lang, { style: 'long', type: 'conjunction' }).format(parts);
}

export function sourceText(source: GraphMeta['source']): string {
  switch (source) {
    case 'demo':
      return t('opt_source_demo');
    case 'import':
      return t('opt_source_import');
    case 'remote':
      return t('opt_source_remote');
    default:
      return t('opt_source_none');
  }
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 days ago" / "just now" in the UI language. */
export function ageText(iso: string, now = Date.now(), lang = uiLanguage()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const diff = then - now;
  const rtf = relativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return t('opt_age_just_now');
}

export function dateTimeText(iso: string, lang = uiLanguage()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A message by a key computed at run time (e.g. an importer's error code); '' when missing. */
export function tDynamic(key: string, substitutions?: Array<string | number>): string {
  const text = t(key as MessageKey, substitutions);
  return text === key ? '' : text;
}
