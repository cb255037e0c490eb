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
import { allocColumns, type EdgeColumns } from './column-base';
import { packContacts, packIndexOf, packs, unpackContact, withOwnBuffers, type ContactPack } from './contact-pack';

export { dayCode, dayText } from './day-codes';
export { allocColumns, type EdgeColumns } from './column-base';
export { PACK_MIN, setPackMin, withOwnBuffers, type ContactPack } from './contact-pack';

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
  const i = packIndexOf(pack, contactId);
  return i === undefined ? undefined : unpackContact(pack, i);
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
  const pack = packs(sorted.length) ? packContacts(sorted) : undefined;
  delete rec.contacts;
  delete rec.pack;
  if (pack) rec.pack = pack;
  else if (sorted.length) rec.contacts = sorted.map(withOwnBuffers);
  return rec;
}

/** About the bytes of a stored record (write batches are sized by bytes), and its typed arrays (freed once written). */
export function storedSize(rec: StoredEdges & EdgeColumns): { bytes: number; arrays: Array<ArrayBufferView | undefined> } {
  const parts: EdgeColumns[] = [rec, ...((rec.contacts ?? []) as EdgeColumns[])];
  let bytes = parts.reduce((sum, x) => sum + columnBytes(x), 0);
  const arrays = parts.flatMap((x) => [x.kind, x.src]);
  const pack = rec.pack;
  if (pack) {
    bytes += columnBytes({ ...pack, entityId: '', entityKind: 'contact', refTime: 0 }) + pack.ids.reduce((sum, id) => sum + 32 + id.length * 2, 0);
    arrays.push(pack.kind, pack.src);
  }
  return { bytes, arrays };
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
