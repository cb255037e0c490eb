/**
 * The rank cache's warm path (server/graph/rank.ts): a page whose folds the cache holds gathers no
 * evidence rows; should a fold be gone by the time the ranking reads it (evicted by other requests
 * meanwhile, or a new cache key), its rows are gathered then, and the answer is the same.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { importFiles } from '../../server/graph/ingest';
import { pageRankData, RankCache, type RankRequestEntity } from '../../server/graph/rank';
import { demoInput } from '../../server/graph/sources';
import { rankEntities } from '../../utils/ranking/rank';
import { driver, testDatabase } from './support';

const REF = Date.parse('2026-06-01T00:00:00Z');
const NOW = Date.parse('2026-09-15T10:00:00Z');
const viewer = { email: 'someone@elsewhere.example' };

describe(`rank cache: folds gone between gathering and ranking (${driver})`, () => {
  let d: Database;
  let page: RankRequestEntity[];
  beforeAll(async () => {
    d = await testDatabase();
    expect((await importFiles(d.db, [demoInput(0.2)], { refTime: REF })).ok).toBe(true);
    // Accounts whose contacts have evidence (their folds take the contacts' rows), contacts and topics.
    const accounts = await sql<{ id: string }>`SELECT DISTINCT account_id AS id FROM evidence WHERE entity_kind = 'contact' ORDER BY 1 LIMIT 4`.execute(d.db);
    const contacts = await sql<{ id: string }>`SELECT DISTINCT entity_id AS id FROM evidence WHERE entity_kind = 'contact' ORDER BY 1 LIMIT 3`.execute(d.db);
    const topics = await sql<{ id: string }>`SELECT id FROM topics ORDER BY id LIMIT 2`.execute(d.db);
    page = [
      ...accounts.rows.map((r, i) => ({ kind: 'account' as const, id: r.id, focal: i === 0 })),
      ...contacts.rows.map((r) => ({ kind: 'contact' as const, id: r.id })),
      ...topics.rows.map((r) => ({ kind: 'topic' as const, id: r.id })),
    ];
    expect(page.length).toBe(9);
  }, 120_000);
  afterAll(async () => {
    await d?.close();
  });

  /** The answer of a cache that held nothing. */
  async function cold() {
    const { entities, data } = await pageRankData(d.db, page, REF, viewer, undefined, new RankCache().use('cold'));
    return rankEntities(data, entities, { limit: 20, now: NOW });
  }

  it.each([
    ['its folds are evicted', (c: RankCache) => c.evidence.clear()],
    ['the whole cache starts again (a new key)', (c: RankCache) => void c.use('another key')],
  ])('answers as a cold cache does when, after the page was gathered, %s', async (_what, drop) => {
    const want = await cold();
    expect(want.length).toBeGreaterThan(3);
    const cache = new RankCache().use('warm');
    // A first page folds every entity into the cache…
    const first = await pageRankData(d.db, page, REF, viewer, undefined, cache);
    expect(await rankEntities(first.data, first.entities, { limit: 20, now: NOW, evidenceCache: cache.evidence })).toEqual(want);
    expect(cache.evidence.size).toBe(page.length);
    // …so the next gathers no rows; then the folds go before its ranking reads them.
    const { entities, data } = await pageRankData(d.db, page, REF, viewer, undefined, cache);
    drop(cache);
    expect(await rankEntities(data, entities, { limit: 20, now: NOW, evidenceCache: cache.evidence })).toEqual(want);
    // And a ranking that keeps no folds at all (the colleague's own view) reads the same rows.
    const again = await pageRankData(d.db, page, REF, viewer, undefined, cache);
    expect(await rankEntities(again.data, again.entities, { limit: 20, now: NOW })).toEqual(want);
  });
});
