/**
 * An existing user's graph after the update to schema 3: the nested edges
 * records a version-2 database holds become columns, and the graph ranks as
 * before (the previous formula over the nested records is the oracle).
 */
import Dexie from 'dexie';
import { OLD_STORES } from './helpers';
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { EdgeAccumulator } from '../../../utils/ranking/aggregate';
import { isNestedEdges, recordParts } from '../../../utils/ranking/columns';
import { createLocalSource } from '../../../utils/sources/local';
import { db, liveTables } from '../../../utils/store/db';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { memoryRankData } from '../ranking/memory-data';
import { rankEntities as oracleRank } from '../ranking/oracle-rank';

const NOW = Date.parse('2026-11-01T10:00:00Z');
const REF = Date.parse('2026-10-01T00:00:00Z');

describe('schema 3 migration', () => {
  it('converts the nested edges of a version-2 database, and the graph ranks as before', async () => {
    expect(db.isOpen()).toBe(false);
    // The database as version 2 left it: slot a live, edges nested.
    const v2 = new Dexie('kenner-graph');
    v2.version(2).stores(OLD_STORES);
    await v2.open();
    const nested = new EdgeAccumulator(REF).addAll(STORY.interactions).records();
    await v2.table('edges_a').bulkPut(nested);
    await v2.table('people_a').bulkPut(STORY.people);
    await v2.table('contacts_a').bulkPut(STORY.contacts.map((c) => ({ ...c, nameKeys: [] })));
    await v2.table('meta').put({ key: 'slot', value: 'a' });
    v2.close();

    // Schema 4 keeps a contact's evidence inside its account's record: every entity's part, as stored.
    const stored = (await (await liveTables()).edges.toArray()).flatMap(recordParts);
    expect(stored).toHaveLength(nested.length);
    expect(stored.some(isNestedEdges)).toBe(false);

    const entities: DetectedEntity[] = [
      { kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', focal: true, count: 1 },
      { kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'text', count: 1 },
      { kind: 'topic', id: 't-edi', name: 'EDI integration', via: 'text', count: 1 },
    ];
    // Contacts in id order, as the store's index returns them.
    const graph = { ...STORY, contacts: [...STORY.contacts].sort((a, b) => (a.id < b.id ? -1 : 1)) };
    const expected = await oracleRank(memoryRankData(graph, REF), entities, { now: NOW, evidenceCache: new Map() });
    expect(expected.length).toBeGreaterThan(2);
    expect((await createLocalSource().rank(entities, { now: NOW })).suggestions).toEqual(expected);
  });
});
