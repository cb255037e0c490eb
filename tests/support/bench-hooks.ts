/**
 * Benchmark hooks, only in the e2e build (`npm run build:e2e`): the bench
 * drives the real background code through `globalThis.__kennerBench` from
 * Playwright's service-worker handle. Never present in the store build.
 */
import { db, liveTables } from '../../utils/store/db';
import type { GraphMeta } from '../../utils/graph/model';
import { searchPeople, type SearchIndex } from '../../utils/ranking/search';
import type { DetectedEntity } from '../../utils/spotting/types';
import type { GraphSource } from '../../utils/sources/types';

export interface BenchDeps {
  /** Drop every in-memory cache and close the database, as a restarted service worker has them. */
  coldReset: () => Promise<void>;
  source: () => GraphSource;
  meta: () => Promise<GraphMeta | null>;
  searchIndex: (meta: GraphMeta) => Promise<SearchIndex>;
  /** The local source's read counters (cache hits, records read). */
  rankStats?: () => object;
}

/** What installBenchHooks puts on `globalThis.__kennerBench`. */
export interface KennerBench {
  /** Milliseconds since this service worker started. */
  uptime(): number;
  sampleEntities(counts: { account: number; contact: number; topic: number }, seed: number): Promise<DetectedEntity[]>;
  coldReset(): Promise<void>;
  rank(entities: DetectedEntity[]): Promise<{ ms: number; n: number }>;
  /** The floor of a ranked answer: the records holding the entities' evidence (a contact's: its account's) read by one bulkGet in one transaction, nothing computed. */
  floor(entities: DetectedEntity[]): Promise<{ ms: number; n: number }>;
  search(query: string): Promise<{ ms: number; n: number }>;
  /** A copy of the local source's read counters. */
  rankStats(): Record<string, number>;
}
/** The global the hooks live on, as the bench reads it from the service worker. */
export type BenchGlobal = { __kennerBench: KennerBench };

type KeyTable = { toCollection(): { primaryKeys(): Promise<unknown[]> } };
const keyCache = new Map<KeyTable, Promise<string[]>>();
/** n random primary keys of a table (all keys read once, then picked in memory). */
async function randomIds(table: KeyTable, n: number, rnd: () => number): Promise<string[]> {
  if (!keyCache.has(table)) keyCache.set(table, table.toCollection().primaryKeys().then((k) => k.map(String)));
  const keys = await keyCache.get(table)!;
  return keys.length ? Array.from({ length: n }, () => keys[Math.floor(rnd() * keys.length)]) : [];
}

export function installBenchHooks(deps: BenchDeps): void {
  const startedAt = performance.now();
  const hooks: KennerBench = {
    /** Milliseconds since this service worker started. */
    uptime: () => performance.now() - startedAt,
    /** A page's worth of entities (accounts, contacts, topics; the first account focal). */
    async sampleEntities(counts: { account: number; contact: number; topic: number }, seed: number): Promise<DetectedEntity[]> {
      let s = seed >>> 0 || 1;
      const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
      const live = await liveTables();
      const [a, c, t] = await Promise.all([
        randomIds(live.accounts, counts.account, rnd),
        randomIds(live.contacts, counts.contact, rnd),
        randomIds(live.topics, counts.topic, rnd),
      ]);
      return [
        ...a.map((id, i) => ({ kind: 'account' as const, id, name: id, via: 'text' as const, focal: i === 0, count: 1 })),
        ...c.map((id) => ({ kind: 'contact' as const, id, name: id, via: 'email' as const, count: 1 })),
        ...t.map((id) => ({ kind: 'topic' as const, id, name: id, via: 'text' as const, count: 1 })),
      ];
    },
    /** Forget all in-memory state (caches, open database): the next query runs as in a fresh worker. */
    async coldReset(): Promise<void> {
      keyCache.clear();
      await deps.coldReset();
    },
    /** One ranked answer, uncached; returns milliseconds. */
    async rank(entities: DetectedEntity[]): Promise<{ ms: number; n: number }> {
      const t0 = performance.now();
      const answer = await deps.source().rank(entities, { limit: 20 });
      return { ms: performance.now() - t0, n: answer.suggestions.length };
    },
    async floor(entities: DetectedEntity[]): Promise<{ ms: number; n: number }> {
      const live = await liveTables();
      // The record that holds each entity's evidence: a contact's is its account's (schema 4; store.design.md),
      // found before the clock starts, so the floor stays one bulkGet of as many records as entities.
      const rows = await live.contacts.bulkGet(entities.filter((e) => e.kind === 'contact').map((e) => e.id));
      const accountOf = new Map(rows.flatMap((c) => (c?.accountId ? [[c.id, c.accountId] as const] : [])));
      const keys = [...new Set(entities.map((e) => (e.kind === 'contact' ? (accountOf.get(e.id) ?? e.id) : e.id)))];
      const t0 = performance.now();
      const recs = await db.transaction('r', live.edges, () => live.edges.bulkGet(keys));
      return { ms: performance.now() - t0, n: recs.filter(Boolean).length };
    },
    rankStats: (): Record<string, number> => ({ ...(deps.rankStats?.() ?? {}) }),
    /** One popup search (as typed so far); returns milliseconds. */
    async search(query: string): Promise<{ ms: number; n: number }> {
      const meta = await deps.meta();
      if (!meta) return { ms: 0, n: 0 };
      const index = await deps.searchIndex(meta);
      const t0 = performance.now();
      const hits = await searchPeople(index, query, { limit: 20, rank: async (e) => (await deps.source().rank(e, { limit: 20 })).suggestions });
      return { ms: performance.now() - t0, n: hits.length };
    },
  };
  (globalThis as unknown as BenchGlobal).__kennerBench = hooks;
}
