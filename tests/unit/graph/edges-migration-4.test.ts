/**
 * An existing user's graph after the update to schema 4: the version-3
 * records (columns, one per contact too) of both slots become account
 * records carrying their contacts' columns, nothing is lost, and the graph
 * ranks as before (the previous formula over the same graph is the oracle).
 */
import Dexie from 'dexie';
import { OLD_STORES } from './helpers';
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { EdgeAccumulator } from '../../../utils/ranking/aggregate';
import { columnsToEdges, isNestedEdges, recordParts } from '../../../utils/ranking/columns';
import { createLocalSource } from '../../../utils/sources/local';
import { db, getEdges } from '../../../utils/store/db';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { memoryRankData } from '../ranking/memory-data';
import { rankEntities as oracleRank } from '../ranking/oracle-rank';

const NOW = Date.parse('2026-11-01T10:00:00Z');
const REF = Date.parse('2026-10-01T00:00:00Z');

describe('schema 4 migration', () => {
  it("moves each contact's columns into its account's record, in both slots, and the graph ranks as before", async () => {
    expect(db.isOpen()).toBe(false);
    // The database as version 3 left it: slot b live, a stale graph in slot a, one columns record per entity.
    const v3 = new Dexie('kenner-graph');
    v3.version(3).stores(OLD_STORES);
    await v3.open();
    // A contact without an account, with evidence: it keeps a record of its own.
    const lone = { id: 'c-lone', name: 'Lone Wolf', nameKeys: [] };
    const interactions = [...STORY.interactions, { personId: 'p-sofie', contactId: 'c-lone', kind: 'meeting' as const, date: '2026-05-01' }];
    const columns = new EdgeAccumulator(REF).addAll(interactions).columns();
    const nested = columns.map(columnsToEdges);
    for (const s of ['a', 'b']) {
      await v3.table(`edges_${s}`).bulkPut(columns);
      await v3.table(`people_${s}`).bulkPut(STORY.people);
      await v3.table(`contacts_${s}`).bulkPut([...STORY.contacts.map((c) => ({ ...c, nameKeys: [] })), lone]);
    }
    await v3.table('meta').put({ key: 'slot', value: 'b' });
    v3.close();

    await db.open();
    expect(db.slot).toBe('b');
    for (const s of ['a', 'b'] as const) {
      const stored = await db.tablesOf(s).edges.toArray();
      // Nothing lost: every entity's columns, once.
      const parts = stored.flatMap(recordParts).map((p) => (isNestedEdges(p) ? p : columnsToEdges(p)));
      const byId = (l: typeof nested) => [...l].sort((a, b) => a.entityId.localeCompare(b.entityId));
      expect(byId(parts)).toEqual(byId(nested));
      expect(stored.filter((r) => r.entityKind === 'contact').map((r) => r.entityId)).toEqual(['c-lone']);
      expect(stored.find((r) => r.entityId === 'a-nordlicht')?.contacts?.map((c) => c.entityId)).toEqual(['c-ahlers', 'c-krause']);
    }
    expect((await getEdges(['c-weber', 'c-lone'])).map((e) => e.entityId)).toEqual(['c-weber', 'c-lone']);

    const entities: DetectedEntity[] = [
      { kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', focal: true, count: 1 },
      { kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'text', count: 1 },
      { kind: 'contact', id: 'c-weber', name: 'Anna Weber', via: 'email', count: 1 },
      { kind: 'contact', id: 'c-lone', name: 'Lone Wolf', via: 'email', count: 1 },
      { kind: 'topic', id: 't-edi', name: 'EDI integration', via: 'text', count: 1 },
    ];
    const graph = { ...STORY, contacts: [...STORY.contacts, lone].sort((a, b) => (a.id < b.id ? -1 : 1)), interactions };
    const expected = await oracleRank(memoryRankData(graph, REF), entities, { now: NOW, evidenceCache: new Map() });
    expect(expected.length).toBeGreaterThan(2);
    expect((await createLocalSource().rank(entities, { now: NOW })).suggestions).toEqual(expected);
  });
});
