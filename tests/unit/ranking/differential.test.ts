/**
 * The prefix ranking (utils/ranking/prefix.ts) against the formula it
 * replaced (oracle-rank.ts, the previous rank.ts): same suggestions — order,
 * scores, strengths, reasons, roles — on random graphs, including ties,
 * one-way mail, contacts of accounts, skills, dismissals, "me" and colleagues
 * who are not discoverable, and a graph written at several reference times.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INTERACTION_KINDS, type Graph, type Interaction, type Person } from '../../../utils/graph/model';
import { EdgeAccumulator } from '../../../utils/ranking/aggregate';
import { rankEntities } from '../../../utils/ranking/rank';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { memoryRankData } from './memory-data';
import { rankEntities as oracleRank } from './oracle-rank';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const YEAR = 365.25 * 24 * 3600 * 1000;

function randomGraph(seed: number) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const nPeople = 5 + Math.floor(rnd() * 300);
  const topics = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, i) => ({ id: `t${i}`, label: `Topic ${i}` }));
  const people: Person[] = Array.from({ length: nPeople }, (_, i) => ({
    id: `p${i}`,
    // Few names: equal scores are broken by name, then id.
    name: `Person ${Math.floor(rnd() * 40)}`,
    discoverable: rnd() > 0.1,
    skills: rnd() < 0.2 ? [pick(topics).id] : undefined,
  }));
  const accounts = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) => ({ id: `a${i}`, name: `Account ${i}` }));
  const contacts = Array.from({ length: Math.floor(rnd() * 10) }, (_, i) => ({ id: `c${i}`, name: `Contact ${i}`, accountId: rnd() < 0.9 ? pick(accounts).id : undefined }));
  const dates = ['2019-03-01', '2022-07-15', '2024-12-31', '2025-06-30', '2026-10-01', '2026-10-31'];
  const interactions: Interaction[] = [];
  const n = Math.floor(rnd() * 1500);
  for (let k = 0; k < n; k++) {
    const kind = pick(INTERACTION_KINDS);
    const i: Interaction = { personId: pick(people).id, kind, date: pick(dates), count: rnd() < 0.3 ? 1 + Math.floor(rnd() * 4) : undefined };
    if (rnd() < 0.6) i.accountId = pick(accounts).id;
    if (contacts.length && rnd() < 0.4) i.contactId = pick(contacts).id;
    if (rnd() < 0.5 || (!i.accountId && !i.contactId)) i.topicIds = [pick(topics).id];
    if ((kind === 'email' || kind === 'call') && rnd() < 0.6) i.direction = pick(['inbound', 'outbound', 'both'] as const);
    interactions.push(i);
  }
  const graph: Graph = { people, accounts, contacts, topics, interactions };
  const entities: DetectedEntity[] = [
    ...accounts.filter(() => rnd() < 0.7).map((a, i) => ({ kind: 'account' as const, id: a.id, name: a.name, via: 'record' as const, focal: i === 0, count: 1, open: rnd() < 0.3 })),
    ...contacts.filter(() => rnd() < 0.3).map((c) => ({ kind: 'contact' as const, id: c.id, name: c.name, via: 'email' as const, count: 1 })),
    ...topics.filter(() => rnd() < 0.7).map((t) => ({ kind: 'topic' as const, id: t.id, name: t.label, via: 'text' as const, count: 1 })),
  ];
  const meId = rnd() < 0.5 ? pick(people).id : null;
  const dismissed = rnd() < 0.5 ? { [pick(people).id]: entities.slice(0, 1).map((e) => e.id) } : undefined;
  const limit = pick([1, 5, 20, 20, 50]);
  return { graph, entities, meId, dismissed, limit };
}

describe('prefix ranking equals the formula it replaced', () => {
  it('on random graphs: the same suggestions (order, scores, strengths, reasons)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.boolean(), async (seed, cached) => {
        const { graph, entities, meId, dismissed, limit } = randomGraph(seed);
        if (!entities.length) return;
        const data = memoryRankData(graph, NOW - YEAR / 3);
        const opts = { now: NOW, meId, dismissed, limit };
        const expected = await oracleRank(data, entities, cached ? { ...opts, evidenceCache: new Map() } : opts);
        const actual = await rankEntities(data, entities, cached ? { ...opts, evidenceCache: new Map() } : opts);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('with edges written at different reference times (merged imports)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), async (seed) => {
        const { graph, entities, meId, limit } = randomGraph(seed);
        if (!entities.length) return;
        const base = memoryRankData(graph, NOW);
        // Every second entity's edges as a merge at an earlier time would have written them.
        const early = new Map(new EdgeAccumulator(NOW - 2 * YEAR).addAll(graph.interactions).records().map((e) => [e.entityId, e]));
        const data = { ...base, edges: async (ids: string[]) => new Map([...(await base.edges(ids))].map(([id, e]) => [id, id.charCodeAt(id.length - 1) % 2 ? early.get(id)! : e])) };
        const expected = await oracleRank(data, entities, { now: NOW, meId, limit });
        const actual = await rankEntities(data, entities, { now: NOW, meId, limit });
        expect(actual).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
