/**
 * "What Kenner shows about me" (issue 15): for one colleague, every customer
 * and topic they would be suggested for, with the evidence behind it and how
 * it decays. Built the same way on the local graph (utils/background) and by
 * the company graph service (server/): evidence is gathered from the
 * colleague's own interactions, and whether and how they are suggested comes
 * from the ranking itself (rank.ts), never from a second formula.
 */
import type { EntityKind, InteractionKind } from '../graph/model';
import type { DetectedEntity } from '../spotting/types';
import { ONGOING_KINDS, TAU_LONG, TAU_SHORT, parseDateMs } from './aggregate';
import { isHiddenFor, type ColleaguePreferences } from './preferences';
import type { PersonSummary, Suggestion } from './types';
import { KIND_WEIGHT, RECENCY_LONG_SHARE, RECENCY_SHORT_SHARE } from './weights';

/** One kind of evidence between the colleague and an entity. */
export interface OwnEvidence {
  kind: InteractionKind;
  count: number;
  /** Latest date (YYYY-MM-DD). */
  last?: string;
  /** The systems it came from (the interactions' `source`), when the graph names them. */
  sources?: string[];
}

export interface OwnEntry {
  entity: { kind: EntityKind; id: string; name: string };
  evidence: OwnEvidence[];
  /** What others see: the ranking's suggestion of this colleague for this entity alone (absent: not suggested). */
  suggestion?: Suggestion;
  /** Place among the colleagues suggested for it (1 = first). */
  position?: number;
  /** The colleague hid themself for it. */
  hidden: boolean;
  /** The colleague says "ask me about" it. */
  claimed: boolean;
}

export interface OwnProfile {
  person: PersonSummary | null;
  preferences: ColleaguePreferences;
  entries: OwnEntry[];
  /** How often they were suggested, per month (YYYY-MM): counts only, never who asked. */
  lookups: Array<{ month: string; count: number }>;
}

/** Most entities listed (strongest evidence first). */
export const OWN_VIEW_MAX = 40;
/** A colleague is "suggested" for an entity when the ranking lists them among this many. */
export const OWN_VIEW_RANK_LIMIT = 20;

/** Accumulates one colleague's interactions into evidence per customer and topic. */
export class OwnEvidenceCollector {
  private readonly byEntity = new Map<string, { kind: EntityKind; id: string; kinds: Map<InteractionKind, { count: number; last?: string; sources: Set<string> }> }>();

  constructor(readonly personId: string) {}

  add(i: { personId: string; kind: InteractionKind; date: string; count?: number; accountId?: string; contactId?: string; topicIds?: readonly string[]; source?: string }): void {
    if (i.personId !== this.personId) return;
    const targets: Array<[EntityKind, string]> = [];
    if (i.accountId) targets.push(['account', i.accountId]);
    // A contact's interaction without its account counts for the account (mergeContacts), as the ranking counts it.
    else if (i.contactId) targets.push(['contact', i.contactId]);
    for (const t of i.topicIds ?? []) targets.push(['topic', t]);
    for (const [kind, id] of targets) {
      const key = `${kind}:${id}`;
      let e = this.byEntity.get(key);
      if (!e) this.byEntity.set(key, (e = { kind, id, kinds: new Map() }));
      let k = e.kinds.get(i.kind);
      if (!k) e.kinds.set(i.kind, (k = { count: 0, sources: new Set() }));
      k.count += i.count && i.count > 0 ? i.count : 1;
      const day = i.date.slice(0, 10);
      if (!k.last || day > k.last) k.last = day;
      if (i.source) k.sources.add(i.source);
    }
  }

  /** Contact ids whose evidence waits for their account (mergeContacts). */
  contactIds(): string[] {
    return [...this.byEntity.values()].filter((e) => e.kind === 'contact').map((e) => e.id);
  }

  /** Moves each contact's evidence to its account (contacts without one are dropped: not a customer). */
  mergeContacts(accountOf: ReadonlyMap<string, string>): void {
    for (const [key, e] of [...this.byEntity]) {
      if (e.kind !== 'contact') continue;
      this.byEntity.delete(key);
      const accountId = accountOf.get(e.id);
      if (!accountId) continue;
      let a = this.byEntity.get(`account:${accountId}`);
      if (!a) this.byEntity.set(`account:${accountId}`, (a = { kind: 'account', id: accountId, kinds: new Map() }));
      for (const [kind, k] of e.kinds) {
        const into = a.kinds.get(kind);
        if (!into) a.kinds.set(kind, { count: k.count, last: k.last, sources: new Set(k.sources) });
        else {
          into.count += k.count;
          if (k.last && (!into.last || k.last > into.last)) into.last = k.last;
          k.sources.forEach((x) => into.sources.add(x));
        }
      }
    }
  }

