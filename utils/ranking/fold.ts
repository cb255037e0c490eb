/**
 * One page entity's evidence folded for the prefix ranking (prefix.design.md,
 * "The folded entity in memory"): its own rows, its contacts' (accounts) and
 * its skills (topics) per colleague, colleagues in bound order. Pure.
 */
import { INTERACTION_KINDS, type EntityKind, type InteractionKind } from '../graph/model';
import { ONGOING_KINDS } from './aggregate';
import { dayText, type EdgeColumns } from './columns';
import { CONTACT_TO_ACCOUNT, KIND_WEIGHT, ONE_WAY_FACTOR, RECENCY_LONG_SHARE, RECENCY_SHORT_SHARE, SKILL_CLAIMED, SKILL_PROVEN } from './weights';

const KIND_CODE = new Map<InteractionKind, number>(INTERACTION_KINDS.map((k, i) => [k, i]));
/** Per kind code: its weight, and whether it is an ongoing kind (counted, not decayed). */
export const W = INTERACTION_KINDS.map((k) => KIND_WEIGHT[k]);
export const ONGOING = INTERACTION_KINDS.map((k) => ONGOING_KINDS.has(k));
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
  /**
   * Rows of the colleague at position q: first[q] … end[q]−1, in the order the formula sums them
   * (one colleague's rows are contiguous; colleagues need not be in bound order: an entity with one
   * stored record keeps its rows where they are stored).
   */
  first: Uint32Array;
  end: Uint32Array;
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
  /** Colleague → order of first appearance; `position` maps that to the colleague's position. */
  index: Map<string, number>;
  position: Uint32Array;
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
 * An entity with one stored record (a topic, a contact, an account without
 * contacts with evidence) keeps that record's rows in place (no copy); rows
 * of several records are copied once, in bound order. Dates, sources and
 * links stay in the stored columns until a reason needs them.
 */
export function foldEntity(id: string, kind: EntityKind, own: EdgeColumns | undefined, contacts: readonly EdgeColumns[], skilled: readonly string[]): RankEntity | null {
  const sources = [...(own ? [own] : []), ...(kind === 'account' ? contacts : [])];
  const index = new Map<string, number>();
  const people: string[] = [];
  const single = sources.length === 1 && distinctInto(sources[0].people, index, people);
  // Several records: colleagues in order of first appearance; each one's (source, position) segments as linked lists.
  let segSrc = EMPTY;
  let segJ = EMPTY;
  let segNext = NONE;
  let head = NONE;
  if (!single) {
    index.clear();
    people.length = 0;
    let segs = 0;
    for (const c of sources) segs += c.people.length;
    segSrc = new Uint32Array(segs);
    segJ = new Uint32Array(segs);
    segNext = new Int32Array(segs).fill(-1);
    head = new Int32Array(segs);
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
  }
  const listed = people.length;
  // Listed only as having the skill: no rows.
  const skills = kind === 'topic' ? skilled : [];
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
  const proven = new Uint8Array(P);
  let rows = 0;
  for (let pj = 0; pj < listed; pj++) {
    let raw = 0;
    let g = single ? 0 : head[pj];
    while (g >= 0) {
      const si = single ? 0 : segSrc[g];
      const c = sources[si];
      const code = codes[si];
      const f = factors[si];
      const j = single ? pj : segJ[g];
      const end = c.start[j + 1];
      for (let cr = c.start[j]; cr < end; cr++) {
        const k = code[c.kind[cr]];
        raw += boundTerm(k, c.n[cr], c.s1[cr], c.s5[cr], c.oneWay[cr], f);
        if (f === 1 && PROVING_CODE[k]) proven[pj] = 1;
      }
      rows += end - c.start[j];
      g = single ? -1 : segNext[g];
    }
    bounds[pj] = raw;
  }
  const skill = new Float64Array(P);
  for (const p of skills) {
    const pj = index.get(p)!;
    if (skill[pj]) continue;
    skill[pj] = proven[pj] ? SKILL_PROVEN : SKILL_CLAIMED;
    bounds[pj] += skill[pj];
  }
  // Colleagues by bound (ties: first appearance).
  const perm = boundOrder(bounds);
  const position = new Uint32Array(P);
  // Rows held: one record's up to its last used row (its own arrays are shared), else those copied.
  const span = single ? sources[0].start[listed] : rows;
  const x: RankEntity = {
    id,
    entityKind: kind,
    people: new Array<string>(P),
    bound: new Float64Array(P),
    first: new Uint32Array(P),
    end: new Uint32Array(P),
    kind: new Uint8Array(span),
    factor: new Float64Array(span),
    ref: new Float64Array(span),
    n: single ? sources[0].n : new Float64Array(rows),
    s1: single ? sources[0].s1 : new Float64Array(rows),
    s5: single ? sources[0].s5 : new Float64Array(rows),
    oneWay: single ? sources[0].oneWay : new Float64Array(rows),
    from: sources,
    origin: new Uint32Array(span),
    originRow: new Uint32Array(span),
    skill: new Float64Array(P),
    rows,
    index,
    position,
  };
  for (let q = 0; q < P; q++) {
    const pj = perm[q];
    position[pj] = q;
    x.people[q] = people[pj];
    x.bound[q] = bounds[pj];
    x.skill[q] = skill[pj];
  }
  if (single) {
    // One record: its rows stay where they are (its own n, s1, s5, oneWay), colleague pj's at start[pj]…
    const c = sources[0];
    const code = codes[0];
    for (let r = 0; r < span; r++) {
      x.kind[r] = code[c.kind[r]];
      x.originRow[r] = r;
    }
    x.factor.fill(factors[0]);
    x.ref.fill(c.refTime);
    for (let pj = 0; pj < listed; pj++) {
      x.first[position[pj]] = c.start[pj];
      x.end[position[pj]] = c.start[pj + 1];
    }
    return x;
  }
  // Several records: rows copied once, in bound order.
  let r = 0;
  for (let q = 0; q < P; q++) {
    const pj = perm[q];
    x.first[q] = r;
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
    x.end[q] = r;
  }
  return x;
}

