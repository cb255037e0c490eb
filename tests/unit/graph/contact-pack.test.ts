/**
 * An account with more than PACK_MIN contacts with evidence keeps their
 * columns packed (contact-pack.ts, ContactPack; store.design.md): every contact's
 * evidence comes back exactly (refTimes of their own, odd dates, sources,
 * links, one-way counts), through structured clone too, one at a time or all;
 * a contact taken out into another account's record takes only its own rows.
 */
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../../utils/graph/model';
import { EdgeAccumulator } from '../../../utils/ranking/aggregate';
import { accountRecord, columnsToEdges, contactColumns, contactColumnsOf, PACK_MIN, recordParts, type EdgeColumns, type StoredEdges } from '../../../utils/ranking/columns';

const KINDS = ['email', 'meeting', 'call', 'case-resolved', 'account-team'] as const;

/** Contacts' columns as the accumulator makes them: three imports with their own reference times. */
function contactsOf(n: number, sources: (c: number) => string | undefined = (c) => (c % 3 ? `crm-${c % 2}` : undefined)): EdgeColumns[] {
  const out: EdgeColumns[] = [];
  for (const [k, ref] of ['2026-01-01', '2026-06-01', '2026-10-01'].entries()) {
    const acc = new EdgeAccumulator(Date.parse(ref));
    for (let c = k; c < n; c += 3) {
      for (let j = 0; j < 1 + (c % 4); j++) {
        const i: Interaction = { personId: `p-${(c * 7 + j) % 11}`, contactId: `c-${String(c).padStart(3, '0')}`, kind: KINDS[(c + j) % KINDS.length], date: j === 2 ? '2025-03' : `2025-0${1 + ((c + j) % 9)}-1${j}` };
        if (c % 5 === 0) i.direction = 'outbound';
        const src = sources(c);
        if (src) i.source = src;
        if (c % 4 === 1) i.url = `https://crm.example/r/${c}-${j}`;
        acc.add(i);
      }
    }
    out.push(...acc.columns().filter((x) => x.entityKind === 'contact'));
  }
  return out.sort((a, b) => (a.entityId < b.entityId ? -1 : 1));
}

const nested = (cs: EdgeColumns[]) => cs.map(columnsToEdges);

describe('packed contacts', () => {
  it('above PACK_MIN: one pack, and every contact as it went in (nested and column by column), also after structured clone', () => {
    const cs = contactsOf(PACK_MIN + 9);
    // What there is to keep: own reference times, odd dates, links, sources, one-way counts.
    expect(new Set(cs.map((c) => c.refTime)).size).toBe(3);
    expect(cs.filter((c) => c.oddLast).length).toBeGreaterThan(3);
    expect(cs.filter((c) => c.urls).length).toBeGreaterThan(3);
    expect(cs.filter((c) => c.src).length).toBeGreaterThan(3);
    expect(cs.filter((c) => c.oneWay.some((x) => x > 0)).length).toBeGreaterThan(3);
    const before = nested(cs);
    const rec = accountRecord('a-big', cs[0].refTime, undefined, [...cs].reverse())!;
    expect(rec.pack?.ids).toEqual(cs.map((c) => c.entityId));
    expect(rec.contacts).toBeUndefined();
    for (const stored of [rec, structuredClone(rec)]) {
      const out = contactColumns(stored);
      expect(nested(out)).toEqual(before);
      out.forEach((c, i) => {
        expect([c.entityId, c.entityKind, c.refTime, c.people]).toEqual([cs[i].entityId, 'contact', cs[i].refTime, cs[i].people]);
        for (const key of ['start', 'n', 's1', 's5', 'oneWay', 'last'] as const) expect(Array.from(c[key]), `${c.entityId} ${key}`).toEqual(Array.from(cs[i][key]));
        expect(Array.from(c.kind, (k) => c.kinds[k])).toEqual(Array.from(cs[i].kind, (k) => cs[i].kinds[k]));
        expect(c.oddLast).toEqual(cs[i].oddLast);
        expect(c.urls).toEqual(cs[i].urls);
        expect(columnsToEdges(contactColumnsOf(stored, c.entityId)!)).toEqual(before[i]);
      });
      expect(contactColumnsOf(stored, 'c-none')).toBeUndefined();
      // No evidence of its own: its parts are its contacts'.
      expect(recordParts(stored).map((p) => p.entityId)).toEqual(cs.map((c) => c.entityId));
    }
    // The whole account as a nested record keeps its contacts'.
    expect((columnsToEdges(rec as EdgeColumns) as StoredEdges).contacts).toEqual(before);
  });

  it('at PACK_MIN or fewer, or with more than 254 sources, contacts stay listed', () => {
    const few = contactsOf(PACK_MIN);
    const rec = accountRecord('a-few', 0, undefined, few)!;
    expect(rec.pack).toBeUndefined();
    expect(rec.contacts).toHaveLength(PACK_MIN);
    const many = contactsOf(300, (c) => `system-${c}`);
    const rec2 = accountRecord('a-many', 0, undefined, many)!;
    expect(rec2.pack).toBeUndefined();
    expect(nested(contactColumns(rec2))).toEqual(nested(many));
  });

  it("a contact moved out of a pack into a small account's record takes its own rows, not the pack", () => {
    const cs = contactsOf(PACK_MIN * 4);
    const big = structuredClone(accountRecord('a-big', 0, undefined, cs)!);
    const moved = contactColumnsOf(big, cs[5].entityId)!;
    const small = structuredClone(accountRecord('a-small', 0, undefined, [moved])!);
    expect(nested(contactColumns(small))).toEqual([columnsToEdges(cs[5])]);
    // Its bytes are its own: structured clone (what IndexedDB stores) copies a view's whole buffer, and the pack's is not in it.
    const own = small.contacts![0] as EdgeColumns;
    const rows = own.kind.length;
    for (const key of ['start', 'kind', 'n', 's1', 's5', 'oneWay', 'last'] as const) expect(own[key].buffer.byteLength, key).toBe(rows * 37 + (own.people.length + 1) * 4);
    expect(moved.n.buffer.byteLength).toBeGreaterThan(rows * 37 * 20);
    // And the account it left repacks without it.
    const rest = accountRecord('a-big', 0, undefined, contactColumns(big).filter((c) => c.entityId !== moved.entityId))!;
    expect(rest.pack?.ids).toEqual(cs.filter((c) => c !== cs[5]).map((c) => c.entityId));
  });
});
