/** The ranking formula as it was before prefix.ts (commit 320e662, utils/ranking/rank.ts), kept as the test oracle of the differential test. */
/**
 * Ranking of colleagues for a page's entities. The formula, its numbers and
 * the reasons for them are in ranking.design.md; the numbers live in weights.ts.
 *
 * The ranker reads only through `RankData`, so the same code ranks from the
 * local Dexie store (background), from an in-memory graph (tests, demo) and
 * from any other source that can provide per-entity edges.
 */
import type { EntityKind, InteractionKind, Person } from '../../../utils/graph/model';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { ONGOING_KINDS, TAU_LONG, TAU_SHORT, type EntityEdges, type KindStats } from '../../../utils/ranking/aggregate';
import { isDismissed, type Dismissals } from '../../../utils/ranking/dismissals';
import type { Reason, Suggestion } from '../../../utils/ranking/types';
import { hintsFor, managersOf, summarize, topReasons, uniqueEntities, withIntroducer } from '../../../utils/ranking/rank';
import { withOrigin } from '../../../utils/ranking/prefix';
import {
  CONTACT_TO_ACCOUNT,
  COVERAGE_BONUS,
  COVERAGE_MIN_STRENGTH,
  KIND_WEIGHT,
  ONE_WAY_FACTOR,
  RECENCY_LONG_SHARE,
  RECENCY_SHORT_SHARE,
  SATURATION,
  SCORE_SCALE,
  SKILL_CLAIMED,
  SKILL_PROVEN,
  entityWeight,
} from '../../../utils/ranking/weights';

export interface RankData {
  /** Edges of these entities (missing ids: no evidence). */
  edges(entityIds: string[]): Promise<Map<string, EntityEdges>>;
  /** Ids of the contacts of an account (their evidence counts for it, at a lower weight). */
  contactsOfAccount(accountId: string): Promise<string[]>;
  /** Colleagues by id (unknown ids are absent from the map). */
  people(ids: string[]): Promise<Map<string, Person>>;
  /** Ids of colleagues who list the topic among their skills. */
  skilled(topicId: string): Promise<readonly string[]>;
}

export interface RankOptions {
  /** The user's own person id: never suggested to themselves. */
  meId?: string | null;
  limit?: number;
  /** personId → entity ids the user marked "not relevant" (dismissals.ts). */
  dismissed?: Dismissals;
  now?: number;
  /**
   * Evidence per entity, reused across queries (the background keeps one per
   * graph revision). Entries are computed at `now` rounded down to the hour:
   * decay moves by less than 0.02 % in an hour.
   */
  evidenceCache?: EvidenceCache;
}

export type EvidenceCache = Map<string, { hour: number; evidence: Promise<Map<string, Evidence>> }>;
const HOUR_MS = 3_600_000;
const EVIDENCE_CACHE_MAX = 1000;

/** Recency-weighted evidence of one kind, at time `now`. */
function decayedCount(kind: InteractionKind, s: KindStats, refTime: number, now: number): number {
  let value: number;
  if (ONGOING_KINDS.has(kind)) {
    value = s.n;
  } else {
    const dt = Math.max(0, now - refTime);
    value = RECENCY_SHORT_SHARE * s.s1 * Math.exp(-dt / TAU_SHORT) + RECENCY_LONG_SHARE * s.s5 * Math.exp(-dt / TAU_LONG);
  }
  if (s.oneWay && s.n > 0) value *= (s.n - s.oneWay + ONE_WAY_FACTOR * s.oneWay) / s.n;
  return value;
}

/** The strength bar (0–100): saturating, so that covering more of the page still shows, without a ceiling of ties. */
function displayScore(page: number, maxWeight: number): number {
  return Math.round(100 * (1 - Math.exp(-page / (SCORE_SCALE * maxWeight))));
}

function saturate(raw: number): number {
  return 100 * (1 - Math.exp(-raw / SATURATION));
}

export interface Evidence {
  raw: number;
  reasons: Reason[];
  last?: string;
  roles: Set<'account-owner' | 'account-team'>;
}

