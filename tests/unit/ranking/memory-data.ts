/** RankData over an in-memory graph (tests, small graphs, remote answers). */
import type { Graph, Person } from '../../../utils/graph/model';
import { EdgeAccumulator, type EntityEdges } from '../../../utils/ranking/aggregate';
import type { RankData } from '../../../utils/ranking/rank';

export function memoryRankData(graph: Graph, refTime: number = Date.now()): RankData {
  const edges = new Map<string, EntityEdges>(new EdgeAccumulator(refTime).addAll(graph.interactions).records().map((e) => [e.entityId, e]));
  const people = new Map<string, Person>(graph.people.map((p) => [p.id, p]));
  const contactsByAccount = new Map<string, string[]>();
  for (const c of graph.contacts) {
    if (!c.accountId) continue;
    const list = contactsByAccount.get(c.accountId) ?? [];
    list.push(c.id);
    contactsByAccount.set(c.accountId, list);
  }
  const skilled = new Map<string, string[]>();
  for (const p of graph.people) for (const s of p.skills ?? []) skilled.set(s, [...(skilled.get(s) ?? []), p.id]);
  return {
    async edges(ids) {
      const out = new Map<string, EntityEdges>();
      for (const id of ids) {
        const e = edges.get(id);
        if (e) out.set(id, e);
      }
      return out;
    },
    async contactsOfAccount(id) {
      return contactsByAccount.get(id) ?? [];
    },
    async people(ids) {
      const out = new Map<string, Person>();
      for (const id of ids) {
        const p = people.get(id);
        if (p) out.set(id, p);
      }
      return out;
    },
    skilled: async (id) => skilled.get(id) ?? [],
  };
}
