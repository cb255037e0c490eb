/**
 * The local source (columns in IndexedDB, folded per page entity, one read
 * transaction, LRU caches) answers exactly as the previous formula over the
 * same store (oracle-rank.ts over the nested edges, read as the previous local
 * source read them), and a graph stored by an older version (nested edges
 * records) keeps ranking the same.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { columnsToEdges, isNestedEdges } from '../../../utils/ranking/columns';
import { createLocalSource } from '../../../utils/sources/local';
import { clearGraph, liveTables } from '../../../utils/store/db';
import { importGraphObject } from '../../../utils/store/importer';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { rankEntities as oracleRank } from './oracle-rank';
import { storeData } from './store-data';

const NOW = Date.parse('2026-11-01T10:30:00Z');

const pool: DetectedEntity[] = [
  ...STORY.accounts.map((a) => ({ kind: 'account' as const, id: a.id, name: a.name, via: 'record' as const, count: 1 })),
  ...STORY.contacts.map((c) => ({ kind: 'contact' as const, id: c.id, name: c.name, via: 'email' as const, count: 1 })),
  ...STORY.topics.map((t) => ({ kind: 'topic' as const, id: t.id, name: t.label, via: 'text' as const, count: 1 })),
];
const pages = fc.uniqueArray(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 12 }).map((ix) => ix.map((i, k) => ({ ...pool[i], focal: k === 0 })));

describe('local prefix ranking', () => {
  beforeAll(async () => {
    await clearGraph();
    const r = await importGraphObject(STORY);
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
  });

  it('equals the previous formula over the same store (cold and warm caches)', async () => {
    const local = createLocalSource();
    await fc.assert(
      fc.asyncProperty(pages, fc.constantFrom(null, 'p-lars', 'p-sofie'), fc.constantFrom(3, 20), async (entities, meId, limit) => {
        const expected = await oracleRank(storeData, entities, { now: NOW, meId, limit, evidenceCache: new Map() });
        expect((await local.rank(entities, { now: NOW, meId, limit })).suggestions).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('ranks a graph whose edges an older version stored as nested records', async () => {
    const live = await liveTables();
    const stored = await live.edges.toArray();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((e) => !isNestedEdges(e))).toBe(true);
    await live.edges.bulkPut(stored.map((e) => (isNestedEdges(e) ? e : columnsToEdges(e))));
    const entities = pool.filter((e) => e.kind !== 'contact').slice(0, 8);
    const expected = await oracleRank(storeData, entities, { now: NOW, evidenceCache: new Map() });
    expect(expected.length).toBeGreaterThan(0);
    expect((await createLocalSource().rank(entities, { now: NOW })).suggestions).toEqual(expected);
  });
});
