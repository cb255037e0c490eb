/**
 * One entity's evidence as columns of typed arrays (what the local store
 * keeps per entity, see prefix.design.md): the same numbers as `EntityEdges`
 * without a nested object per (person, kind). Structured clone copies typed
 * arrays as blocks, so reading a topic known by thousands is a few copies,
 * not thousands of objects.
 */
import type { EntityKind, InteractionKind } from '../graph/model';
import type { EntityEdges, KindStats } from './aggregate';
import { dayCode, dayText } from './day-codes';

export { dayCode, dayText } from './day-codes';

export interface EdgeColumns {
  entityId: string;
  entityKind: EntityKind;
  /** Epoch ms the s1/s5 sums refer to. */
  refTime: number;
  /** Colleagues, in order of first appearance. */
  people: string[];
  /** Rows of person j: start[j] … start[j+1]−1, kinds in order of first appearance. */
  start: Uint32Array;
  /** Kind of each row, as an index into `kinds`. */
  kind: Uint8Array;
  kinds: InteractionKind[];
  n: Float64Array;
  s1: Float64Array;
  s5: Float64Array;
  oneWay: Float64Array;
  /** Latest day as YYYYMMDD; −1: the text is in `oddLast`. */
  last: Int32Array;
  /** [row, text] for dates that are not YYYY-MM-DD. */
  oddLast?: Array<[number, string]>;
  /** Source systems of this record's rows (absent: none has one). */
  sources?: string[];
  /** Each row's latest source as an index into `sources` + 1 (0: none). */
  src?: Uint8Array;
  /** [row, url]: the record link of the row's latest interaction, where it has one. */
  urls?: Array<[number, string]>;
}

/**
 * The typed arrays of a record of `rows` rows and `people` colleagues, as views
 * of one ArrayBuffer: one allocation per record (structured clone writes the
 * buffer once and the views as references to it).
 */
export function allocColumns(rows: number, people: number): Pick<EdgeColumns, 'start' | 'kind' | 'n' | 's1' | 's5' | 'oneWay' | 'last'> {
  const buf = new ArrayBuffer(rows * 37 + (people + 1) * 4);
  const f = (k: number) => new Float64Array(buf, k * rows * 8, rows);
  return {
    n: f(0),
    s1: f(1),
    s5: f(2),
    oneWay: f(3),
    last: new Int32Array(buf, rows * 32, rows),
    start: new Uint32Array(buf, rows * 36, people + 1),
    kind: new Uint8Array(buf, rows * 36 + (people + 1) * 4, rows),
  };
}

/** The `last` text of every row. */
export function lastTexts(c: EdgeColumns): string[] {
  const out = Array.from(c.last, (d) => (d >= 0 ? dayText(d) : ''));
  for (const [row, text] of c.oddLast ?? []) out[row] = text;
  return out;
}

/** The latest source of every row (undefined: none). */
export function sourceTexts(c: EdgeColumns): Array<string | undefined> {
  const src = c.src;
  const names = c.sources;
  if (!src || !names) return new Array<string | undefined>(c.kind.length);
  return Array.from(src, (k) => (k ? names[k - 1] : undefined));
}

/** The latest record link of every row (undefined: none). */
export function urlTexts(c: EdgeColumns): Array<string | undefined> {
  const out = new Array<string | undefined>(c.kind.length);
  for (const [row, url] of c.urls ?? []) out[row] = url;
  return out;
}

