/**
 * A colleague's own say over what Kenner shows of them (issue 15,
 * preferences.design.md): "don't suggest me" (consent), "hide me for this
 * customer or topic", "ask me about" (a stated skill, shown as claimed) and
 * "away until". ONE rule for who is shown for what, used by the local graph
 * (utils/background, utils/store export) and the company graph service
 * (server/graph), so both answer alike (tests/server/differential.test.ts).
 */
import type { Person } from '../graph/model';
import { ownValue, withoutDismissed } from './dismissals';
import type { Reason, Suggestion } from './types';

export type Consent = 'in' | 'out';

export interface ColleaguePreferences {
  /** 'out': never suggested, anywhere ("don't suggest me"); absent: the organisation's default. */
  consent?: Consent;
  /** Entity ids (customers, contacts, topics) this colleague is never suggested for. */
  hidden?: string[];
  /** Topic ids the colleague says they can be asked about (a claimed skill). */
  askMeAbout?: string[];
  /** Away until this date (YYYY-MM-DD, inclusive), set by the colleague themself. */
  awayUntil?: string;
}

/** Person id → their preferences. */
export type PreferenceMap = Readonly<Record<string, ColleaguePreferences>>;

/** An away colleague's score is multiplied by this: still listed, lower (never a reason). */
export const AWAY_FACTOR = 0.5;
export const PREFERENCE_LIMITS = { hidden: 500, askMeAbout: 50 } as const;

export interface PreferenceOptions {
  now: number;
  /** Whether colleagues who said nothing are shown ('in') or only once they opt in ('out'). Default 'in'. */
  defaultConsent?: Consent;
  /** The page's focal entities (the record it is about): a colleague hidden for one of them is not suggested on the page at all. */
  focalIds?: readonly string[];
}