  /** Entities with their evidence, most weighty first (at most `max`). */
  entities(max = OWN_VIEW_MAX): Array<{ kind: EntityKind; id: string; evidence: OwnEvidence[] }> {
    const out = [...this.byEntity.values()].map((e) => ({
      kind: e.kind,
      id: e.id,
      evidence: [...e.kinds].map(([kind, k]): OwnEvidence => ({ kind, count: k.count, ...(k.last ? { last: k.last } : {}), ...(k.sources.size ? { sources: [...k.sources].sort() } : {}) })),
    }));
    return strongestFirst(out, max);
  }
}

/** Candidates with their evidence kinds ordered by weight, the weightiest candidates first (at most `max`). */
export function strongestFirst<T extends { id: string; evidence: OwnEvidence[] }>(list: T[], max = OWN_VIEW_MAX): T[] {
  const w = (v: OwnEvidence) => KIND_WEIGHT[v.kind] * v.count;
  const weight = (x: T) => x.evidence.reduce((n, v) => n + w(v), 0);
  return list
    .map((x) => ({ ...x, evidence: [...x.evidence].sort((a, b) => w(b) - w(a)) }))
    .sort((a, b) => weight(b) - weight(a) || (a.id < b.id ? -1 : 1))
    .slice(0, max);
}

/**
 * The entries of the view: each candidate entity ranked alone (as a page with
 * only it), the colleague's place and suggestion as others see it. `rank`
 * is the side's own ranking without the colleague's preferences (they see
 * what they hid, marked as hidden).
 */
export async function ownEntries(
  personId: string,
  candidates: ReadonlyArray<{ kind: EntityKind; id: string; name: string; evidence: OwnEvidence[] }>,
  prefs: ColleaguePreferences | undefined,
  rank: (entity: DetectedEntity) => Promise<Suggestion[]>,
): Promise<OwnEntry[]> {
  const out: OwnEntry[] = [];
  for (const c of candidates) {
    const list = await rank({ kind: c.kind, id: c.id, name: c.name, via: 'record', focal: true, count: 1 });
    const k = list.findIndex((s) => s.person.id === personId);
    out.push({
      entity: { kind: c.kind, id: c.id, name: c.name },
      evidence: c.evidence,
      ...(k >= 0 ? { suggestion: list[k], position: k + 1 } : {}),
      hidden: isHiddenFor(prefs, c.id),
      claimed: (prefs?.askMeAbout ?? []).includes(c.id),
    });
  }
  return out;
}

const YEAR_MS = 365.25 * 86_400_000;

/** How much evidence of this date counts now, 0–1 (ranking.design.md: 0.75·e^(−age/1y) + 0.25·e^(−age/5y)); roles: 1. */
export function decayShare(kind: InteractionKind, last: string | undefined, now: number): number {
  if (ONGOING_KINDS.has(kind) || !last) return 1;
  const age = Math.max(0, now - parseDateMs(last));
  return RECENCY_SHORT_SHARE * Math.exp(-age / TAU_SHORT) + RECENCY_LONG_SHARE * Math.exp(-age / TAU_LONG);
}

/** What evidence of any date counts after `years` more years: the view's "how it fades" numbers. */
export function decayAfterYears(years: number): number {
  const age = years * YEAR_MS;
  return RECENCY_SHORT_SHARE * Math.exp(-age / TAU_SHORT) + RECENCY_LONG_SHARE * Math.exp(-age / TAU_LONG);
}

/** Months (YYYY-MM) of the entries that showed this colleague, counted: never who asked. */
export function countByMonth(entries: Iterable<{ at: string; shown?: readonly string[] }>, personId: string): Array<{ month: string; count: number }> {
  const m = new Map<string, number>();
  for (const e of entries) if (e.shown?.includes(personId)) m.set(e.at.slice(0, 7), (m.get(e.at.slice(0, 7)) ?? 0) + 1);
  return [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, count]) => ({ month, count }));
}
