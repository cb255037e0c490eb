/**
 * Per-entity evidence, aggregated once when the graph is written so that a
 * ranking query reads one record per entity instead of every interaction.
 *
 * Recency decays at two speeds (see ranking.design.md):
 *   decay(age) = 0.75·e^(−age/1y) + 0.25·e^(−age/5y)
 * Both exponentials factor over a reference date t0, so the store keeps
 *   s1 = Σ count·e^(−(t0−date)/1y),  s5 = Σ count·e^(−(t0−date)/5y)
 * and a query at time `now` multiplies by e^(−(now−t0)/τ): exact, no re-scan.
 */
import type { EntityKind, Interaction, InteractionKind } from '../graph/model';
import { accountRecord, allocColumns, dayCode, dayText, type EdgeColumns, type StoredEdges } from './columns';
import { countsAsEvidence, filtersEvidence, type EvidenceRule } from '../governance/evidence';
import { addCount, countOf, freeNow, freePage, newPage, PAGE_BITS, PAGE_MASK, setCount, slotHash, type Added, type SlotPage } from './slots';

import { contribution, type EntityEdges, type KindStats } from './contribution';

export { contribution, ONGOING_KINDS, parseDateMs, TAU_LONG, TAU_SHORT, type Contribution, type EntityEdges, type KindStats } from './contribution';

/**
 * Accumulates interactions into per-entity edges.
 *
 * Memory (utils/store/store.design.md, "Memory"): ids are interned to integers and every
 * (entity, person, kind) is one slot of typed-array columns found through an
 * open-addressing table, about 60 bytes per slot instead of a few hundred
 * for nested objects. `EntityEdges` records are built only when read
 * (`records()`; the store's records one at a time by `storedRecords()`).
 */
export class EdgeAccumulator {
  private readonly entityIndex = new Map<string, number>();
  private readonly entityIds: string[] = [];
  private readonly entityKinds: EntityKind[] = [];
  /** Slots grouped by entity, each entity's in order of creation (built when read; `orderStart[e]` … `orderStart[e+1]`). */
  private order: Int32Array | null = null;
  private orderStart: Int32Array | null = null;
  /** Exact sums of slots whose count sum left the Uint16 column (non-integer or ≥ BIG); rare. */
  private readonly bigN = new Map<number, number>();
  private readonly bigOneWay = new Map<number, number>();
  private readonly personIndex = new Map<string, number>();
  private readonly personIds: string[] = [];
  private readonly kindIndex = new Map<string, number>();
  private readonly kindNames: InteractionKind[] = [];
  private readonly pages: SlotPage[] = [];
  private slots = 0;
  /** Open addressing with linear probing: slot + 1 per cell, 0 = empty; at most 3/4 full (empty after `release`, rebuilt on the next add). */
  private table = new Int32Array(1 << 12);
  private readonly oddLast = new Map<number, string>();
  /** Interned sources (src − 1 indexes it); beyond 65,535 distinct sources, none is kept. */
  private readonly sourceIndex = new Map<string, number>();
  private readonly sourceNames: string[] = [];
  /** The latest interaction's url per slot (sparse: most interactions have none). */
  private readonly urls = new Map<number, string>();

  private readonly rule: EvidenceRule | null;
  /** Contact entity → its account's entity + 1 (0: none), for `storedRecords` (set by `linkContact`). */
  private accountOf = new Int32Array(0);

  /** `rule`: which interactions are evidence (works-council mode, utils/governance/evidence.ts); the others are skipped. */
  constructor(
    readonly refTime: number = Date.now(),
    rule?: EvidenceRule,
  ) {
    this.rule = rule && filtersEvidence(rule) ? rule : null;
  }

  add(i: Interaction): void {
    if (this.rule && !countsAsEvidence(i, this.rule)) return;
    const { count, d1, d5, oneWay } = contribution(i, this.refTime);
    const day = dayCode(i.date);
    const src = i.source ? this.sourceOf(i.source) : 0;
    const url = i.url;
    let person = this.personIndex.get(i.personId);
    if (person === undefined) {
      person = this.personIds.length;
      this.personIds.push(i.personId);
      this.personIndex.set(i.personId, person);
    }
    let kind = this.kindIndex.get(i.kind);
    if (kind === undefined) {
      kind = this.kindNames.length;
      if (kind > 255) throw new Error('EdgeAccumulator: more than 256 interaction kinds');
      this.kindNames.push(i.kind);
      this.kindIndex.set(i.kind, kind);
    }
    const c: Added = { count, d1, d5, oneWay, day, date: i.date, src, url };
    if (i.accountId) this.addTo(this.entity(i.accountId, 'account'), person, kind, c);
    if (i.contactId) this.addTo(this.entity(i.contactId, 'contact'), person, kind, c);
    if (i.topicIds) for (const tid of i.topicIds) this.addTo(this.entity(tid, 'topic'), person, kind, c);
  }

