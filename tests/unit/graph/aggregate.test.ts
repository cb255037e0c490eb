import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { INTERACTION_KINDS, type EntityKind, type Interaction } from '../../../utils/graph/model';
import { EdgeAccumulator, ONGOING_KINDS, parseDateMs, TAU_LONG, TAU_SHORT, type EntityEdges, type KindStats } from '../../../utils/ranking/aggregate';

/** The straightforward object-per-entry accumulator the compact one replaced: the reference for its results. */
function referenceEdges(items: Interaction[], refTime: number): EntityEdges[] {
  const edges = new Map<string, EntityEdges>();
  for (const i of items) {
    const count = i.count && i.count > 0 ? i.count : 1;
    const age = ONGOING_KINDS.has(i.kind) ? 0 : Math.max(0, refTime - parseDateMs(i.date));
    const d1 = count * Math.exp(-age / TAU_SHORT);
    const d5 = count * Math.exp(-age / TAU_LONG);
    const oneWay = (i.kind === 'email' || i.kind === 'call') && i.direction !== undefined && i.direction !== 'both' ? count : 0;
    const day = i.date.slice(0, 10);
    const targets: Array<[string, EntityKind]> = [];
    if (i.accountId) targets.push([i.accountId, 'account']);
    if (i.contactId) targets.push([i.contactId, 'contact']);
    for (const tid of i.topicIds ?? []) targets.push([tid, 'topic']);
    for (const [id, kind] of targets) {
      let e = edges.get(id);
      if (!e) edges.set(id, (e = { entityId: id, entityKind: kind, refTime, people: {} }));
      const byKind = (e.people[i.personId] ??= {});
      const s = byKind[i.kind];
      if (s) {
        s.n += count;
        s.s1 += d1;
        s.s5 += d5;
        // The latest (same day: the later in input order) gives the source and link.
        if (day >= s.last) origin(s, i);
        if (day > s.last) s.last = day;
        if (oneWay) s.oneWay = (s.oneWay ?? 0) + oneWay;
      } else byKind[i.kind] = origin(oneWay ? { n: count, s1: d1, s5: d5, last: day, oneWay } : { n: count, s1: d1, s5: d5, last: day }, i);
    }
  }
  return [...edges.values()];
}

function origin(s: KindStats, i: Interaction): KindStats {
  if (i.source) s.source = i.source;
  else delete s.source;
  if (i.url) s.url = i.url;
  else delete s.url;
  return s;
}

/** Exact equality, including the order of entities, people and kinds. */
function expectSame(actual: EntityEdges[], expected: EntityEdges[]): void {
  expect(actual).toEqual(expected);
  expect(actual.map((e) => e.entityId)).toEqual(expected.map((e) => e.entityId));
  actual.forEach((e, k) => {
    expect(Object.keys(e.people)).toEqual(Object.keys(expected[k].people));
    for (const pid of Object.keys(e.people)) expect(Object.keys(e.people[pid])).toEqual(Object.keys(expected[k].people[pid]));
  });
}

const REF = Date.parse('2026-03-01T00:00:00Z');

const interaction: fc.Arbitrary<Interaction> = fc
  .record(
    {
      personId: fc.constantFrom('p1', 'p2', 'p3', '42', 'p-ü'),
      kind: fc.constantFrom(...INTERACTION_KINDS),
      date: fc.oneof(
        fc.date({ min: new Date('2015-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        fc.date({ min: new Date('2015-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('2024-05-01 10:00', '20240501', 'soon', ''),
      ),
      accountId: fc.constantFrom('a1', 'a2', 'x1'),
      contactId: fc.constantFrom('c1', 'c2', 'x1'),
      topicIds: fc.array(fc.constantFrom('t1', 't2', 't3'), { maxLength: 3 }),
      direction: fc.constantFrom('inbound', 'outbound', 'both'),
      count: fc.integer({ min: 0, max: 5 }),
      source: fc.constantFrom('zendesk', 'salesforce', 'email'),
      url: fc.constantFrom('https://x.example/1', 'https://x.example/2'),
    },
    { requiredKeys: ['personId', 'kind', 'date'] },
  )
  .map((i) => i as Interaction);

describe('EdgeAccumulator', () => {
  it('builds exactly the edges of the reference accumulator (sums, last day, one-way counts, order)', () => {
    fc.assert(
      fc.property(fc.array(interaction, { maxLength: 60 }), (items) => {
        expectSame(new EdgeAccumulator(REF).addAll(items).records(), referenceEdges(items, REF));
      }),
      { numRuns: 300 },
    );
  });

  it('sums counts beyond 32 bits and fractional counts exactly as Float64 sums (the Uint32 count columns)', () => {
    const big = fc.record({
      personId: fc.constantFrom('p1', 'p2'),
      kind: fc.constantFrom('email', 'call', 'meeting'),
      date: fc.constant('2025-05-01'),
      accountId: fc.constantFrom('a1', 'a2'),
      direction: fc.constantFrom('inbound', 'both'),
      count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2.5, 1e300)),
    }).map((i) => i as Interaction);
    fc.assert(
      fc.property(fc.array(big, { maxLength: 30 }), (items) => {
        const acc = new EdgeAccumulator(REF).addAll(items);
        expectSame(acc.records(), referenceEdges(items, REF));
      }),
      { numRuns: 200 },
    );
  });

  it('sums counts across the Uint16 count columns\' limit (65,535) exactly, columns and records', () => {
    const near = fc.record({
      personId: fc.constantFrom('p1', 'p2'),
      kind: fc.constantFrom('email', 'call'),
      date: fc.constant('2025-05-01'),
      accountId: fc.constant('a1'),
      direction: fc.constantFrom('inbound', 'both'),
      count: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0xfffd, 0xfffe, 0xffff, 0x10000, 30_000)),
    }).map((i) => i as Interaction);
    fc.assert(
      fc.property(fc.array(near, { maxLength: 20 }), (items) => {
        const acc = new EdgeAccumulator(REF).addAll(items);
        expectSame(acc.records(), referenceEdges(items, REF));
        const cols = acc.columns();
        expect(cols.map((c) => [c.entityId, Array.from(c.n), Array.from(c.oneWay)])).toEqual(
          referenceEdges(items, REF).map((e) => {
            const rows = Object.values(e.people).flatMap((byKind) => Object.values(byKind).filter((s) => s !== undefined));
            return [e.entityId, rows.map((s) => s.n), rows.map((s) => s.oneWay ?? 0)];
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference on the demo story', () => {
    const ref = Date.parse('2026-01-15T00:00:00Z');
    const acc = new EdgeAccumulator(ref).addAll(STORY.interactions);
    const expected = referenceEdges(STORY.interactions, ref);
    expectSame(acc.records(), expected);
    expect(acc.size).toBe(expected.length);
  });

  it('keeps slots apart across table growth and column pages (many entities × people × kinds)', () => {
    const items: Interaction[] = [];
    for (let k = 0; k < 70_000; k++) {
      items.push({
        personId: `p${k % 97}`,
        kind: INTERACTION_KINDS[k % INTERACTION_KINDS.length],
        date: `20${10 + (k % 15)}-0${1 + (k % 9)}-1${k % 10}`,
        accountId: `a${k % 4001}`,
        topicIds: k % 3 ? [`t${k % 7}`] : undefined,
        count: 1 + (k % 4),
        direction: k % 2 ? 'inbound' : undefined,
      });
    }
    const acc = new EdgeAccumulator(REF).addAll(items);
    expectSame(acc.records(), referenceEdges(items, REF));
  });
});
