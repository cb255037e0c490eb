import { beforeEach, describe, expect, it } from 'vitest';
import { EdgeAccumulator, type EntityEdges } from '../../../utils/ranking/aggregate';
import { unfoldRecords } from '../../../utils/ranking/columns';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, db, forEachInteraction, getAccounts, getAllPeople, getEdges, getGraphMeta, liveTables, onGraphChanged } from '../../../utils/store/db';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import type { GraphMeta, Interaction, InteractionKind } from '../../../utils/graph/model';
import { snapshot, textFile, toNdjson } from './helpers';

/** Compares stored edges with edges computed afresh, allowing for summation order. */
export function expectEdgesClose(actual: EntityEdges[], expected: EntityEdges[]): void {
  const byId = (l: EntityEdges[]) => new Map(l.map((e) => [e.entityId, e]));
  const a = byId(actual);
  const e = byId(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  for (const [id, exp] of e) {
    const act = a.get(id)!;
    expect(act.entityKind).toBe(exp.entityKind);
    expect(Object.keys(act.people).sort()).toEqual(Object.keys(exp.people).sort());
    for (const [pid, kinds] of Object.entries(exp.people)) {
      for (const [kind, s] of Object.entries(kinds)) {
        const got = act.people[pid][kind as InteractionKind]!;
        expect(got.n).toBe(s.n);
        expect(got.last).toBe(s.last);
        expect(got.oneWay).toBe(s.oneWay);
        // Sums at each record's own reference time, brought to a common one.
        const k1 = Math.exp(-(exp.refTime - act.refTime) / (365.25 * 24 * 3600 * 1000));
        const k5 = Math.exp(-(exp.refTime - act.refTime) / (5 * 365.25 * 24 * 3600 * 1000));
        expect(Math.abs(got.s1 * k1 - s.s1) / Math.max(1, s.s1)).toBeLessThan(1e-6);
        expect(Math.abs(got.s5 * k5 - s.s5) / Math.max(1, s.s5)).toBeLessThan(1e-6);
      }
    }
  }
}

async function storedInteractions(): Promise<Interaction[]> {
  const out: Interaction[] = [];
  await forEachInteraction((items) => void out.push(...items));
  return out;
}
/** The stored edges (columns; contacts' inside their account's record), as nested records. */
async function allEdges(): Promise<EntityEdges[]> {
  return (await liveTables()).edges.toArray().then(unfoldRecords);
}

describe('replace and merge', () => {
  beforeEach(() => clearGraph());

  it('replace makes the import the whole graph; the old slot is emptied', async () => {
    await importGraphObject(STORY, { source: 'demo' });
    const slotBefore = db.slot;
    const r = await importGraph([
      textFile('g.ndjson', toNdjson({ people: [{ id: 'p-1', name: 'One' }], accounts: [{ id: 'a-1', name: 'Acme' }], contacts: [], topics: [], interactions: [{ personId: 'p-1', accountId: 'a-1', kind: 'meeting', date: '2025-01-01' }] })),
    ]);
    expect(r).toMatchObject({ ok: true, counts: { people: 1, accounts: 1, contacts: 0, topics: 0, interactions: 1 } });
    expect(db.slot).not.toBe(slotBefore);
    expect(await db.tablesOf(slotBefore).interactions.count()).toBe(0);
    expect((await getAllPeople()).map((p) => p.id)).toEqual(['p-1']);
    expect(await getEdges(['a-nordlicht'])).toEqual([]);
    expect((await getGraphMeta())?.source).toBe('import');
  });

  it('merge upserts by id, replaces interactions by id, and recomputes the edges of the entities it touched', async () => {
    await importGraphObject(STORY, { source: 'demo' });
    const merged = toNdjson({
      people: [{ id: 'p-sofie', name: 'Sofie Lindqvist-Berg' }, { id: 'p-new', name: 'New Colleague' }],
      accounts: [{ id: 'a-new', name: 'Newco AB', domains: ['newco.se'] }],
      contacts: [],
      topics: [],
      interactions: [
        // replaces st-1 (was a deal-won at Nordlicht with topic t-s4) by a meeting at Solvik
        { id: 'st-1', personId: 'p-sofie', accountId: 'a-solvik', kind: 'meeting', date: '2026-09-30' },
        { personId: 'p-new', accountId: 'a-new', kind: 'deal-won', date: '2026-01-01' },
        { personId: 'p-new', accountId: 'a-nordlicht', kind: 'email', direction: 'inbound', date: '2026-02-01', count: 4 },
      ],
    });
    const r = await importGraph([textFile('more.ndjson', merged)], { mode: 'merge' });
    expect(r).toMatchObject({ ok: true, counts: { people: 9, accounts: 8, contacts: 7, topics: 6, interactions: 30 } });
    const people = await getAllPeople();
    expect(people.find((p) => p.id === 'p-sofie')).toEqual({ id: 'p-sofie', name: 'Sofie Lindqvist-Berg' });
    expect(people.find((p) => p.id === 'p-joerg')?.name).toBe('Jörg Bäumer');
    const interactions = await storedInteractions();
    expect(interactions.filter((i) => i.id === 'st-1')).toEqual([{ id: 'st-1', personId: 'p-sofie', accountId: 'a-solvik', kind: 'meeting', date: '2026-09-30' }]);
    const edges = await allEdges();
    expectEdgesClose(edges, new EdgeAccumulator(edges[0].refTime).addAll(interactions).records());
    const [nordlicht] = await getEdges(['a-nordlicht']);
    expect(nordlicht.people['p-sofie']['deal-won']).toBeUndefined();
    expect(nordlicht.people['p-new'].email).toMatchObject({ n: 4, oneWay: 4 });
  });

  it('merge over many blocks: replaced ids disappear once, duplicates inside the merge count, edges match', async () => {
    const base = { people: [{ id: 'p-1', name: 'One' }, { id: 'p-2', name: 'Two' }], accounts: Array.from({ length: 30 }, (_, i) => ({ id: `a-${i}`, name: `A ${i}` })), contacts: [], topics: [{ id: 't-1', label: 'EDI' }] };
    const ix = (i: number, kind: Interaction['kind']): Interaction => ({ id: `i-${i}`, personId: `p-${(i % 2) + 1}`, accountId: `a-${i % 30}`, kind, date: `20${10 + (i % 15)}-05-01`, ...(i % 4 === 0 ? { topicIds: ['t-1'] } : {}) });
    expect((await importGraphObject({ ...base, interactions: Array.from({ length: 1200 }, (_, i) => ix(i, 'meeting')) })).ok).toBe(true);
    const update = [...Array.from({ length: 700 }, (_, i) => ix(500 + i, 'deal-won')), ix(1300, 'call'), ix(1300, 'email'), { personId: 'p-1', accountId: 'a-1', kind: 'document' as const, date: '2025-01-01' }];
    const r = await importGraph([textFile('u.ndjson', toNdjson({ people: [], accounts: [], contacts: [], topics: [], interactions: update }), 4096)], { mode: 'merge' });
    expect(r).toMatchObject({ ok: true, duplicates: 1, counts: { interactions: 1200 + 2 } });
    const all = await storedInteractions();
    expect(all).toHaveLength(1202);
    expect(all.filter((i) => i.kind === 'deal-won')).toHaveLength(700);
    expect(all.filter((i) => i.id === 'i-1300')).toEqual([ix(1300, 'email')]);
    const edges = await allEdges();
    expectEdgesClose(edges, new EdgeAccumulator(edges[0].refTime).addAll(all).records());
  });

  it('replace writes edges equal to EdgeAccumulator over the same interactions', async () => {
    await importGraph([textFile('g.json', JSON.stringify({ format: 'kenner-graph', version: 1, ...STORY }))]);
    const edges = await allEdges();
    const expected = new EdgeAccumulator(edges[0].refTime).addAll(STORY.interactions).records();
    expect(edges.sort((a, b) => a.entityId.localeCompare(b.entityId))).toEqual(expected.sort((a, b) => a.entityId.localeCompare(b.entityId)));
  });

  it('a cancelled import leaves the old graph exactly as it was, before and after', async () => {
    await importGraphObject(STORY);
    const before = await snapshot();
    const ctl = new AbortController();
    let seenDuringImport: string[] = [];
    const big = {
      name: 'big.ndjson',
      chunks: (async function* () {
        yield '{"format":"kenner-graph","version":1}\n';
        for (let i = 0; i < 50; i++) {
          yield `{"type":"person","id":"x-${i}","name":"X ${i}"}\n`;
          if (i === 25) {
            seenDuringImport = (await getAllPeople()).map((p) => p.id);
            ctl.abort();
          }
        }
      })(),
    };
    const r = await importGraph([big], { signal: ctl.signal });
    expect(r).toEqual({ ok: false, cancelled: true });
    expect(seenDuringImport.sort()).toEqual(STORY.people.map((p) => p.id).sort());
    expect(await snapshot()).toEqual(before);
  });

  it('tells listeners after a commit, never after a failure', async () => {
    const heard: GraphMeta[] = [];
    const off = onGraphChanged((m) => heard.push(m));
    await importGraphObject(STORY, { source: 'demo' });
    await importGraph([textFile('bad.ndjson', '{"format":"kenner-graph","version":1}\n{"type":"person","id":"p"}\n')]);
    await clearGraph();
    off();
    await importGraphObject(STORY);
    expect(heard.map((m) => m.source)).toEqual(['demo', 'none']);
    expect(heard[0].revision).not.toBe(heard[1].revision);
    expect(await getAccounts(['a-nordlicht'])).toHaveLength(1);
  });

  it('imports one after another in order, never interleaved', async () => {
    const a = importGraphObject(STORY, { source: 'demo' });
    const b = importGraph([textFile('g.ndjson', toNdjson({ people: [{ id: 'p-1', name: 'One' }], accounts: [], contacts: [], topics: [], interactions: [] }))]);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.ok && rb.ok).toBe(true);
    expect((await getAllPeople()).map((p) => p.id)).toEqual(['p-1']);
    expect(await snapshot().then((s) => Object.entries(s).filter(([k, v]) => k !== 'meta' && !k.endsWith(`_${db.slot}`) && v.length))).toEqual([]);
  });
});
