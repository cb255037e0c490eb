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

  /** The records of `ids` that exist, read from the store only for ids the cache has not seen. */
  async function cachedRecords<T>(cache: Map<string, T | null>, ids: string[], read: (missing: string[]) => Promise<T[]>, idOf: (r: T) => string): Promise<Map<string, T>> {
    const missing = ids.filter((id) => !cache.has(id));
    if (missing.length) {
      const byId = new Map((await read(missing)).map((r) => [idOf(r), r]));
      for (const id of missing) remember(cache, id, byId.get(id) ?? null);
    }
    const out = new Map<string, T>();
    for (const id of ids) {
      const r = cache.get(id);
      if (r) out.set(id, r);
    }
    return out;
  }

  const rankData: RankData = {
    edges: (ids) => cachedRecords(edgeCache, ids, getEdges, (e) => e.entityId),
    async contactsOfAccount(accountId) {
      let ids = contactsCache.get(accountId);
      if (!ids) {
        ids = (await getContactsOfAccount(accountId)).map((c: { id: string }) => c.id);
        remember(contactsCache, accountId, ids);
      }
      return ids;
    },
    people: (ids) => cachedRecords(peopleCache, ids, getPeople, (p) => p.id),
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