  private sourceOf(source: string): number {
    let k = this.sourceIndex.get(source);
    if (k === undefined) {
      if (this.sourceNames.length >= 0xffff) return 0;
      this.sourceNames.push(source);
      k = this.sourceNames.length;
      this.sourceIndex.set(source, k);
    }
    return k;
  }

  private entity(id: string, kind: EntityKind): number {
    let e = this.entityIndex.get(id);
    if (e === undefined) {
      e = this.entityIds.length;
      this.entityIds.push(id);
      this.entityKinds.push(kind);
      this.entityIndex.set(id, e);
      this.order = this.orderStart = null; // the grouping covers the entities it was built for
    }
    return e;
  }

  private addTo(entity: number, person: number, kind: number, a: Added): void {
    const { count, d1, d5, oneWay, day, date } = a;
    if (this.table.length === 0) this.grow();
    this.order = null;
    const table = this.table;
    const mask = table.length - 1;
    let h = slotHash(entity, person, kind) & mask;
    for (;;) {
      const cell = table[h];
      if (cell === 0) break;
      const slot = cell - 1;
      const p = this.pages[slot >>> PAGE_BITS];
      const o = slot & PAGE_MASK;
      if (p.entity[o] === entity && p.person[o] === person && p.kind[o] === kind) {
        addCount(p.n, this.bigN, o, slot, count);
        p.s1[o] += d1;
        p.s5[o] += d5;
        if (oneWay) addCount(p.oneWay, this.bigOneWay, o, slot, oneWay);
        const last = p.last[o];
        // Not older than the latest so far: its source and link become the slot's.
        let latest: boolean;
        if (day >= 0 && last >= 0) {
          latest = day >= last;
          if (day > last) p.last[o] = day;
        } else {
          const text = date.slice(0, 10);
          const current = last >= 0 ? dayText(last) : this.oddLast.get(slot)!;
          latest = text >= current;
          if (text > current) {
            p.last[o] = day;
            if (day >= 0) this.oddLast.delete(slot);
            else this.oddLast.set(slot, text);
          }
        }
        if (latest) this.setLatest(p, o, slot, a);
        return;
      }
      h = (h + 1) & mask;
    }
    const slot = this.slots++;
    const o = slot & PAGE_MASK;
    if (o === 0) this.pages.push(newPage());
    const p = this.pages[slot >>> PAGE_BITS];
    p.entity[o] = entity;
    p.person[o] = person;
    p.kind[o] = kind;
    setCount(p.n, this.bigN, o, slot, count);
    p.s1[o] = d1;
    p.s5[o] = d5;
    setCount(p.oneWay, this.bigOneWay, o, slot, oneWay);
    p.last[o] = day;
    if (day < 0) this.oddLast.set(slot, date.slice(0, 10));
    this.setLatest(p, o, slot, a);
    table[h] = slot + 1;
    if (this.slots * 4 > table.length * 3) this.grow();
  }

  /** The slots of entity `e`, oldest first (slots grouped by entity with one counting sort, kept until the next add). */
  private slotsOf(e: number): Int32Array {
    if (!this.order || !this.orderStart) {
      const entities = this.entityIds.length;
      const start = new Int32Array(entities + 1);
      for (let slot = 0; slot < this.slots; slot++) start[this.pages[slot >>> PAGE_BITS].entity[slot & PAGE_MASK] + 1]++;
      for (let k = 0; k < entities; k++) start[k + 1] += start[k];
      const fill = start.slice(0, entities);
      const order = new Int32Array(this.slots);
      for (let slot = 0; slot < this.slots; slot++) order[fill[this.pages[slot >>> PAGE_BITS].entity[slot & PAGE_MASK]]++] = slot;
      freeNow(fill);
      this.order = order;
      this.orderStart = start;
    }
    return this.order.subarray(this.orderStart[e], this.orderStart[e + 1]);
  }

  private setLatest(p: SlotPage, o: number, slot: number, a: Added): void {
    p.src[o] = a.src;
    if (a.url) this.urls.set(slot, a.url);
    else this.urls.delete(slot);
  }

