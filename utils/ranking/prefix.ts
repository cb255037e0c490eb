/**
 * The ranking's evidence per page entity, folded and ordered so that reading
 * a prefix is exact (prefix.design.md has the structure, the bound and the
 * proof). Pure: columns in, scores out; the extension and the company graph
 * service build the same `RankEntity` from their own storage.
 */
import { INTERACTION_KINDS, type EntityKind, type InteractionKind } from '../graph/model';
import type { DetectedEntity } from '../spotting/types';
import { ONGOING_KINDS, TAU_LONG, TAU_SHORT } from './aggregate';
import { dayText, type EdgeColumns } from './columns';
import type { Reason } from './types';
import { CONTACT_TO_ACCOUNT, COVERAGE_BONUS, COVERAGE_MIN_STRENGTH, KIND_WEIGHT, ONE_WAY_FACTOR, RECENCY_LONG_SHARE, RECENCY_SHORT_SHARE, SATURATION, SKILL_CLAIMED, SKILL_PROVEN } from './weights';

const KIND_CODE = new Map<InteractionKind, number>(INTERACTION_KINDS.map((k, i) => [k, i]));
const W = INTERACTION_KINDS.map((k) => KIND_WEIGHT[k]);
const ONGOING = INTERACTION_KINDS.map((k) => ONGOING_KINDS.has(k));
const PROVING = new Set<InteractionKind>(['case-resolved', 'deal-won']);

/**
 * One page entity's evidence: its own rows, its contacts' rows (accounts, at
 * CONTACT_TO_ACCOUNT) and its skills (topics), per colleague, the colleagues
 * ordered by `bound` (raw strength at Δ = 0, an upper bound at any later time).
 */
export interface RankEntity {
  id: string;
  entityKind: EntityKind;
  /** Colleagues, highest bound first (equal bounds: order of first appearance). */
  people: string[];
  /** Raw strength of each colleague at Δ = 0, non-increasing. */
  bound: Float64Array;
  /** Rows of colleague j: start[j] … start[j+1]−1, in the order the formula sums them. */
  start: Uint32Array;
  /** Kind of each row (index into INTERACTION_KINDS). */
  kind: Uint8Array;
  /** 1 for the entity's own rows, CONTACT_TO_ACCOUNT for its contacts'. */
  factor: Float64Array;
  ref: Float64Array;
  n: Float64Array;
  s1: Float64Array;
  s5: Float64Array;
  oneWay: Float64Array;
  /** Where each row came from (its date, source system and link are read from there for reasons only): `from[origin[r]]`, row `originRow[r]`. */
  from: readonly EdgeColumns[];
  origin: Uint32Array;
  originRow: Uint32Array;
  /** Skill weight added per colleague (0: not listed). */
  skill: Float64Array;
  /** Total rows (for cache sizing). */
  rows: number;
  /** Colleague → position (built on first use). */
  index?: Map<string, number>;
}

const PROVING_CODE = INTERACTION_KINDS.map((k) => PROVING.has(k));

/** Raw strength at Δ = 0 of one row: decayed() with e^(−0) = 1, in the formula's order of operations. */
function boundTerm(k: number, n: number, s1: number, s5: number, ow: number, factor: number): number {
  let value = ONGOING[k] ? n : RECENCY_SHORT_SHARE * s1 * 1 + RECENCY_LONG_SHARE * s5 * 1;
  if (ow && n > 0) value *= (n - ow + ONE_WAY_FACTOR * ow) / n;
  return W[k] * value * factor;
}

/**
 * Folds an entity's stored columns with its contacts' (accounts) and the
 * colleagues who list it as a skill (topics), in the order the formula of
 * ranking.design.md sums them: own kinds, then each contact's, then the skill.
 * Rows are copied once, in bound order; dates, sources and links stay in the
 * stored columns until a reason needs them.
 */
