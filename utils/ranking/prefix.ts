/**
 * The ranking's evidence per page entity, folded and ordered so that reading
 * a prefix is exact (prefix.design.md has the structure, the bound and the
 * proof). Pure: columns in, scores out; the extension and the company graph
 * service build the same `RankEntity` (fold.ts) from their own storage.
 */
import { INTERACTION_KINDS } from '../graph/model';
import type { DetectedEntity } from '../spotting/types';
import { ONGOING_KINDS, TAU_LONG, TAU_SHORT } from './aggregate';
import { lastOf, ONGOING, sourceOf, urlOf, W, type RankEntity } from './fold';
import type { Reason } from './types';
import { COVERAGE_BONUS, COVERAGE_MIN_STRENGTH, ONE_WAY_FACTOR, RECENCY_LONG_SHARE, RECENCY_SHORT_SHARE, SATURATION } from './weights';

export { boundOrder, foldEntity, type RankEntity } from './fold';

/** The two decay factors of the last Δ asked for (the same numbers Math.exp gives each time). */
let memoDt = 0;
let memoShort = 1;
let memoLong = 1;

/** Recency-weighted count of row r at time t (the formula of ranking.design.md, in its order of operations). */
function decayed(x: RankEntity, r: number, t: number): number {
  const k = x.kind[r];
  let value: number;
  if (ONGOING[k]) value = x.n[r];
  else {
    const dt = Math.max(0, t - x.ref[r]);
    if (dt !== memoDt) {
      memoDt = dt;
      memoShort = Math.exp(-dt / TAU_SHORT);
      memoLong = Math.exp(-dt / TAU_LONG);
    }
    value = RECENCY_SHORT_SHARE * x.s1[r] * memoShort + RECENCY_LONG_SHARE * x.s5[r] * memoLong;
  }
  const ow = x.oneWay[r];
  if (ow && x.n[r] > 0) value *= (x.n[r] - ow + ONE_WAY_FACTOR * ow) / x.n[r];
  return value;
}

/** Raw strength of colleague j at time t (t = −∞: at Δ = 0, the bound). */
export function rawAt(x: RankEntity, j: number, t: number): number {
  let raw = 0;
  for (let r = x.first[j]; r < x.end[j]; r++) raw += W[x.kind[r]] * decayed(x, r, t) * x.factor[r];
  if (x.skill[j]) raw += x.skill[j];
  return raw;
}

export function saturate(raw: number): number {
  return 100 * (1 - Math.exp(-raw / SATURATION));
}

export function positionOf(x: RankEntity, personId: string): number | undefined {
  const j = x.index.get(personId);
  return j === undefined ? undefined : x.position[j];
}

export interface Evidence {
  raw: number;
  reasons: Reason[];
  last?: string;
  roles: Set<'account-owner' | 'account-team'>;
}

/** Strength and reasons of colleague j on this page entity (built only for the colleagues returned). */
export function evidenceAt(x: RankEntity, j: number, entity: DetectedEntity, t: number): Evidence {
  const ev: Evidence = { raw: 0, reasons: [], roles: new Set() };
  for (let r = x.first[j]; r < x.end[j]; r++) {
    const k = INTERACTION_KINDS[x.kind[r]];
    const factor = x.factor[r];
    const contrib = W[x.kind[r]] * decayed(x, r, t) * factor;
    const last = lastOf(x, r);
    ev.raw += contrib;
    // An ongoing role's date is when it began, not a contact: "last contact" counts contacts only.
    if (!ONGOING_KINDS.has(k) && (!ev.last || last > ev.last)) ev.last = last;
    if (entity.kind === 'account' && factor === 1 && (k === 'account-owner' || k === 'account-team')) ev.roles.add(k);
    const existing = ev.reasons.find((e) => e.kind === k && e.entityId === entity.id);
    if (existing) {
      // Through a contact (factor < 1) the same events are often already counted on the account itself.
      if (factor === 1) existing.count += x.n[r];
      existing.weight += contrib;
      if (!existing.last || last > existing.last) {
        existing.last = last;
        withOrigin(existing, sourceOf(x, r), urlOf(x, r));
      }
    } else {
      ev.reasons.push(withOrigin({ kind: k, count: x.n[r], entityId: entity.id, entityKind: entity.kind, entityName: entity.name, last, weight: contrib }, sourceOf(x, r), urlOf(x, r)));
    }
  }
  const w = x.skill[j];
  if (w) {
    ev.raw += w;
    ev.reasons.push({ kind: 'skill', count: 1, entityId: entity.id, entityKind: 'topic', entityName: entity.name, weight: w });
  }
  return ev;
}