  /** A table with room for the slots (at most 3/4 full after the next one), every slot entered. */
  private grow(): void {
    let size = 1 << 12;
    while ((this.slots + 1) * 4 > size * 3) size *= 2;
    if (size <= this.table.length) size = this.table.length * 2;
    this.release(); // the old one goes before the new one is filled
    const table = new Int32Array(size);
    const mask = table.length - 1;
    for (let slot = 0; slot < this.slots; slot++) {
      const p = this.pages[slot >>> PAGE_BITS];
      const o = slot & PAGE_MASK;
      let h = slotHash(p.entity[o], p.person[o], p.kind[o]) & mask;
      while (table[h] !== 0) h = (h + 1) & mask;
      table[h] = slot + 1;
    }
    this.table = table;
  }

  /**
   * Drops the lookup table (≈ 8 bytes per slot): reading the edges needs only
   * the slots. A later `add` rebuilds it.
   */
  release(): void {
    freeNow(this.table);
    this.table = new Int32Array(0);
  }

  /** Frees every column at once (the accumulator must not be used again). */
  dispose(): void {
    this.release();
    for (const p of this.pages.splice(0)) freePage(p);
    freeNow(this.order, this.orderStart, this.accountOf);
    this.order = this.orderStart = null;
    this.slots = 0;
  }

  addAll(items: Iterable<Interaction>): this {
    for (const i of items) this.add(i);
    return this;
  }

  /** Number of entities seen (with edges, or named only by `linkContact`). */
  get size(): number {
    return this.entityIds.length;
  }

  /** The edges of entity number `e` (in order of first appearance). */
  private record(e: number): EntityEdges {
    const chain = this.slotsOf(e);
    // A prototype-less object starts as a dictionary: adding thousands of
    // different person ids to plain objects builds a hidden class per key
    // sequence (measured 20× slower). Structured clone stores it as a plain object.
    const people = Object.create(null) as EntityEdges['people'];
    // Oldest slot first: people and kinds appear in the order they were first seen.
    for (let k = 0; k < chain.length; k++) {
      const slot = chain[k];
      const p = this.pages[slot >>> PAGE_BITS];
      const o = slot & PAGE_MASK;
      const byKind = (people[this.personIds[p.person[o]]] ??= {});
      const last = p.last[o] >= 0 ? dayText(p.last[o]) : this.oddLast.get(slot)!;
      const oneWay = countOf(p.oneWay, this.bigOneWay, o, slot);
      const n = countOf(p.n, this.bigN, o, slot);
      const stats: KindStats = oneWay ? { n, s1: p.s1[o], s5: p.s5[o], last, oneWay } : { n, s1: p.s1[o], s5: p.s5[o], last };
      if (p.src[o]) stats.source = this.sourceNames[p.src[o] - 1];
      const url = this.urls.get(slot);
      if (url) stats.url = url;
      byKind[this.kindNames[p.kind[o]]] = stats;
    }
    return { entityId: this.entityIds[e], entityKind: this.entityKinds[e], refTime: this.refTime, people };
  }

  /** The columns of entity number `e` (people and their kinds in order of first appearance, as `record`). */
  private columnsOf(e: number): EdgeColumns {
    const chain = this.slotsOf(e);
    const local = new Map<number, number>();
    const people: string[] = [];
    const counts: number[] = [];
    const personOf = new Int32Array(chain.length);
    chain.forEach((slot, k) => {
      const gp = this.pages[slot >>> PAGE_BITS].person[slot & PAGE_MASK];
      let j = local.get(gp);
      if (j === undefined) {
        j = people.length;
        local.set(gp, j);
        people.push(this.personIds[gp]);
        counts.push(0);
      }
      counts[j]++;
      personOf[k] = j;
    });
    const kinds: InteractionKind[] = [];
    const kindLocal = new Map<number, number>();
    const c: EdgeColumns = { entityId: this.entityIds[e], entityKind: this.entityKinds[e], refTime: this.refTime, people, kinds, ...allocColumns(chain.length, people.length) };
    const start = c.start;
    for (let j = 0; j < people.length; j++) start[j + 1] = start[j] + counts[j];
    const fill = start.slice(0, people.length);
    const srcLocal = new Map<number, number>();
    chain.forEach((slot, k) => {
      const p = this.pages[slot >>> PAGE_BITS];
      const o = slot & PAGE_MASK;
      const r = fill[personOf[k]]++;
      let ki = kindLocal.get(p.kind[o]);
      if (ki === undefined) {
        ki = kinds.length;
        kinds.push(this.kindNames[p.kind[o]]);
        kindLocal.set(p.kind[o], ki);
      }
      c.kind[r] = ki;
      c.n[r] = countOf(p.n, this.bigN, o, slot);
      c.s1[r] = p.s1[o];
      c.s5[r] = p.s5[o];
      c.oneWay[r] = countOf(p.oneWay, this.bigOneWay, o, slot);
      c.last[r] = p.last[o];
      if (p.last[o] < 0) (c.oddLast ??= []).push([r, this.oddLast.get(slot)!]);
      const g = p.src[o];
      if (g) {
        let li = srcLocal.get(g);
        if (li === undefined) {
          (c.sources ??= []).push(this.sourceNames[g - 1]);
          li = c.sources.length;
          srcLocal.set(g, li);
        }
        (c.src ??= new Uint8Array(chain.length))[r] = li <= 255 ? li : 0;
      }
      const url = this.urls.get(slot);
      if (url) (c.urls ??= []).push([r, url]);
    });
    freeNow(personOf, fill);
    return c;
  }