export function foldEntity(id: string, kind: EntityKind, own: EdgeColumns | undefined, contacts: readonly EdgeColumns[], skilled: readonly string[]): RankEntity | null {
  const sources = [...(own ? [own] : []), ...(kind === 'account' ? contacts : [])];
  // Colleagues in order of first appearance; each one's (source, position) segments as linked lists.
  let segs = 0;
  for (const c of sources) segs += c.people.length;
  const segSrc = new Uint32Array(segs);
  const segJ = new Uint32Array(segs);
  const segNext = new Int32Array(segs).fill(-1);
  const index = new Map<string, number>();
  const people: string[] = [];
  const head = new Int32Array(segs);
  const tail = new Int32Array(segs);
  let s = 0;
  for (let si = 0; si < sources.length; si++) {
    const ps = sources[si].people;
    for (let j = 0; j < ps.length; j++, s++) {
      segSrc[s] = si;
      segJ[s] = j;
      const p = ps[j];
      const pj = index.get(p);
      if (pj === undefined) {
        index.set(p, people.length);
        head[people.length] = s;
        tail[people.length] = s;
        people.push(p);
      } else {
        segNext[tail[pj]] = s;
        tail[pj] = s;
      }
    }
  }
  const listed = people.length;
  const skills = kind === 'topic' ? new Set(skilled) : null;
  // Listed only as having the skill: no rows (their segment lists are never read).
  if (skills)
    for (const p of skills)
      if (!index.has(p)) {
        index.set(p, people.length);
        people.push(p);
      }
  if (!people.length) return null;
  const P = people.length;
  // Per source: its kind indexes as INTERACTION_KINDS codes, and its factor.
  const codes = sources.map((c) => Uint8Array.from(c.kinds, (k) => KIND_CODE.get(k) ?? 0));
  const factors = sources.map((_, si) => (si === 0 && own ? 1 : CONTACT_TO_ACCOUNT));
  const bounds = new Float64Array(P);
  const skill = new Float64Array(P);
  let rows = 0;
  for (let pj = 0; pj < P; pj++) {
    let raw = 0;
    let proven = false;
    for (let g = pj < listed ? head[pj] : -1; g >= 0; g = segNext[g]) {
      const si = segSrc[g];
      const c = sources[si];
      const code = codes[si];
      const f = factors[si];
      const end = c.start[segJ[g] + 1];
      for (let cr = c.start[segJ[g]]; cr < end; cr++) {
        const k = code[c.kind[cr]];
        raw += boundTerm(k, c.n[cr], c.s1[cr], c.s5[cr], c.oneWay[cr], f);
        if (f === 1 && PROVING_CODE[k]) proven = true;
      }
      rows += end - c.start[segJ[g]];
    }
    if (skills?.has(people[pj])) skill[pj] = proven ? SKILL_PROVEN : SKILL_CLAIMED;
    if (skill[pj]) raw += skill[pj];
    bounds[pj] = raw;
  }
  // Colleagues by bound (ties: first appearance); rows copied in that order.
  const perm = boundOrder(bounds);
  const x: RankEntity = {
    id,
    entityKind: kind,
    people: new Array<string>(P),
    bound: new Float64Array(P),
    start: new Uint32Array(P + 1),
    kind: new Uint8Array(rows),
    factor: new Float64Array(rows),
    ref: new Float64Array(rows),
    n: new Float64Array(rows),
    s1: new Float64Array(rows),
    s5: new Float64Array(rows),
    oneWay: new Float64Array(rows),
    from: sources,
    origin: new Uint32Array(rows),
    originRow: new Uint32Array(rows),
    skill: new Float64Array(P),
    rows,
  };
  let r = 0;
  for (let q = 0; q < P; q++) {
    const pj = perm[q];
    x.people[q] = people[pj];
    x.bound[q] = bounds[pj];
    x.skill[q] = skill[pj];
    x.start[q] = r;
    index.set(people[pj], q);
    for (let g = pj < listed ? head[pj] : -1; g >= 0; g = segNext[g]) {
      const si = segSrc[g];
      const c = sources[si];
      const code = codes[si];
      const f = factors[si];
      const end = c.start[segJ[g] + 1];
      for (let cr = c.start[segJ[g]]; cr < end; cr++, r++) {
        x.kind[r] = code[c.kind[cr]];
        x.factor[r] = f;
        x.ref[r] = c.refTime;
        x.n[r] = c.n[cr];
        x.s1[r] = c.s1[cr];
        x.s5[r] = c.s5[cr];
        x.oneWay[r] = c.oneWay[cr];
        x.origin[r] = si;
        x.originRow[r] = cr;
      }
    }
  }
  x.start[P] = r;
  x.index = index;
  return x;
}