/** Columns of a nested record (stored by an older version, or built by a graph service). */
export function edgesToColumns(e: EntityEdges): EdgeColumns {
  const people = Object.keys(e.people);
  const kinds: InteractionKind[] = [];
  const kindIndex = new Map<InteractionKind, number>();
  let rows = 0;
  for (const p of people) for (const s of Object.values(e.people[p])) if (s) rows++;
  const c: EdgeColumns = {
    entityId: e.entityId,
    entityKind: e.entityKind,
    refTime: e.refTime,
    people,
    kinds,
    ...allocColumns(rows, people.length),
  };
  let r = 0;
  people.forEach((p, j) => {
    c.start[j] = r;
    for (const [k, s] of Object.entries(e.people[p]) as Array<[InteractionKind, KindStats | undefined]>) {
      if (!s) continue;
      let ki = kindIndex.get(k);
      if (ki === undefined) {
        ki = kinds.length;
        kinds.push(k);
        kindIndex.set(k, ki);
      }
      c.kind[r] = ki;
      c.n[r] = s.n;
      c.s1[r] = s.s1;
      c.s5[r] = s.s5;
      c.oneWay[r] = s.oneWay ?? 0;
      const day = dayCode(s.last);
      c.last[r] = day >= 0 && dayText(day) === s.last ? day : -1;
      if (c.last[r] < 0) (c.oddLast ??= []).push([r, s.last]);
      if (s.source) {
        let li = c.sources?.indexOf(s.source) ?? -1;
        if (li < 0) li = (c.sources ??= []).push(s.source) - 1;
        if (li < 255) (c.src ??= new Uint8Array(rows))[r] = li + 1;
      }
      if (s.url) (c.urls ??= []).push([r, s.url]);
      r++;
    }
  });
  c.start[people.length] = r;
  return c;
}

/** The nested record of these columns (export, tests, and readers of the older shape); an account's record keeps its contacts' (nested). */
export function columnsToEdges(c: EdgeColumns): EntityEdges {
  const people = Object.create(null) as EntityEdges['people'];
  const last = lastTexts(c);
  const source = sourceTexts(c);
  const url = urlTexts(c);
  c.people.forEach((p, j) => {
    const byKind: Partial<Record<InteractionKind, KindStats>> = {};
    for (let r = c.start[j]; r < c.start[j + 1]; r++) {
      const oneWay = c.oneWay[r];
      const s: KindStats = oneWay ? { n: c.n[r], s1: c.s1[r], s5: c.s5[r], last: last[r], oneWay } : { n: c.n[r], s1: c.s1[r], s5: c.s5[r], last: last[r] };
      if (source[r]) s.source = source[r];
      if (url[r]) s.url = url[r];
      byKind[c.kinds[c.kind[r]]] = s;
    }
    people[p] = byKind;
  });
  const out: StoredEdges = { entityId: c.entityId, entityKind: c.entityKind, refTime: c.refTime, people };
  // An account's record (schema 4) keeps its contacts', nested too.
  const rec = c as StoredEdges;
  const contacts = rec.pack ? contactColumns(rec) : rec.contacts;
  if (contacts) out.contacts = contacts.map((x) => (isNestedEdges(x) ? x : columnsToEdges(x)));
  return out;
}

/** Whether a stored record is the nested shape of older versions. */
export function isNestedEdges(x: EdgeColumns | EntityEdges): x is EntityEdges {
  return !Array.isArray(x.people);
}

/** Either shape, as columns. */
export function asColumns(x: EdgeColumns | EntityEdges): EdgeColumns {
  return isNestedEdges(x) ? edgesToColumns(x) : x;
}

/** Approximate bytes of a record (for write batches sized by bytes). */
export function columnBytes(c: EdgeColumns): number {
  return 64 + c.entityId.length * 2 + c.people.reduce((s, p) => s + 16 + p.length * 2, 0) + c.start.byteLength + c.kind.length * 37 + (c.src?.length ?? 0) + (c.urls?.reduce((s, [, u]) => s + 16 + u.length * 2, 0) ?? 0);
}

/**
 * A stored evidence record (schema 4, store.design.md "Contacts in their
 * account's record"): an entity's own columns; an account's record also
 * carries the columns of its contacts that have evidence, in id order (such a
 * contact has no record of its own). An account with no evidence of its own
 * but contacts with some has own columns of no rows. Either part may be the
 * nested shape of older versions.
 */
export type StoredEdges = (EdgeColumns | EntityEdges) & { contacts?: Array<EdgeColumns | EntityEdges>; pack?: ContactPack };

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

/** Packs contacts' columns (id order); undefined when their sources do not fit one shared list of 254. */
function packContacts(cs: readonly EdgeColumns[]): ContactPack | undefined {
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
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid][0] < r0) lo = mid + 1;
    else hi = mid;
  }
  const out: Array<[number, T]> = [];
  for (let k = lo; k < list.length && list[k][0] < r1; k++) out.push([list[k][0] - r0, list[k][1]]);
  return out.length ? out : undefined;
}