function addEdgeEvidence(
  into: Map<string, Evidence>,
  edges: EntityEdges,
  entity: DetectedEntity,
  factor: number,
  now: number,
): void {
  for (const [personId, byKind] of Object.entries(edges.people)) {
    let ev = into.get(personId);
    if (!ev) {
      ev = { raw: 0, reasons: [], roles: new Set() };
      into.set(personId, ev);
    }
    for (const [k, s] of Object.entries(byKind) as Array<[InteractionKind, KindStats]>) {
      if (!s) continue;
      const contrib = KIND_WEIGHT[k] * decayedCount(k, s, edges.refTime, now) * factor;
      ev.raw += contrib;
      // An ongoing role's date is when it began, not a contact: "last contact" counts contacts only.
      if (!ONGOING_KINDS.has(k) && (!ev.last || s.last > ev.last)) ev.last = s.last;
      if (entity.kind === 'account' && factor === 1 && (k === 'account-owner' || k === 'account-team')) ev.roles.add(k);
      const existing = ev.reasons.find((r) => r.kind === k && r.entityId === entity.id);
      if (existing) {
        // Through a contact (factor < 1) the same events are often already counted on the account itself.
        if (factor === 1) existing.count += s.n;
        existing.weight += contrib;
        if (!existing.last || s.last > existing.last) {
          existing.last = s.last;
          withOrigin(existing, s.source, s.url);
        }
      } else {
        ev.reasons.push(withOrigin({ kind: k, count: s.n, entityId: entity.id, entityKind: entity.kind, entityName: entity.name, last: s.last, weight: contrib }, s.source, s.url));
      }
    }
  }
}

/** Strength (0–100) and reasons of every colleague with evidence on one entity. */
async function entityEvidence(
  data: RankData,
  entity: DetectedEntity,
  edgeMap: Map<string, EntityEdges>,
  now: number,
): Promise<Map<string, Evidence>> {
  const out = new Map<string, Evidence>();
  const own = edgeMap.get(entity.id);
  if (own) addEdgeEvidence(out, own, entity, 1, now);
  if (entity.kind === 'account') {
    const contactIds = await data.contactsOfAccount(entity.id);
    if (contactIds.length) {
      const cEdges = await data.edges(contactIds);
      for (const e of cEdges.values()) addEdgeEvidence(out, e, entity, CONTACT_TO_ACCOUNT, now);
    }
  }
  if (entity.kind === 'topic') {
    for (const personId of await data.skilled(entity.id)) {
      let ev = out.get(personId);
      if (!ev) {
        ev = { raw: 0, reasons: [], roles: new Set() };
        out.set(personId, ev);
      }
      const proven = ev.reasons.some((r) => r.kind === 'case-resolved' || r.kind === 'deal-won');
      const w = proven ? SKILL_PROVEN : SKILL_CLAIMED;
      ev.raw += w;
      ev.reasons.push({ kind: 'skill', count: 1, entityId: entity.id, entityKind: 'topic', entityName: entity.name, weight: w });
    }
  }
  return out;
}

function group(kind: EntityKind): 'customer' | 'topic' {
  return kind === 'topic' ? 'topic' : 'customer';
}

// Page entities, colleagues' summaries, hints and the four strongest reasons come from the product:
// they are not the formula this oracle keeps.

