import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Graph, Interaction, Person } from '../../../utils/graph/model';
import { memoryRankData } from './memory-data';
import { rankEntities, workingHoursOverlap } from '../../../utils/ranking/rank';
import { STORY } from '../../../utils/demo/story';
import type { DetectedEntity } from '../../../utils/spotting/types';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const acct: DetectedEntity = { kind: 'account', id: 'a1', name: 'Acme GmbH', via: 'record', focal: true, count: 1 };
const topic: DetectedEntity = { kind: 'topic', id: 't1', name: 'EDI', via: 'text', count: 1 };
const person = (id: string, extra: Partial<Person> = {}): Person => ({ id, name: `Person ${id}`, ...extra });

function graph(people: Person[], interactions: Interaction[]): Graph {
  return {
    people,
    accounts: [{ id: 'a1', name: 'Acme GmbH' }],
    contacts: [{ id: 'c1', name: 'Carla', accountId: 'a1' }],
    topics: [{ id: 't1', label: 'EDI' }],
    interactions,
  };
}

async function order(g: Graph, entities: DetectedEntity[], opts = {}): Promise<string[]> {
  const s = await rankEntities(memoryRankData(g, NOW), entities, { now: NOW, ...opts });
  return s.map((x) => x.person.id);
}

describe('ranking model', () => {
  it('a recent won deal outranks an old one', async () => {
    const g = graph([person('old'), person('new')], [
      { personId: 'old', accountId: 'a1', kind: 'deal-won', date: '2021-01-10' },
      { personId: 'new', accountId: 'a1', kind: 'deal-won', date: '2026-09-10' },
    ]);
    expect(await order(g, [acct])).toEqual(['new', 'old']);
  });

  it('old, deep relationships keep some weight (two-speed decay)', async () => {
    const g = graph([person('deep')], [{ personId: 'deep', accountId: 'a1', kind: 'deal-won', date: '2021-11-01', count: 5 }]);
    const [s] = await rankEntities(memoryRankData(g, NOW), [acct], { now: NOW });
    expect(s.score).toBeGreaterThan(10);
  });

  it('one-way email counts less than a conversation', async () => {
    const g = graph([person('oneway'), person('conv')], [
      { personId: 'oneway', accountId: 'a1', kind: 'email', direction: 'outbound', date: '2026-10-01', count: 10 },
      { personId: 'conv', accountId: 'a1', kind: 'email', direction: 'both', date: '2026-10-01', count: 10 },
    ]);
    const s = await rankEntities(memoryRankData(g, NOW), [acct], { now: NOW });
    expect(s.map((x) => x.person.id)).toEqual(['conv', 'oneway']);
    expect(s[0].strengths.a1).toBeGreaterThan(s[1].strengths.a1 * 2);
  });

  it('a colleague covering customer and topic outranks one covering either alone at equal strength', async () => {
    const ev = (id: string, target: Partial<Interaction>): Interaction => ({ personId: id, kind: 'case-resolved', date: '2026-06-01', count: 2, ...target });
    const g = graph([person('both'), person('acct'), person('topic')], [
      ev('both', { accountId: 'a1' }),
      ev('both', { topicIds: ['t1'] }),
      ev('acct', { accountId: 'a1' }),
      ev('topic', { topicIds: ['t1'] }),
    ]);
    const ids = await order(g, [{ ...acct, focal: false }, topic]);
    expect(ids[0]).toBe('both');
  });

  it('never shows a non-discoverable colleague, however strong', async () => {
    const g = graph([person('hidden', { discoverable: false }), person('weak')], [
      { personId: 'hidden', accountId: 'a1', kind: 'deal-won', date: '2026-10-01', count: 20 },
      { personId: 'weak', accountId: 'a1', kind: 'email', date: '2020-10-01' },
    ]);
    expect(await order(g, [acct])).toEqual(['weak']);
  });

  it('never suggests the user to themselves', async () => {
    const g = graph([person('me'), person('other')], [
      { personId: 'me', accountId: 'a1', kind: 'deal-won', date: '2026-10-01' },
      { personId: 'other', accountId: 'a1', kind: 'meeting', date: '2026-10-01' },
    ]);
    expect(await order(g, [acct], { meId: 'me' })).toEqual(['other']);
  });

  it('a contact’s interactions count for its account at a lower weight', async () => {
    const g = graph([person('viaContact'), person('direct')], [
      { personId: 'viaContact', contactId: 'c1', kind: 'meeting', date: '2026-10-01', count: 3 },
      { personId: 'direct', accountId: 'a1', kind: 'meeting', date: '2026-10-01', count: 3 },
    ]);
    const s = await rankEntities(memoryRankData(g, NOW), [acct], { now: NOW });
    expect(s.map((x) => x.person.id)).toEqual(['direct', 'viaContact']);
    expect(s[1].score).toBeGreaterThan(0);
  });

  it('"not relevant" demotes a colleague for that entity only', async () => {
    const g = graph([person('a'), person('b')], [
      { personId: 'a', accountId: 'a1', kind: 'deal-won', date: '2026-10-01' },
      { personId: 'b', accountId: 'a1', kind: 'meeting', date: '2026-10-01' },
      { personId: 'a', topicIds: ['t1'], kind: 'meeting', date: '2026-10-01' },
    ]);
    expect(await order(g, [acct], { dismissed: { a: ['a1'] } })).toEqual(['b']);
    expect(await order(g, [acct, topic], { dismissed: { a: ['a1'] } })).toContain('a');
  });

  it('orders ties stably by name, whatever the input order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(['p1', 'p2', 'p3', 'p4', 'p5'], { minLength: 5, maxLength: 5 }), async (ids) => {
        const g = graph(ids.map((id) => person(id)), ids.map((id) => ({ personId: id, accountId: 'a1', kind: 'meeting', date: '2026-10-01' })));
        expect(await order(g, [acct])).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
      }),
      { numRuns: 20 },
    );
  });

  it('gives reasons in structured form, the owner flagged', async () => {
    const s = await rankEntities(memoryRankData(STORY, NOW), [{ kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', focal: true, count: 1 }], { now: NOW });
    const joerg = s.find((x) => x.person.id === 'p-joerg')!;
    expect(joerg.roles).toContain('account-owner');
    const sofie = s.find((x) => x.person.id === 'p-sofie')!;
    expect(sofie.reasons.some((r) => r.kind === 'deal-won' && r.count === 1 && r.last === '2026-09-30')).toBe(true);
    expect(sofie.lastInteraction).toBe('2026-10-02');
  });

  it('story: Nordlicht goes to the most recent won deal; Havbryggen + EDI to who knows both', async () => {
    const data = memoryRankData(STORY, NOW);
    const n = await rankEntities(data, [{ kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', focal: true, count: 1 }], { now: NOW });
    expect(n[0].person.id).toBe('p-sofie');
    expect(n.map((x) => x.person.id)).not.toContain('p-konstantin');
    const h = await rankEntities(data, [
      { kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'record', focal: true, count: 1 },
      { kind: 'topic', id: 't-edi', name: 'EDI integration', via: 'text', count: 3 },
    ], { now: NOW });
    expect(h[0].person.id).toBe('p-lars');
  });

  it('working hours overlap between time zones', () => {
    expect(workingHoursOverlap('Europe/Berlin', 'Europe/Stockholm', NOW)).toBe(8);
    expect(workingHoursOverlap('Europe/Berlin', 'Asia/Singapore', NOW)).toBe(1);
  });
});

describe('evidence cache', () => {
  it('gives the same answer as without it, and reuses evidence across queries', async () => {
    const data = memoryRankData(STORY, NOW);
    let edgeCalls = 0;
    const counting = { ...data, edges: (ids: string[]) => ((edgeCalls += ids.length), data.edges(ids)) };
    const cache = new Map();
    const entities: DetectedEntity[] = [
      { kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'record', focal: true, count: 1 },
      { kind: 'topic', id: 't-edi', name: 'EDI integration', via: 'text', count: 1 },
    ];
    const plain = await rankEntities(data, entities, { now: NOW });
    const first = await rankEntities(counting, entities, { now: NOW, evidenceCache: cache });
    const callsAfterFirst = edgeCalls;
    const second = await rankEntities(counting, entities, { now: NOW + 60_000, evidenceCache: cache });
    expect(first.map((s) => s.person.id)).toEqual(plain.map((s) => s.person.id));
    expect(second).toEqual(first);
    expect(edgeCalls).toBe(callsAfterFirst);
  });
});

describe('large evidence (a topic known by thousands)', () => {
  it('reading only the top of large topics gives exactly the full answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        let x = seed;
        const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const people = Array.from({ length: 1500 }, (_, i) => person(`p${i}`, { discoverable: rnd() > 0.02 }));
        const topics = ['t1', 't2', 't3'];
        const interactions: Interaction[] = [];
        for (const p of people) {
          for (const t of topics) if (rnd() < 0.7) interactions.push({ personId: p.id, topicIds: [t], kind: rnd() < 0.5 ? 'case-resolved' : 'meeting', date: `202${Math.floor(rnd() * 7)}-0${1 + Math.floor(rnd() * 9)}-15`, count: 1 + Math.floor(rnd() * 5) });
          if (rnd() < 0.02) interactions.push({ personId: p.id, accountId: 'a1', kind: 'meeting', date: '2026-05-01', count: 1 + Math.floor(rnd() * 4) });
        }
        const g: Graph = { people, accounts: [{ id: 'a1', name: 'Acme GmbH' }], contacts: [], topics: topics.map((id) => ({ id, label: id })), interactions };
        const data = memoryRankData(g, NOW);
        const entities: DetectedEntity[] = [acct, ...topics.map((id) => ({ kind: 'topic' as const, id, name: id, via: 'text' as const, count: 1 }))];
        const fast = await rankEntities(data, entities, { now: NOW, limit: 20 });
        const full = (await rankEntities(data, entities, { now: NOW, limit: 5000 })).slice(0, 20);
        expect(fast.map((s) => [s.person.id, s.score])).toEqual(full.map((s) => [s.person.id, s.score]));
      }),
      { numRuns: 8 },
    );
  });
});
