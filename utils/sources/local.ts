/**
 * The embedded default source: the local graph in IndexedDB (Dexie, background
 * only). Ranks with utils/ranking/rank.ts over the stored per-entity edges,
 * with an in-memory cache of edges and people per graph revision.
 */
import type { Person } from '../graph/model';
import { getContactsOfAccount, getEdges, getGraphMeta, getPeople, getSkilledPeopleIds } from '../store/db';
import type { EntityEdges } from '../ranking/aggregate';
import { rankEntities, type EvidenceCache, type RankData } from '../ranking/rank';
import type { GraphSource } from './types';

const EDGE_CACHE_MAX = 2000;

export function createLocalSource(): GraphSource & { rankData: RankData; reset(): void } {
  let edgeCache = new Map<string, EntityEdges | null>();
  let peopleCache = new Map<string, Person | null>();
  let contactsCache = new Map<string, string[]>();
  let skilledCache = new Map<string, string[]>();
  let evidence: EvidenceCache = new Map();

  function remember<K, V>(m: Map<K, V>, k: K, v: V) {
    if (m.size >= EDGE_CACHE_MAX) m.delete(m.keys().next().value as K);
    m.set(k, v);
  }

  const rankData: RankData = {
    async edges(ids) {
      const missing = ids.filter((id) => !edgeCache.has(id));
      if (missing.length) {
        const found = await getEdges(missing);
        const byId = new Map(found.map((e: EntityEdges) => [e.entityId, e]));
        for (const id of missing) remember(edgeCache, id, byId.get(id) ?? null);
      }
      const out = new Map<string, EntityEdges>();
      for (const id of ids) {
        const e = edgeCache.get(id);
        if (e) out.set(id, e);
      }
      return out;
    },
    async contactsOfAccount(accountId) {
      let ids = contactsCache.get(accountId);
      if (!ids) {
        ids = (await getContactsOfAccount(accountId)).map((c: { id: string }) => c.id);
        remember(contactsCache, accountId, ids);
      }
      return ids;
    },
    async people(ids) {
      const missing = ids.filter((id) => !peopleCache.has(id));
      if (missing.length) {
        const found = await getPeople(missing);
        const byId = new Map(found.map((p) => [p.id, p]));
        for (const id of missing) remember(peopleCache, id, byId.get(id) ?? null);
      }
      const out = new Map<string, Person>();
      for (const id of ids) {
        const p = peopleCache.get(id);
        if (p) out.set(id, p);
      }
      return out;
    },
    async skilled(topicId) {
      let ids = skilledCache.get(topicId);
      if (!ids) {
        ids = await getSkilledPeopleIds(topicId);
        remember(skilledCache, topicId, ids);
      }
      return ids;
    },
  };

  return {
    kind: 'local',
    rankData,
    meta: getGraphMeta,
    async rank(entities, opts) {
      const suggestions = await rankEntities(rankData, entities, { ...opts, evidenceCache: evidence });
      return { suggestions, source: 'local', at: new Date().toISOString() };
    },
    reset() {
      edgeCache = new Map();
      peopleCache = new Map();
      contactsCache = new Map();
      skilledCache = new Map();
      evidence = new Map();
    },
  };
}