/**
 * Positions 0…n−1 by bound, highest first, equal bounds by position: the order of
 * `sort((a, b) => bounds[b] − bounds[a] || a − b)`, by a native sort of the values
 * and a binary search per position (a comparator sort of a topic's 2,400 colleagues
 * was the largest part of folding it).
 */
export function boundOrder(bounds: Float64Array): Uint32Array {
  const n = bounds.length;
  const keys = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // + 0: −0 and 0 are equal bounds (as the comparator has them).
    keys[j] = bounds[j] + 0;
    if (Number.isNaN(keys[j])) return Uint32Array.from(Array.from(bounds.keys()).sort((a, b) => bounds[b] - bounds[a] || a - b));
  }
  const asc = keys.slice().sort();
  const taken = new Uint32Array(n);
  const perm = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const b = keys[j];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (asc[mid] <= b) lo = mid + 1;
      else hi = mid;
    }
    // n − lo bounds are higher than b: its group starts there, in order of position.
    const first = n - lo;
    perm[first + taken[first]++] = j;
  }
  return perm;
}

/** Per stored record: its odd dates and links by row (built when a reason first needs them). */
const sparseTexts = new WeakMap<EdgeColumns, { odd: Map<number, string>; urls: Map<number, string> }>();
function sparseOf(c: EdgeColumns) {
  let t = sparseTexts.get(c);
  if (!t) sparseTexts.set(c, (t = { odd: new Map(c.oddLast ?? []), urls: new Map(c.urls ?? []) }));
  return t;
}

/** The latest date of row r (as `lastTexts` gives it). */
function lastOf(x: RankEntity, r: number): string {
  const c = x.from[x.origin[r]];
  const row = x.originRow[r];
  const d = c.last[row];
  if (c.oddLast?.length) {
    const odd = sparseOf(c).odd.get(row);
    if (odd !== undefined) return odd;
  }
  return d >= 0 ? dayText(d) : '';
}

/** The source system of row r's latest interaction (as `sourceTexts` gives it). */
function sourceOf(x: RankEntity, r: number): string | undefined {
  const c = x.from[x.origin[r]];
  const k = c.src && c.sources ? c.src[x.originRow[r]] : 0;
  return k ? c.sources![k - 1] : undefined;
}

/** The record link of row r's latest interaction (as `urlTexts` gives it). */
function urlOf(x: RankEntity, r: number): string | undefined {
  const c = x.from[x.origin[r]];
  return c.urls?.length ? sparseOf(c).urls.get(x.originRow[r]) : undefined;
}

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
  for (let r = x.start[j]; r < x.start[j + 1]; r++) raw += W[x.kind[r]] * decayed(x, r, t) * x.factor[r];
  if (x.skill[j]) raw += x.skill[j];
  return raw;
}

export function saturate(raw: number): number {
  return 100 * (1 - Math.exp(-raw / SATURATION));
}

export function positionOf(x: RankEntity, personId: string): number | undefined {
  if (!x.index) x.index = new Map(x.people.map((p, j) => [p, j]));
  return x.index.get(personId);
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
  for (let r = x.start[j]; r < x.start[j + 1]; r++) {
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
