/**
 * One strength everywhere (issue 11): the suggestion's score, 0–100, rounded
 * the same way, with a band and a label in the UI language. The side panel's
 * card, the popup's results and the hover card all show it through here, so
 * the same colleague for the same customer carries the same number.
 */
import { t, uiLanguage } from '@/utils/i18n';
import type { Suggestion } from '@/utils/ranking/types';
import { bandWord, WORD_OF_BAND, type WordBand } from './strength-words';
import { numberFormat } from '@/utils/i18n/intl';

export type StrengthBand = 'strong' | 'good' | 'some';

export interface StrengthView {
  /** 0–100. */
  value: number;
  band: StrengthBand;
  /** "Strength 77 of 100 (strong)". */
  label: string;
  /** "Strength 77", for tight rows. */
  short: string;
  /** Works-council mode: the band in words ("has worked with"); `label` and `short` say it and no number. */
  words?: WordBand;
}

export function strengthBand(value: number): StrengthBand {
  return value >= 67 ? 'strong' : value >= 34 ? 'good' : 'some';
}

const BAND_KEY = { strong: 'card_band_strong', good: 'card_band_good', some: 'card_band_some' } as const;

/**
 * The strength shown for a suggestion: its score, or, for one entity (a chip
 * filter on one customer or topic), its strength on that entity, which is the
 * score a page or a search with only that entity shows (utils/ranking/rank.ts).
 */
export function strengthOf(s: Pick<Suggestion, 'score' | 'strengths'>, opts: { entityId?: string; lang?: string; words?: boolean } = {}): StrengthView {
  const lang = opts.lang ?? uiLanguage();
  const one = opts.entityId !== undefined && s.strengths && Object.hasOwn(s.strengths, opts.entityId) ? s.strengths[opts.entityId] : undefined;
  const raw = one ?? s.score;
  const value = Math.max(0, Math.min(100, Math.round(Number.isFinite(raw) ? raw : 0)));
  const band = strengthBand(value);
  if (opts.words) {
    const words = WORD_OF_BAND[band];
    return { value, band, words, label: t('band_label', [bandWord(words)]), short: bandWord(words) };
  }
  const n = numberFormat(lang).format(value);
  return { value, band, label: t('card_strength_label', [n, t(BAND_KEY[band])]), short: t('card_strength_short', [n]) };
}

export interface RoleBadge {
  key: string;
  role: 'account-owner' | 'account-team';
  /** "Owner of Havbryggen Shipping A/S": a role always names its customer. */
  label: string;
}

/** The suggestion's roles on the page's accounts, each naming its account (from the reasons that carry them). */
export function roleBadges(s: Pick<Suggestion, 'reasons'>): RoleBadge[] {
  const out: RoleBadge[] = [];
  for (const r of s.reasons) {
    if ((r.kind !== 'account-owner' && r.kind !== 'account-team') || r.entityKind !== 'account') continue;
    const key = `${r.kind}:${r.entityId}`;
    if (out.some((b) => b.key === key)) continue;
    out.push({ key, role: r.kind, label: t(r.kind === 'account-owner' ? 'card_badge_owner_of' : 'card_badge_team_of', [r.entityName]) });
  }
  return out;
}
