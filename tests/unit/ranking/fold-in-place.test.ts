/**
 * The fold keeps one record's rows in place and orders colleagues by a radix
 * sort (prefix.design.md, "The folded entity in memory"). Per position it
 * must give what the copying fold gave (oracle-fold.ts): the same colleague,
 * bound, skill weight and rows in the same order with the same numbers and
 * origins, and the position index must agree. Random columns: topics,
 * contacts and accounts with contacts, repeated colleagues inside a record
 * (folded as several records), repeated and unlisted skilled colleagues,
 * proving kinds, one-way counts, zero and tied bounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERACTION_KINDS, type EntityKind } from '../../../utils/graph/model';
import type { EdgeColumns } from '../../../utils/ranking/columns';
import { foldEntity, type RankEntity } from '../../../utils/ranking/fold';
import { positionOf } from '../../../utils/ranking/prefix';
import { oracleFold, type OracleEntity } from './oracle-fold';

const person = fc.integer({ min: 0, max: 400 }).map((k) => `p${k}`);
const row = fc.record({
  kind: fc.integer({ min: 0, max: INTERACTION_KINDS.length - 1 }),
  n: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 9 })),
  s1: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 20, noNaN: true })),
  s5: fc.oneof(fc.constant(0), fc.constant(2), fc.double({ min: 0, max: 20, noNaN: true })),
  ow: fc.integer({ min: 0, max: 3 }),
});
const record = (id: string, kind: EntityKind, distinct: boolean) =>
  fc
    .record({
      people: distinct ? fc.uniqueArray(person, { maxLength: 300, size: 'max' }) : fc.array(person, { maxLength: 300, size: 'max' }),
      rows: fc.array(fc.array(row, { minLength: 1, maxLength: 4 }), { minLength: 300, maxLength: 300 }),
      refTime: fc.constantFrom(1_700_000_000_000, 1_750_000_000_000),
      kinds: fc.shuffledSubarray([...INTERACTION_KINDS], { minLength: INTERACTION_KINDS.length }),
    })
    .map(({ people, rows, refTime, kinds }): EdgeColumns => {
      const flat = people.flatMap((_, j) => rows[j]);
      const start = new Uint32Array(people.length + 1);
      people.forEach((_, j) => (start[j + 1] = start[j] + rows[j].length));
      return {
        entityId: id,
        entityKind: kind,
        refTime,
        people,
        start,
        kinds,
        kind: Uint8Array.from(flat, (r) => r.kind),
        n: Float64Array.from(flat, (r) => r.n),
        s1: Float64Array.from(flat, (r) => r.s1),
        s5: Float64Array.from(flat, (r) => r.s5),
        oneWay: Float64Array.from(flat, (r) => Math.min(r.ow, r.n)),
        last: new Int32Array(flat.length).fill(20260101),
      };
    });

/** Position by position: colleague, bound, skill, and each row's numbers and origin. */
function expectSame(x: RankEntity | null, o: OracleEntity | null) {
  expect(x === null).toBe(o === null);
  if (!x || !o) return;
  expect(x.people).toEqual(o.people);
  expect([...x.bound]).toEqual([...o.bound]);
  expect([...x.skill]).toEqual([...o.skill]);
  expect(x.rows).toBe(o.rows);
  const rowsOf = (e: { kind: Uint8Array; factor: Float64Array; ref: Float64Array; n: Float64Array; s1: Float64Array; s5: Float64Array; oneWay: Float64Array; from: readonly EdgeColumns[]; origin: Uint32Array; originRow: Uint32Array }, a: number, b: number) =>
    Array.from({ length: b - a }, (_, k) => {
      const r = a + k;
      return [e.kind[r], e.factor[r], e.ref[r], e.n[r], e.s1[r], e.s5[r], e.oneWay[r], e.from[e.origin[r]].entityId, e.originRow[r]];
    });
  x.people.forEach((p, q) => {
    expect(rowsOf(x, x.first[q], x.end[q])).toEqual(rowsOf(o, o.start[q], o.start[q + 1]));
    expect(positionOf(x, p)).toBe(q);
  });
  expect(positionOf(x, 'nobody')).toBeUndefined();
}

describe('foldEntity (rows in place, radix order) equals the copying fold', () => {
  it('topics and contacts: one record, its colleagues distinct or not, skilled colleagues', () => {
    const one = fc.constantFrom<EntityKind>('topic', 'contact').chain((kind) => fc.tuple(fc.constant(kind), fc.boolean().chain((distinct) => fc.option(record('e', kind, distinct), { nil: undefined }))));
    fc.assert(
      fc.property(one, fc.array(person, { maxLength: 100, size: 'max' }), ([kind, own], skilled) => {
        expectSame(foldEntity('e', kind, own, [], skilled), oracleFold('e', kind, own, [], skilled));
      }),
      { numRuns: 200 },
    );
  });

  it('records drawn by fast-check directly, with accounts and their contacts', () => {
    fc.assert(
      fc.property(
        fc.option(record('a', 'account', true), { nil: undefined }),
        fc.array(record('c', 'contact', true), { maxLength: 3 }),
        fc.option(record('t', 'topic', false), { nil: undefined }),
        fc.array(person, { maxLength: 100, size: 'max' }),
        (account, contacts, topic, skilled) => {
          const cs = contacts.map((c, k) => ({ ...c, entityId: `c${k}` }));
          expectSame(foldEntity('a', 'account', account, cs, []), oracleFold('a', 'account', account, cs, []));
          expectSame(foldEntity('t', 'topic', topic, [], skilled), oracleFold('t', 'topic', topic, [], skilled));
        },
      ),
      { numRuns: 150 },
    );
  });
});
