/**
 * The sources' own small database `kenner-cache` (Dexie, BACKGROUND ONLY):
 * the last answer of the remote service per entity set (returned, marked
 * stale, when the service is slow, down or answers garbage) and the
 * Microsoft 365 `/me/people` relevance signal. Separate from the graph so
 * that a graph import never has to touch it.
 */
import Dexie, { type Table } from 'dexie';
import type { Suggestion } from '../ranking/types';
import type { DetectedEntity } from '../spotting/types';

export interface CachedAnswer {
  /** Source key + entity set + "me" (answerKey). */
  key: string;
  suggestions: Suggestion[];
  /** ISO date-time the service computed the answer. */
  at: string;
  /** Epoch ms it was stored (for pruning). */
  savedAt: number;
}

/** One colleague's relevance to the signed-in user, from Microsoft Graph `/me/people` (rank 0 = most relevant). */
export interface RelevanceRow {
  personId: string;
  rank: number;
  /** 0–1, decreasing with rank. */
  score: number;
}

/** Stable key of an entity set (order-free), "me" and the service: the cache key of an answer. */
export function answerKey(base: string, entities: Array<Pick<DetectedEntity, 'kind' | 'id' | 'focal' | 'open'>>, meId?: string | null): string {
  const set = entities
    .map((e) => `${e.kind}:${e.id}${e.focal ? '*' : ''}${e.open ? '+' : ''}`)
    .sort()
    .join('|');
  return `remote|${base}|${meId ?? ''}|${set}`;
}

class CacheDb extends Dexie {
  answers!: Table<CachedAnswer, string>;
  relevance!: Table<RelevanceRow, string>;
  constructor() {
    super('kenner-cache');
    this.version(1).stores({ answers: 'key, savedAt', relevance: 'personId, rank' });
  }
}

let db: CacheDb | null = null;
function cacheDb(): CacheDb {
  db ??= new CacheDb();
  return db;
}

const ANSWER_CACHE_MAX = 2000;

export async function putCachedAnswer(key: string, suggestions: Suggestion[], at: string): Promise<void> {
  const d = cacheDb();
  await d.answers.put({ key, suggestions, at, savedAt: Date.now() });
  const n = await d.answers.count();
  if (n > ANSWER_CACHE_MAX) {
    const old = await d.answers.orderBy('savedAt').limit(n - ANSWER_CACHE_MAX).primaryKeys();
    await d.answers.bulkDelete(old);
  }
}

export async function getCachedAnswer(key: string): Promise<CachedAnswer | undefined> {
  return cacheDb().answers.get(key);
}

/** Replace the `/me/people` relevance list (ordered most relevant first). */
export async function putRelevance(personIds: string[]): Promise<void> {
  const d = cacheDb();
  const n = personIds.length || 1;
  await d.transaction('rw', d.relevance, async () => {
    await d.relevance.clear();
    await d.relevance.bulkPut(personIds.map((personId, rank) => ({ personId, rank, score: Math.round((1 - rank / n) * 1000) / 1000 })));
  });
}

/**
 * Person id → relevance 0–1 to the signed-in user (Microsoft 365 `/me/people`),
 * for the ranking to use as an extra signal (e.g. a small bonus or a tie-break).
 */
export async function getRelevance(): Promise<Map<string, number>> {
  const rows = await cacheDb().relevance.toArray();
  return new Map(rows.map((r) => [r.personId, r.score]));
}

/** Deletes every cached answer and the relevance list ("delete all local data"). */
export async function clearSourceCache(): Promise<void> {
  const d = cacheDb();
  await d.transaction('rw', d.answers, d.relevance, async () => {
    await d.answers.clear();
    await d.relevance.clear();
  });
}
