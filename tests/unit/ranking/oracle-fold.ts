/**
 * The fold as it was before rows of one record stayed in place (prefix.design.md):
 * every row copied in bound order, colleague q's rows at start[q] … start[q+1]−1,
 * ordered by a comparator sort. The in-place fold is tested equal to it.
 */
import { INTERACTION_KINDS, type EntityKind, type InteractionKind } from '../../../utils/graph/model';
import type { EdgeColumns } from '../../../utils/ranking/columns';
import { ONGOING, W } from '../../../utils/ranking/fold';
import { CONTACT_TO_ACCOUNT, ONE_WAY_FACTOR, RECENCY_LONG_SHARE, RECENCY_SHORT_SHARE, SKILL_CLAIMED, SKILL_PROVEN } from '../../../utils/ranking/weights';

const KIND_CODE = new Map<InteractionKind, number>(INTERACTION_KINDS.map((k, i) => [k, i]));
const PROVING = new Set<InteractionKind>(['case-resolved', 'deal-won']);

export interface OracleEntity {
  id: string;
  entityKind: EntityKind;
  people: string[];
  bound: Float64Array;
  start: Uint32Array;
  kind: Uint8Array;
  factor: Float64Array;
  ref: Float64Array;
  n: Float64Array;
  s1: Float64Array;
  s5: Float64Array;
  oneWay: Float64Array;
  from: readonly EdgeColumns[];
  origin: Uint32Array;
  originRow: Uint32Array;
  skill: Float64Array;
  rows: number;
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
export function oracleFold(id: string, kind: EntityKind, own: EdgeColumns | undefined, contacts: readonly EdgeColumns[], skilled: readonly string[]): OracleEntity | null {
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
  const perm = Uint32Array.from(Array.from(bounds.keys()).sort((a, b) => bounds[b] - bounds[a] || a - b));
  const x: OracleEntity = {
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