/** Contact i's columns: views into the pack. */
function unpackContact(pack: ContactPack, i: number): EdgeColumns {
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
  return buf.byteLength === rows * 37 + (c.people.length + 1) * 4 && [c.start, c.n, c.s1, c.s5, c.oneWay, c.last].every((a) => a.buffer === buf) && (!c.src || c.src.buffer.byteLength === rows);
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

/** Whether a record (either shape) holds evidence of its own entity. */
function hasOwn(rec: EdgeColumns | EntityEdges): boolean {
  return isNestedEdges(rec) ? Object.keys(rec.people).length > 0 : rec.people.length > 0;
}

/** The record's own evidence as columns (undefined: it holds only its contacts'). */
export function ownColumns(rec: StoredEdges): EdgeColumns | undefined {
  return hasOwn(rec) ? asColumns(rec) : undefined;
}

/** The record's own evidence as a nested record, without its contacts' (undefined: none). */
export function ownNested(rec: StoredEdges): EntityEdges | undefined {
  if (!hasOwn(rec)) return undefined;
  if (!isNestedEdges(rec)) return columnsToEdges(ownPart(rec));
  const { entityId, entityKind, refTime, people } = rec;
  return { entityId, entityKind, refTime, people };
}

/** The columns of the contacts an account's record carries (id order). */
export function contactColumns(rec: StoredEdges): EdgeColumns[] {
  const pack = rec.pack;
  if (pack) return pack.ids.map((_, i) => unpackContact(pack, i));
  return rec.contacts?.map(asColumns) ?? [];
}

/** The columns of one contact an account's record carries (undefined: not there). */
export function contactColumnsOf(rec: StoredEdges, contactId: string): EdgeColumns | undefined {
  const pack = rec.pack;
  if (!pack) {
    const c = rec.contacts?.find((x) => x.entityId === contactId);
    return c && asColumns(c);
  }
  let lo = 0;
  let hi = pack.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pack.ids[mid] < contactId) lo = mid + 1;
    else hi = mid;
  }
  return pack.ids[lo] === contactId ? unpackContact(pack, lo) : undefined;
}

/** Columns of no rows (the own part of an account that has evidence only through its contacts). */
export function emptyColumns(entityId: string, entityKind: EntityKind, refTime: number): EdgeColumns {
  return { entityId, entityKind, refTime, people: [], kinds: [], ...allocColumns(0, 0) };
}

/** An account's stored record: its own columns (or none) and its contacts' (sorted here by id, the store's key order); undefined when neither has evidence. */
export function accountRecord(accountId: string, refTime: number, own: EdgeColumns | undefined, contacts: EdgeColumns[]): StoredEdges | undefined {
  if (!own && !contacts.length) return undefined;
  const rec: StoredEdges = own ?? emptyColumns(accountId, 'account', refTime);
  const sorted = [...contacts].sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
  const pack = sorted.length > packMin ? packContacts(sorted) : undefined;
  delete rec.contacts;
  delete rec.pack;
  if (pack) rec.pack = pack;
  else if (sorted.length) rec.contacts = sorted.map(withOwnBuffers);
  return rec;
}

/** The entities' evidence one stored record holds, as stored: its own (if any), then its contacts'. */
export function recordParts(rec: StoredEdges): Array<EdgeColumns | EntityEdges> {
  const own = hasOwn(rec) ? [isNestedEdges(rec) ? ownNested(rec)! : ownPart(rec)] : [];
  return [...own, ...(rec.pack ? contactColumns(rec) : (rec.contacts ?? []))];
}

/** Columns without the contacts they carry. */
function ownPart(rec: EdgeColumns & { contacts?: unknown; pack?: unknown }): EdgeColumns {
  if (!rec.contacts && !rec.pack) return rec;
  const { contacts: _c, pack: _p, ...own } = rec;
  return own;
}

/** Every entity's evidence that stored records hold (own parts, then contacts'), as nested records (tests, diagnostics). */
export function unfoldRecords(recs: readonly StoredEdges[]): EntityEdges[] {
  return recs.flatMap(recordParts).map((x) => (isNestedEdges(x) ? x : columnsToEdges(x)));
}
