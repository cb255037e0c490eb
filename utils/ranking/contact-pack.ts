/**
 * Many contacts' evidence in one account's record, packed (ContactPack below;
 * store.design.md, the trade-offs of "Contacts in their account's record").
 */
import type { InteractionKind } from '../graph/model';
import { allocColumns, columnsBufferBytes, lowerBound, type EdgeColumns } from './column-base';

/**
 * An account's contacts' columns packed into one set of arrays (more than
 * PACK_MIN contacts): structured clone handles each typed array and list on its
 * own, and 3,000 contacts' 7 arrays each took 12.6 ms to clone, packed 1.5 ms
 * (store.design.md). Contact i (id order) has the colleagues
 * `people[peopleAt[i] … peopleAt[i+1]−1]`, its own `start` at
 * `start[peopleAt[i] + i … peopleAt[i+1] + i]` (rows counted from its first),
 * and the rows `rowAt[i] … rowAt[i+1]−1` of `kind` … `last`; `kinds` and
 * `sources` are shared, `oddLast` and `urls` hold rows of the pack, contact after contact
 * (within a contact in the order its columns had them).
 */
export interface ContactPack extends Omit<EdgeColumns, 'entityId' | 'entityKind' | 'refTime'> {
  ids: string[];
  refTime: Float64Array;
  peopleAt: Uint32Array;
  rowAt: Uint32Array;
}

/** Accounts with more contacts with evidence than this keep them packed. */
export const PACK_MIN = 32;
let packMin = PACK_MIN;
/** Tests: pack from fewer contacts (the property tests run with small graphs). */
export function setPackMin(n: number): void {
  packMin = n;
}

/** Whether an account's record packs this many contacts. */
export function packs(contacts: number): boolean {
  return contacts > packMin;
}

/** Packs contacts' columns (id order); undefined when their sources do not fit one shared list of 254. */
export function packContacts(cs: readonly EdgeColumns[]): ContactPack | undefined {
  const kinds: InteractionKind[] = [];
  const sources: string[] = [];
  const kindAt = new Map<InteractionKind, number>();
  const sourceAt = new Map<string, number>();
  let rows = 0;
  let people = 0;
  for (const c of cs) {
    rows += c.kind.length;
    people += c.people.length;
    for (const k of c.kinds) if (!kindAt.has(k)) kindAt.set(k, kinds.push(k) - 1);
    for (const x of c.sources ?? []) if (!sourceAt.has(x)) sourceAt.set(x, sources.push(x) - 1);
  }
  if (sources.length > 254) return undefined;
  const { start, kind, n, s1, s5, oneWay, last } = allocColumns(rows, people + cs.length - 1);
  const pack: ContactPack = { ids: [], refTime: new Float64Array(cs.length), peopleAt: new Uint32Array(cs.length + 1), rowAt: new Uint32Array(cs.length + 1), people: [], start, kind, kinds, n, s1, s5, oneWay, last };
  if (sources.length) pack.sources = sources;
  const src = sources.length ? new Uint8Array(rows) : undefined;
  if (src) pack.src = src;
  let r0 = 0;
  cs.forEach((c, i) => {
    const p0 = pack.people.length;
    pack.ids.push(c.entityId);
    pack.refTime[i] = c.refTime;
    pack.peopleAt[i] = p0;
    pack.rowAt[i] = r0;
    for (const p of c.people) pack.people.push(p);
    start.set(c.start, p0 + i);
    const rowsOf = c.kind.length;
    for (let r = 0; r < rowsOf; r++) kind[r0 + r] = kindAt.get(c.kinds[c.kind[r]])!;
    n.set(c.n, r0);
    s1.set(c.s1, r0);
    s5.set(c.s5, r0);
    oneWay.set(c.oneWay, r0);
    last.set(c.last, r0);
    if (src && c.src && c.sources) for (let r = 0; r < rowsOf; r++) if (c.src[r]) src[r0 + r] = sourceAt.get(c.sources[c.src[r] - 1])! + 1;
    for (const [r, text] of c.oddLast ?? []) (pack.oddLast ??= []).push([r0 + r, text]);
    for (const [r, url] of c.urls ?? []) (pack.urls ??= []).push([r0 + r, url]);
    r0 += rowsOf;
  });
  pack.peopleAt[cs.length] = pack.people.length;
  pack.rowAt[cs.length] = r0;
  return pack;
}

