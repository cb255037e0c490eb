/**
 * Structured reasons (utils/ranking/types.ts `Reason`) → sentences in the
 * user's language: "won 2 deals with Nordlicht Logistik GmbH, last in Sep 2025".
 *
 * One message per interaction kind, per kind of entity (a customer or contact
 * is a party: "with X"; a topic is a subject: "X cases", "about X") and per
 * plural category (`_one`/`_other`, chosen with pluralOf() of utils/i18n; all five UI
 * languages have exactly these two). The message keys are checked by the
 * compiler against public/_locales/en/messages.json.
 */
import type { InteractionKind } from '@/utils/graph/model';
import type { PersonHit, Reason } from '@/utils/ranking/types';
import { pluralOf, t, uiLanguage, type MessageKey } from '@/utils/i18n';
import { dateTimeFormat } from '@/utils/i18n/intl';

type Plural = { one: MessageKey; other: MessageKey };
type Template =
  /** Counted, different wording for parties and topics. */
  | { type: 'counted'; party: Plural; topic: Plural }
  /** Counted, same wording for every entity kind. */
  | { type: 'counted-any'; any: Plural }
  /** Not counted (a role or a declaration). */
  | { type: 'fixed'; key: MessageKey };

// Data: one template per kind, alike in shape by design (the duplicates tool lists them).
const TEMPLATES: Record<InteractionKind | 'skill', Template> = {
  'deal-won': {
    type: 'counted',
    party: { one: 'reason_deal_won_party_one', other: 'reason_deal_won_party_other' },
    topic: { one: 'reason_deal_won_topic_one', other: 'reason_deal_won_topic_other' },
  },
  'deal-lost': {
    type: 'counted',
    party: { one: 'reason_deal_lost_party_one', other: 'reason_deal_lost_party_other' },
    topic: { one: 'reason_deal_lost_topic_one', other: 'reason_deal_lost_topic_other' },
  },
  'deal-open': {
    type: 'counted',
    party: { one: 'reason_deal_open_party_one', other: 'reason_deal_open_party_other' },
    topic: { one: 'reason_deal_open_topic_one', other: 'reason_deal_open_topic_other' },
  },
  'case-resolved': {
    type: 'counted',
    party: { one: 'reason_case_resolved_party_one', other: 'reason_case_resolved_party_other' },
    topic: { one: 'reason_case_resolved_topic_one', other: 'reason_case_resolved_topic_other' },
  },
  'case-open': {
    type: 'counted',
    party: { one: 'reason_case_open_party_one', other: 'reason_case_open_party_other' },
    topic: { one: 'reason_case_open_topic_one', other: 'reason_case_open_topic_other' },
  },
  meeting: {
    type: 'counted',
    party: { one: 'reason_meeting_party_one', other: 'reason_meeting_party_other' },
    topic: { one: 'reason_meeting_topic_one', other: 'reason_meeting_topic_other' },
  },
  email: {
    type: 'counted',
    party: { one: 'reason_email_party_one', other: 'reason_email_party_other' },
    topic: { one: 'reason_email_topic_one', other: 'reason_email_topic_other' },
  },
  call: {
    type: 'counted',
    party: { one: 'reason_call_party_one', other: 'reason_call_party_other' },
    topic: { one: 'reason_call_topic_one', other: 'reason_call_topic_other' },
  },
  document: { type: 'counted-any', any: { one: 'reason_document_one', other: 'reason_document_other' } },
  'community-answer': {
    type: 'counted-any',
    any: { one: 'reason_community_answer_one', other: 'reason_community_answer_other' },
  },
  endorsement: { type: 'counted-any', any: { one: 'reason_endorsement_one', other: 'reason_endorsement_other' } },
  'self-declared': { type: 'fixed', key: 'reason_self_declared' },
  'account-owner': { type: 'fixed', key: 'reason_account_owner' },
  'account-team': { type: 'fixed', key: 'reason_account_team' },
  skill: { type: 'fixed', key: 'reason_skill' },
};

