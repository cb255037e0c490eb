/**
 * One entity's evidence as columns of typed arrays (what the local store
 * keeps per entity, see prefix.design.md): the same numbers as `EntityEdges`
 * without a nested object per (person, kind). Structured clone copies typed
 * arrays as blocks, so reading a topic known by thousands is a few copies,
 * not thousands of objects.
 */
import type { EntityKind, InteractionKind } from '../graph/model';
import type { EntityEdges, KindStats } from './aggregate';

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

/** YYYY-MM-DD at the start of a date as the integer YYYYMMDD (same order as the text), or -1. */
export function dayCode(date: string): number {
  if (date.length < 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let v = 0;
  for (let k = 0; k < 10; k++) {
    if (k === 4 || k === 7) continue;
    const c = date.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const dayTexts = new Map<number, string>();
/** The text of a day code (memoised). */
export function dayText(code: number): string {
  let text = dayTexts.get(code);
  if (text === undefined) {
    const y = Math.floor(code / 10000);
    const m = Math.floor(code / 100) % 100;
    const d = code % 100;
    text = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    if (dayTexts.size < 100_000) dayTexts.set(code, text);
  }
  return text;
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
  const contacts = (c as StoredEdges).contacts;
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
export type StoredEdges = (EdgeColumns | EntityEdges) & { contacts?: Array<EdgeColumns | EntityEdges> };

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
  return rec.contacts?.map(asColumns) ?? [];
}

/** Columns of no rows (the own part of an account that has evidence only through its contacts). */
export function emptyColumns(entityId: string, entityKind: EntityKind, refTime: number): EdgeColumns {
  return { entityId, entityKind, refTime, people: [], kinds: [], ...allocColumns(0, 0) };
}

/** An account's stored record: its own columns (or none) and its contacts' (sorted here by id, the store's key order); undefined when neither has evidence. */
export function accountRecord(accountId: string, refTime: number, own: EdgeColumns | undefined, contacts: EdgeColumns[]): StoredEdges | undefined {
  if (!own && !contacts.length) return undefined;
  const rec: StoredEdges = own ?? emptyColumns(accountId, 'account', refTime);
  if (contacts.length) rec.contacts = [...contacts].sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
  else delete rec.contacts;
  return rec;
}

/** The entities' evidence one stored record holds, as stored: its own (if any), then its contacts'. */
export function recordParts(rec: StoredEdges): Array<EdgeColumns | EntityEdges> {
  const own = hasOwn(rec) ? [isNestedEdges(rec) ? ownNested(rec)! : ownPart(rec)] : [];
  return [...own, ...(rec.contacts ?? [])];
}

/** Columns without the contacts they carry. */
function ownPart(rec: EdgeColumns & { contacts?: unknown }): EdgeColumns {
  if (!rec.contacts) return rec;
  const { contacts: _c, ...own } = rec;
  return own;
}

/** Every entity's evidence that stored records hold (own parts, then contacts'), as nested records (tests, diagnostics). */
export function unfoldRecords(recs: readonly StoredEdges[]): EntityEdges[] {
  return recs.flatMap(recordParts).map((x) => (isNestedEdges(x) ? x : columnsToEdges(x)));
}