/** A reason takes the source system and record link of its latest evidence (or loses them). */
export function withOrigin(reason: Reason, source: string | undefined, url: string | undefined): Reason {
  if (source) reason.source = source;
  else delete reason.source;
  if (url) reason.url = url;
  else delete reason.url;
  return reason;
}

/** One page entity as the ranker reads it. */
export interface PageEntity {
  entity: DetectedEntity;
  weight: number;
  /** 1: customer side, 2: topic side. */
  bit: number;
  x: RankEntity | null;
}

export interface Scored {
  personId: string;
  page: number;
  parts: Array<{ i: number; j: number; strength: number }>;
}

/** Relative slack on the bound for rounding in Math.exp (every other step is monotone in IEEE arithmetic). */
const BOUND_SLACK = 1e-9;
/** Entities with at most this many colleagues are indexed per page, not looked up per colleague. */
const SMALL = 128;

/**
 * Exact top of the page by the threshold algorithm over the entities' bound
 * orders: every colleague not yet read scores at most `threshold()`, so the
 * colleagues read with a higher page score are exactly the best ones.
 */
export class PrefixRanker {
  private readonly depth: number[];
  private readonly seen = new Set<string>();
  private readonly scored: Scored[] = [];
  private step = 16;
  private readonly pos: Int32Array;
  private readonly large: number[] = [];
  private readonly smallIndex = new Map<string, Array<[number, number]>>();

  constructor(
    private readonly es: readonly PageEntity[],
    private readonly t: number,
    private readonly skip: (personId: string, entityId: string) => boolean,
    private readonly meId: string | null | undefined,
  ) {
    this.depth = es.map(() => 0);
    this.pos = new Int32Array(es.length);
    // Small entities (most accounts and contacts) are indexed together once; large ones are looked up one by one.
    es.forEach(({ x }, i) => {
      if (!x) return;
      if (x.people.length > SMALL) this.large.push(i);
      else
        x.people.forEach((p, j) => {
          const list = this.smallIndex.get(p);
          if (list) list.push([i, j]);
          else this.smallIndex.set(p, [[i, j]]);
        });
    });
  }

  /** Page score of a colleague (as ranking.design.md: Σ w·strength, × (1 + bonus) when both sides are covered). */
  private score(personId: string): Scored | null {
    const pos = this.pos;
    pos.fill(-1);
    for (const [i, j] of this.smallIndex.get(personId) ?? []) pos[i] = j;
    for (const i of this.large) pos[i] = positionOf(this.es[i].x!, personId) ?? -1;
    let page = 0;
    let groups = 0;
    const parts: Scored['parts'] = [];
    for (let i = 0; i < this.es.length; i++) {
      const j = pos[i];
      if (j < 0) continue;
      const { entity, weight, bit, x } = this.es[i];
      if (this.skip(personId, entity.id)) continue;
      const strength = saturate(rawAt(x!, j, this.t));
      if (strength <= 0) continue;
      page += weight * strength;
      parts.push({ i, j, strength });
      if (strength >= COVERAGE_MIN_STRENGTH) groups |= bit;
    }
    return parts.length ? { personId, page: page * (groups === 3 ? 1 + COVERAGE_BONUS : 1), parts } : null;
  }

  /**
   * An upper bound of the page score of every colleague not yet read: Σ w·strength(bound at depth), with the
   * coverage bonus only while both sides can still reach COVERAGE_MIN_STRENGTH.
   */
  private threshold(): number {
    let sum = 0;
    let sides = 0;
    for (let i = 0; i < this.es.length; i++) {
      const { weight, bit, x } = this.es[i];
      if (!x || this.depth[i] >= x.people.length) continue;
      const strength = saturate(x.bound[this.depth[i]]);
      sum += weight * strength;
      if (strength * (1 + BOUND_SLACK) >= COVERAGE_MIN_STRENGTH) sides |= bit;
    }
    return sum * (sides === 3 ? 1 + COVERAGE_BONUS : 1) * (1 + BOUND_SLACK);
  }

  /** Every colleague scoring above the bound of those not read, best first: at least `want` unless all are read. */
  advance(want: number): { list: Scored[]; done: boolean } {
    for (;;) {
      const t = this.threshold();
      const done = t === 0;
      const above = done ? this.scored : this.scored.filter((s) => s.page > t);
      if (done || above.length >= want) return { list: [...above].sort((a, b) => b.page - a.page), done };
      this.es.forEach(({ x }, i) => {
        if (!x) return;
        const end = Math.min(x.people.length, this.depth[i] + this.step);
        for (let j = this.depth[i]; j < end; j++) {
          const p = x.people[j];
          if (this.seen.has(p)) continue;
          this.seen.add(p);
          if (p === this.meId) continue;
          const s = this.score(p);
          if (s) this.scored.push(s);
        }
        this.depth[i] = end;
      });
      this.step *= 2;
    }
  }
}