export async function rankEntities(data: RankData, entitiesIn: DetectedEntity[], opts: RankOptions = {}): Promise<Suggestion[]> {
  const now = opts.now ?? Date.now();
  const limit = opts.limit ?? 20;
  const entities = uniqueEntities(entitiesIn);
  if (!entities.length) return [];
  const cache = opts.evidenceCache;
  const hour = Math.floor(now / HOUR_MS);
  const todo = cache ? entities.filter((e) => cache.get(`${e.kind}:${e.id}`)?.hour !== hour) : entities;
  const edgeMap = todo.length ? await data.edges(todo.map((e) => e.id)) : new Map<string, EntityEdges>();
  const perEntity = await Promise.all(
    entities.map((e) => {
      if (!cache) return entityEvidence(data, e, edgeMap, now);
      const key = `${e.kind}:${e.id}`;
      let hit = cache.get(key);
      if (!hit || hit.hour !== hour) {
        hit = { hour, evidence: entityEvidence(data, e, edgeMap, hour * HOUR_MS) };
        if (cache.size >= EVIDENCE_CACHE_MAX) cache.delete(cache.keys().next().value as string);
        cache.set(key, hit);
        hit.evidence.catch(() => cache.delete(key));
      }
      return hit.evidence;
    }),
  );
  // Mail with an open message: what only the list mentions weighs less than the open message.
  const hasOpen = entities.some((e) => e.open);
  const weightOf = (e: DetectedEntity) => entityWeight(e.kind, !!e.focal, hasOpen && !e.open);
  const maxWeight = Math.max(...entities.map(weightOf));

  // Per colleague only the page score, the groups covered and references to the evidence; strengths,
  // reasons and roles are built for the colleagues returned, not for every one with evidence.
  interface Acc {
    page: number;
    /** Bit 1: customer side covered, bit 2: topic side covered. */
    groups: number;
    parts: Array<{ entity: DetectedEntity; ev: Evidence; w: number; strength: number }>;
  }
  const weights = entities.map(weightOf);
  const bits = entities.map((e) => (group(e.kind) === 'topic' ? 2 : 1));
  function accumulate(candidates: Iterable<string> | null): Map<string, Acc> {
    const acc = new Map<string, Acc>();
    const add = (i: number, personId: string, ev: Evidence) => {
      if (isDismissed(opts.dismissed, personId, entities[i].id)) return;
      const strength = saturate(ev.raw);
      if (strength <= 0) return;
      let a = acc.get(personId);
      if (!a) {
        a = { page: 0, groups: 0, parts: [] };
        acc.set(personId, a);
      }
      a.page += weights[i] * strength;
      a.parts.push({ entity: entities[i], ev, w: weights[i], strength });
      if (strength >= COVERAGE_MIN_STRENGTH) a.groups |= bits[i];
    };
    if (!candidates) perEntity.forEach((m, i) => m.forEach((ev, personId) => add(i, personId, ev)));
    else
      for (const personId of candidates)
        perEntity.forEach((m, i) => {
          const ev = m.get(personId);
          if (ev) add(i, personId, ev);
        });
    return acc;
  }

  // The old code read large evidence maps only at their top K, with a bound that could miss a
  // colleague outside every top K (fast-check seed -595271580: a tie at the cut-off went to the wrong
  // colleague). The oracle reads everything: it is the formula, exactly.
  const acc = accumulate(null);

  const scored: Array<{ personId: string; a: Acc; page: number }> = [];
  for (const [personId, a] of acc) {
    if (personId === opts.meId) continue;
    scored.push({ personId, a, page: a.page * (a.groups === 3 ? 1 + COVERAGE_BONUS : 1) });
  }
  scored.sort((x, y) => y.page - x.page);
  // Fetch people in rank order, in batches, until `limit` discoverable ones are found.
  const me = opts.meId ? (await data.people([opts.meId])).get(opts.meId) : undefined;
  const ranked: Array<{ person: Person; a: Acc; page: number }> = [];
  const batch = Math.max(limit * 2, 16);
  // (The old code also stopped after `limit + batch` colleagues, even inside a tie at the cut-off: fast-check
  // seed -595271580 found a tie of more than 30 colleagues. The oracle reads on while the tie lasts.)
  for (let i = 0; i < scored.length; i += batch) {
    const slice = scored.slice(i, i + batch);
    const people = await data.people(slice.map((x) => x.personId));
    for (const x of slice) {
      const person = people.get(x.personId);
      if (person && person.discoverable !== false) ranked.push({ person, a: x.a, page: x.page });
    }
    // Ties at the cut-off must be resolved by name, so read on while the score is equal.
    if (ranked.length >= limit && (i + batch >= scored.length || scored[i + batch].page < ranked[limit - 1].page)) break;
  }
  ranked.sort((x, y) => y.page - x.page || x.person.name.localeCompare(y.person.name, 'en') || (x.person.id < y.person.id ? -1 : 1));

  const top = ranked.slice(0, limit);
  const introducers = await managersOf(top.map((r) => r.person), data, (p) => p.discoverable !== false, opts.meId);
  return top.map(({ person, a, page }) => {
    // Entity ids are data: built as entries, so an id such as `__proto__` is an own key like any other.
    const strengths: Array<[string, number]> = [];
    const reasons: Reason[] = [];
    const roles = new Set<'account-owner' | 'account-team'>();
    let last: string | undefined;
    for (const { entity, ev, w, strength } of a.parts) {
      // On the score's own scale: the strength for one entity is the score a page (or a search) with only that entity shows.
      strengths.push([entity.id, displayScore(strength, 1)]);
      for (const r of ev.reasons) reasons.push({ ...r, weight: r.weight * w });
      ev.roles.forEach((r) => roles.add(r));
      if (ev.last && (!last || ev.last > last)) last = ev.last;
    }
    return {
      person: summarize(person),
      score: displayScore(page, maxWeight),
      strengths: Object.fromEntries(strengths),
      reasons: topReasons(reasons),
      lastInteraction: last,
      roles: [...roles],
      hints: hintsFor(person, me, now),
      ...withIntroducer(introducers, person.id),
    };
  });
}