/**
 * The entries of a pack's [row, text] list within rows r0 … r1−1, counted from r0. The list holds one
 * contact's entries after another's, so "row ≥ r0" is false then true along it: a binary search finds
 * the first, and the contact's entries end at the first row ≥ r1.
 */
function rowsIn<T>(list: Array<[number, T]> | undefined, r0: number, r1: number): Array<[number, T]> | undefined {
  if (!list) return undefined;
  const lo = lowerBound(list.length, (k) => list[k][0] < r0);
  const out: Array<[number, T]> = [];
  for (let k = lo; k < list.length && list[k][0] < r1; k++) out.push([list[k][0] - r0, list[k][1]]);
  return out.length ? out : undefined;
}

/** Contact i's columns: views into the pack. */
export function unpackContact(pack: ContactPack, i: number): EdgeColumns {
  const p0 = pack.peopleAt[i];
  const p1 = pack.peopleAt[i + 1];
  const r0 = pack.rowAt[i];
  const r1 = pack.rowAt[i + 1];
  const c: EdgeColumns = {
    entityId: pack.ids[i],
    entityKind: 'contact',
    refTime: pack.refTime[i],
    people: pack.people.slice(p0, p1),
    start: pack.start.subarray(p0 + i, p1 + i + 1),
    kind: pack.kind.subarray(r0, r1),
    kinds: pack.kinds,
    n: pack.n.subarray(r0, r1),
    s1: pack.s1.subarray(r0, r1),
    s5: pack.s5.subarray(r0, r1),
    oneWay: pack.oneWay.subarray(r0, r1),
    last: pack.last.subarray(r0, r1),
  };
  const oddLast = rowsIn(pack.oddLast, r0, r1);
  if (oddLast) c.oddLast = oddLast;
  if (pack.src && pack.sources) {
    c.sources = pack.sources;
    c.src = pack.src.subarray(r0, r1);
  }
  const urls = rowsIn(pack.urls, r0, r1);
  if (urls) c.urls = urls;
  return c;
}

/** Whether columns hold their arrays as `allocColumns` lays them out: one buffer of exactly their size (src: its own). */
function hasOwnBuffers(c: EdgeColumns): boolean {
  const rows = c.kind.length;
  const buf = c.kind.buffer;
  return buf.byteLength === columnsBufferBytes(rows, c.people.length) && [c.start, c.n, c.s1, c.s5, c.oneWay, c.last].every((a) => a.buffer === buf) && (!c.src || c.src.buffer.byteLength === rows);
}

/**
 * Columns with buffers of their own, as a stored record (structured clone copies a view's whole buffer:
 * a pack's view would take the pack along) or a long-lived cache entry needs them; copied when they are
 * views into something larger.
 */
export function withOwnBuffers(c: EdgeColumns): EdgeColumns {
  if (hasOwnBuffers(c)) return c;
  const rows = c.kind.length;
  const copy: EdgeColumns = { ...c, people: [...c.people], kinds: [...c.kinds], ...allocColumns(rows, c.people.length) };
  copy.start.set(c.start);
  copy.kind.set(c.kind);
  copy.n.set(c.n);
  copy.s1.set(c.s1);
  copy.s5.set(c.s5);
  copy.oneWay.set(c.oneWay);
  copy.last.set(c.last);
  if (c.src) copy.src = c.src.slice();
  if (c.sources) copy.sources = [...c.sources];
  return copy;
}

/** Contact `contactId`'s place in the pack (undefined: not there). */
export function packIndexOf(pack: ContactPack, contactId: string): number | undefined {
  const i = lowerBound(pack.ids.length, (k) => pack.ids[k] < contactId);
  return pack.ids[i] === contactId ? i : undefined;
}
