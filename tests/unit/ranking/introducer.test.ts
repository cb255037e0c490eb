/**
 * The introduction path (issue 11): a suggestion names the colleague's
 * manager when the graph has one who may be shown, never the user and never
 * someone hidden; one read for all managers.
 */
import { describe, expect, it } from 'vitest';
import type { Graph, Person } from '../../../utils/graph/model';
import { rankEntities } from '../../../utils/ranking/rank';
import { memoryRankData } from './memory-data';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const person = (id: string, over: Partial<Person> = {}): Person => ({ id, name: `Name ${id}`, email: `${id}@co.example`, ...over });

const graph: Graph = {
  people: [
    person('p1', { managerId: 'm1' }),
    person('p2', { managerId: 'm2' }),
    person('p3', { managerId: 'me' }),
    person('p4'),
    person('m1', { name: 'Anna Berg' }),
    person('m2', { discoverable: false }),
    person('me'),
  ],
  accounts: [{ id: 'a1', name: 'Havbryggen Shipping A/S' }],
  contacts: [],
  topics: [{ id: 't1', label: 'EDI integration' }],
  interactions: ['p1', 'p2', 'p3', 'p4'].map((personId, k) => ({ personId, kind: 'case-resolved' as const, topicIds: ['t1'], date: '2026-06-01', count: 4 - k })),
};

describe('introducers', () => {
  it('are the colleagues’ managers who may be shown, never the user, read once', async () => {
    const data = memoryRankData(graph, NOW);
    const reads: string[][] = [];
    const counting = { ...data, people: (ids: string[]) => (reads.push(ids), data.people(ids)) };
    const s = await rankEntities(counting, [{ kind: 'topic', id: 't1', name: 'EDI integration', via: 'record', count: 1 }], { now: NOW, meId: 'me' });
    const by = Object.fromEntries(s.map((x) => [x.person.id, x.introducer]));
    expect(by.p1).toEqual({ id: 'm1', name: 'Anna Berg', email: 'm1@co.example' });
    expect(by.p2).toBeUndefined(); // the manager is not discoverable
    expect(by.p3).toBeUndefined(); // the manager is the user
    expect(by.p4).toBeUndefined(); // no manager in the graph
    expect(reads.filter((r) => r.includes('m1'))).toEqual([['m1', 'm2']]);
  });
});