export function preferencesOf(prefs: PreferenceMap | undefined, personId: string): ColleaguePreferences | undefined {
  const p: unknown = ownValue(prefs, personId);
  return p && typeof p === 'object' ? (p) : undefined;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Whether a colleague may be suggested at all (their consent, else the organisation's default). */
export function isSuggestable(p: ColleaguePreferences | undefined, defaultConsent: Consent = 'in'): boolean {
  return (p?.consent ?? defaultConsent) === 'in';
}

/** Whether the colleague hid themself for this entity. */
export function isHiddenFor(p: ColleaguePreferences | undefined, entityId: string): boolean {
  return list(p?.hidden).includes(entityId);
}

const today = (now: number) => new Date(now).toISOString().slice(0, 10);

/** The later of the graph's and the colleague's own "away until", while it is still to come. */
export function awayUntilOf(graphAway: string | undefined, p: ColleaguePreferences | undefined, now: number): string | undefined {
  const d = today(now);
  const dates = [graphAway, p?.awayUntil].filter((x): x is string => typeof x === 'string' && x.slice(0, 10) >= d).sort();
  return dates.at(-1);
}

/** The colleagues who claim a topic ("ask me about"), to be counted as listing it among their skills. */
export function claimantsOf(prefs: PreferenceMap | undefined, topicId: string, defaultConsent: Consent = 'in'): string[] {
  if (!prefs) return [];
  const out: string[] = [];
  for (const [id, p] of Object.entries(prefs)) if (isSuggestable(p, defaultConsent) && list(p?.askMeAbout).includes(topicId) && !isHiddenFor(p, topicId)) out.push(id);
  return out.sort();
}

/** A topic's skilled colleagues with those who claim it ("ask me about"), in id order, once each. */
export function withClaimants(skilled: readonly string[], prefs: PreferenceMap | undefined, topicId: string, defaultConsent: Consent = 'in'): string[] {
  const claim = claimantsOf(prefs, topicId, defaultConsent).filter((id) => !skilled.includes(id));
  return claim.length ? [...skilled, ...claim] : [...skilled];
}

/** A reason of a claimed skill: worded "says: ask me about …". */
export function isClaimed(r: Reason): boolean {
  return r.kind === 'skill' && r.claimed === true;
}

/**
 * Who is shown for what: suggestions computed from the graph, with each
 * colleague's preferences applied. Opted out: gone. Hidden for an entity:
 * that entity's share goes (as "not relevant" does); a colleague hidden for
 * the page's own record (a focal entity), or for every entity they were
 * suggested for, goes. "Ask me about": the skill
 * reason reads as claimed. Away: the date is shown and the score lowered;
 * the order follows the scores. Nothing here ever becomes a reason.
 */
export function applyPreferences(suggestions: readonly Suggestion[], entityIds: readonly string[], prefs: PreferenceMap | undefined, o: PreferenceOptions): Suggestion[] {
  const dflt = o.defaultConsent ?? 'in';
  if (!prefs && dflt === 'in') return [...suggestions];
  const out: Suggestion[] = [];
  for (const s0 of suggestions) {
    const p = preferencesOf(prefs, s0.person.id);
    if (!isSuggestable(p, dflt)) continue;
    if (!p) {
      out.push(s0);
      continue;
    }
    const hidden = list(p.hidden);
    if (o.focalIds?.some((id) => hidden.includes(id))) continue;
    const s = hidden.length ? withoutDismissed(s0, entityIds, { [s0.person.id]: hidden }) : s0;
    if (!s) continue;
    const ask = list(p.askMeAbout);
    const reasons = ask.length ? s.reasons.map((r) => (r.kind === 'skill' && ask.includes(r.entityId) ? { ...r, claimed: true as const } : r)) : s.reasons;
    const away = awayUntilOf(s.person.awayUntil, p, o.now);
    const person = away === s.person.awayUntil ? s.person : { ...s.person, awayUntil: away };
    out.push({ ...s, person, reasons, score: away ? Math.round(s.score * AWAY_FACTOR) : s.score });
  }
  // Stable: equal scores keep the graph's order (name, then id).
  return out.map((s, i) => ({ s, i })).sort((a, b) => b.s.score - a.s.score || a.i - b.i).map((x) => x.s);
}

/** A colleague's record with their preferences applied (export, people lookups): opted out → not discoverable; claims → skills; away. */
export function personWithPreferences(person: Person, p: ColleaguePreferences | undefined, o: PreferenceOptions): Person {
  if (!p && (o.defaultConsent ?? 'in') === 'in') return person;
  const out: Person = { ...person };
  if (!isSuggestable(p, o.defaultConsent)) out.discoverable = false;
  const ask = list(p?.askMeAbout);
  if (ask.length) out.skills = [...new Set([...(person.skills ?? []), ...ask])];
  const away = awayUntilOf(person.awayUntil, p, o.now);
  if (away) out.awayUntil = away;
  return out;
}

/** Whether an interaction of this colleague is left out of an export: it names an entity they hid themself for. */
export function hiddenInteraction(i: { personId: string; accountId?: string; contactId?: string; topicIds?: readonly string[] }, prefs: PreferenceMap | undefined): boolean {
  const p = preferencesOf(prefs, i.personId);
  const hidden = list(p?.hidden);
  if (!hidden.length) return false;
  return [i.accountId, i.contactId, ...(i.topicIds ?? [])].some((id) => id !== undefined && hidden.includes(id));
}

/**
 * People-search hits with the preferences applied: opted-out colleagues gone, away dates shown on text hits.
 * A hit's suggestion comes from the ranking, which applied `applyPreferences` already (never twice).
 */
export function hitsWithPreferences<H extends { person: Suggestion['person']; suggestion?: Suggestion }>(hits: readonly H[], prefs: PreferenceMap | undefined, o: PreferenceOptions): H[] {
  const dflt = o.defaultConsent ?? 'in';
  if (!prefs && dflt === 'in') return [...hits];
  const out: H[] = [];
  for (const h of hits) {
    const p = preferencesOf(prefs, h.person.id);
    if (!isSuggestable(p, dflt)) continue;
    if (!p || h.suggestion) {
      out.push(h);
      continue;
    }
    const away = awayUntilOf(h.person.awayUntil, p, o.now);
    out.push(away === h.person.awayUntil ? h : { ...h, person: { ...h.person, awayUntil: away } });
  }
  return out;
}