const EMPTY = new Uint32Array(0);
const NONE = new Int32Array(0);

/** Indexes a record's colleagues (first appearance); false if one appears twice (then its rows are folded as of several records). */
function distinctInto(ps: readonly string[], index: Map<string, number>, people: string[]): boolean {
  for (let j = 0; j < ps.length; j++) {
    if (index.has(ps[j])) return false;
    index.set(ps[j], j);
    people.push(ps[j]);
  }
  return true;
}

/**
 * Positions 0…n−1 by bound, highest first, equal bounds by position: the order of
 * `sort((a, b) => bounds[b] − bounds[a] || a − b)`. Up to RADIX_MIN values: a native
 * sort of the values and a binary search per position; above: a stable radix sort of
 * the positions by the values' bits (a comparator sort of a topic's 2,200 colleagues
 * was the largest part of folding it, and the binary searches then were).
 */
export function boundOrder(bounds: Float64Array): Uint32Array {
  const n = bounds.length;
  const keys = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // + 0: −0 and 0 are equal bounds (as the comparator has them).
    keys[j] = bounds[j] + 0;
    if (Number.isNaN(keys[j])) return Uint32Array.from(Array.from(bounds.keys()).sort((a, b) => bounds[b] - bounds[a] || a - b));
  }
  if (n > RADIX_MIN) return radixOrder(keys);
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

/** Above this many values boundOrder sorts by radix. */
export const RADIX_MIN = 64;
/** Which 32-bit half of a float64 holds its sign and exponent on this platform. */
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Positions by value, highest first, ties by position, for values without NaN and −0:
 * a least-significant-digit radix sort (stable, 8 bits a pass, passes whose digit every
 * value shares skipped) of the positions by a 64-bit key that orders as the values do,
 * descending: a non-negative float's bits with every bit but the sign flipped, a
 * negative float's bits as they are.
 */
function radixOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const count = new Uint32Array(8 * 256);
  for (let j = 0; j < n; j++) {
    let h = bits[2 * j + HI];
    let l = bits[2 * j + 1 - HI];
    if (h >>> 31 === 0) {
      h ^= 0x7fffffff;
      l = ~l;
    }
    hi[j] = h;
    lo[j] = l;
    for (let d = 0; d < 4; d++) {
      count[d * 256 + ((l >>> (8 * d)) & 255)]++;
      count[(4 + d) * 256 + ((h >>> (8 * d)) & 255)]++;
    }
  }
  let src = new Uint32Array(n);
  for (let j = 0; j < n; j++) src[j] = j;
  let dst = new Uint32Array(n);
  const at = new Uint32Array(256);
  for (let d = 0; d < 8; d++) {
    const base = d * 256;
    let sum = 0;
    let shared = false;
    for (let b = 0; b < 256; b++) {
      const c = count[base + b];
      if (c === n) shared = true;
      at[b] = sum;
      sum += c;
    }
    if (shared) continue;
    const word = d < 4 ? lo : hi;
    const shift = 8 * (d & 3);
    for (let k = 0; k < n; k++) {
      const j = src[k];
      dst[at[(word[j] >>> shift) & 255]++] = j;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** Per stored record: its odd dates and links by row (built when a reason first needs them). */
const sparseTexts = new WeakMap<EdgeColumns, { odd: Map<number, string>; urls: Map<number, string> }>();
function sparseOf(c: EdgeColumns) {
  let t = sparseTexts.get(c);
  if (!t) sparseTexts.set(c, (t = { odd: new Map(c.oddLast ?? []), urls: new Map(c.urls ?? []) }));
  return t;
}

/** The latest date of row r (as `lastTexts` gives it). */
export function lastOf(x: RankEntity, r: number): string {
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
export function sourceOf(x: RankEntity, r: number): string | undefined {
  const c = x.from[x.origin[r]];
  const k = c.src && c.sources ? c.src[x.originRow[r]] : 0;
  return k ? c.sources![k - 1] : undefined;
}

/** The record link of row r's latest interaction (as `urlTexts` gives it). */
export function urlOf(x: RankEntity, r: number): string | undefined {
  const c = x.from[x.origin[r]];
  return c.urls?.length ? sparseOf(c).urls.get(x.originRow[r]) : undefined;
}