  /**
   * Notes the account a contact belongs to (the contact's record, as stored:
   * a later call wins, as a later record does). `storedRecords` then keeps the
   * contact's evidence inside its account's record.
   */
  linkContact(contactId: string, accountId: string | undefined): void {
    if (accountId === undefined && !this.entityIndex.has(contactId)) return;
    const c = this.entity(contactId, 'contact');
    const a = accountId === undefined ? -1 : this.entity(accountId, 'account');
    if (c >= this.accountOf.length) {
      const grown = new Int32Array(Math.max(1024, this.accountOf.length * 2, c + 1));
      grown.set(this.accountOf);
      freeNow(this.accountOf);
      this.accountOf = grown;
    }
    this.accountOf[c] = a + 1;
  }

  /** The links of another accumulator (the same import, aggregated again). */
  adoptLinks(from: EdgeAccumulator): void {
    for (let c = 0; c < from.accountOf.length; c++) if (from.accountOf[c]) this.linkContact(from.entityIds[c], from.entityIds[from.accountOf[c] - 1]);
  }

  /**
   * The records to store (schema 4, utils/store/store.design.md), one at a
   * time (the lookup table is released first: see `release`): a topic's or an account-less contact's columns; an account's own
   * columns carrying its linked contacts' (id order; own columns of no rows
   * when only its contacts have evidence). Entities without evidence have none.
   */
  *storedRecords(): Generator<StoredEdges> {
    this.release();
    const n = this.entityIds.length;
    const links = this.accountOf;
    const linked = (e: number) => e < links.length && links[e] > 0 && this.entityKinds[e] === 'contact';
    // Each account's linked contacts, grouped by one counting sort.
    const start = new Int32Array(n + 1);
    for (let e = 0; e < Math.min(n, links.length); e++) if (linked(e)) start[links[e]]++;
    for (let e = 0; e < n; e++) start[e + 1] += start[e];
    const fill = start.slice(0, n);
    const members = new Int32Array(start[n]);
    for (let e = 0; e < Math.min(n, links.length); e++) if (linked(e)) members[fill[links[e] - 1]++] = e;
    freeNow(fill);
    try {
      for (let e = 0; e < n; e++) {
        if (linked(e)) continue;
        const has = this.slotsOf(e).length > 0;
        if (this.entityKinds[e] !== 'account') {
          if (has) yield this.columnsOf(e);
          continue;
        }
        const contacts: EdgeColumns[] = [];
        for (let k = start[e]; k < start[e + 1]; k++) if (this.slotsOf(members[k]).length) contacts.push(this.columnsOf(members[k]));
        const rec = accountRecord(this.entityIds[e], this.refTime, has ? this.columnsOf(e) : undefined, contacts);
        if (rec) yield rec;
      }
    } finally {
      freeNow(start, members);
    }
  }

  /** Every entity's columns, in order of first appearance. */
  columns(): EdgeColumns[] {
    const out: EdgeColumns[] = [];
    for (let e = 0; e < this.entityIds.length; e++) out.push(this.columnsOf(e));
    return out;
  }

  /** Every entity's edges, in order of first appearance. */
  records(): EntityEdges[] {
    const out: EntityEdges[] = [];
    for (let e = 0; e < this.entityIds.length; e++) out.push(this.record(e));
    return out;
  }
}