/** Roles that go on: their date is when they began ("since"), never a last contact. */
const SINCE_KINDS: ReadonlySet<Reason['kind']> = new Set(['account-owner', 'account-team', 'self-declared']);

/** "Sep 2025" in the UI language; dates are calendar dates, so read in UTC. */
export function formatMonthYear(iso: string, lang: string = uiLanguage()): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return dateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "30 Sep 2025" in the UI language. */
export function formatDate(iso: string, lang: string = uiLanguage()): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return dateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

function pluralKey(p: Plural, count: number, lang: string): MessageKey {
  return p[pluralOf(count, lang)];
}

/**
 * Source systems by the names their users know. A channel (email, phone,
 * calendar, a profile) is already said by the reason and is not repeated;
 * any other source is shown as the graph names it.
 */
const SYSTEM_NAMES: Record<string, string> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dynamics: 'Dynamics 365',
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  servicenow: 'ServiceNow',
  microsoft365: 'Microsoft 365',
  google: 'Google Workspace',
  sharepoint: 'SharePoint',
};
const CHANNELS: ReadonlySet<string> = new Set(['email', 'mail', 'phone', 'calendar', 'profile', 'community', 'demo', 'manual']);

/** The source system as shown beside a reason, or null for none or a mere channel. */
export function sourceName(source: string | undefined): string | null {
  if (!source) return null;
  const key = source.trim().toLowerCase();
  if (!key || CHANNELS.has(key)) return null;
  return SYSTEM_NAMES[key] ?? source.trim();
}

/** The reason's record link, only if it is a web address (never javascript: or a file). */
export function reasonLink(reason: Pick<Reason, 'url'>): string | null {
  const url = reason.url;
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** One reason as a sentence fragment in the UI language, with the system its latest evidence came from. */
export function reasonSentence(reason: Reason, lang: string = uiLanguage()): string {
  const sentence = reasonWords(reason, lang);
  const system = sourceName(reason.source);
  return system ? t('reason_with_source', [sentence, system]) : sentence;
}

function reasonWords(reason: Reason, lang: string): string {
  const template = TEMPLATES[reason.kind];
  const name = reason.entityName;
  if (!template) return name;
  // A skill the colleague states themself ("ask me about", utils/ranking/preferences.ts) reads as claimed.
  if (reason.kind === 'skill' && reason.claimed) return t('reason_ask_me_about', [name]);
  if (template.type === 'fixed') {
    const fixed = t(template.key, [name]);
    const since = reason.last && SINCE_KINDS.has(reason.kind) ? formatMonthYear(reason.last, lang) : null;
    return since ? t('reason_with_since', [fixed, since]) : fixed;
  }
  const count = Math.max(1, Math.round(reason.count || 1));
  const plural = template.type === 'counted' ? (reason.entityKind === 'topic' ? template.topic : template.party) : template.any;
  const sentence = t(pluralKey(plural, count, lang), [new Intl.NumberFormat(lang).format(count), name]);
  const last = reason.last ? formatMonthYear(reason.last, lang) : null;
  return last ? t('reason_with_last', [sentence, last]) : sentence;
}

/** The top reasons, strongest first (by weight), as sentences; duplicates removed. */
export function reasonSentences(reasons: readonly Reason[], max = 3, lang: string = uiLanguage()): string[] {
  return reasonItems(reasons, max, lang).map((r) => r.text);
}

/** The same, each with its record link when it has one. */
export function reasonItems(reasons: readonly Reason[], max = 3, lang: string = uiLanguage()): Array<{ text: string; url: string | null }> {
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight);
  const out: Array<{ text: string; url: string | null }> = [];
  for (const r of sorted) {
    const text = reasonSentence(r, lang);
    if (!out.some((o) => o.text === text)) out.push({ text, url: reasonLink(r) });
    if (out.length >= max) break;
  }
  return out;
}

/** Why a text search result matched ("Office: Copenhagen"), for results that carry no ranked reasons. */
export function matchSentence(matched: PersonHit['matched']): string | null {
  if (!matched) return null;
  return t(`search_match_${matched.field}`, [matched.text]);
}
