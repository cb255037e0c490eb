/**
 * Commit: makes a staged import live. Replace mode flips the slots (one
 * small transaction on `meta`); merge mode copies the staged records into
 * the live slot and recomputes the touched edges, in one transaction with
 * `meta`. Listeners hear of the change only after the commit (the caller
 * notifies).
 */
import type { Table } from 'dexie';
import type { EvidenceRule } from '../governance/evidence';
import { db, forEachBatch, META_GRAPH, META_SLOT, slotTableList, type Slot, type SlotTables } from './db';
import { blockItems, makeBlock, type InteractionBlock } from './keys';
import { BLOCK_BATCH, ENTITY_BATCH, recomputeEdges, targetsOf } from './edges';
import type { EntityKind, GraphCounts, GraphMeta, Interaction, Person } from '../graph/model';

/** Replace mode: the staged slot becomes the live one, with its meta, in one transaction. */
export async function commitReplace(stageSlot: Slot, meta: GraphMeta): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: META_SLOT, value: stageSlot });
    await db.meta.put({ key: META_GRAPH, value: meta });
  });
  db.slot = stageSlot;
}

/** Merge mode: the staged records go into the live slot; meta gets the live counts. One transaction. */
export async function commitMerge(live: SlotTables, stage: SlotTables, refTime: number, meta: GraphMeta, neverLoosen = false, rule?: EvidenceRule): Promise<void> {
  await db.transaction('rw', [...slotTableList(live), ...slotTableList(stage), db.meta], async () => {
    const interactions = await mergeInto(live, stage, refTime, neverLoosen, rule);
    meta.counts = { ...(await liveEntityCounts(live)), interactions };
    await db.meta.put({ key: META_GRAPH, value: meta });
  });
}

async function copyAll<T>(from: Table<T, string>, to: Table<T, string>): Promise<void> {
  await forEachBatch(from, (batch) => to.bulkPut(batch).then(() => undefined), ENTITY_BATCH);
}

/**
 * People upserted by id; with `neverLoosen` (a sync) a colleague the live
 * graph keeps hidden (`discoverable: false`) stays hidden: the stricter value wins.
 */
async function copyPeople(from: Table<Person, string>, to: Table<Person, string>, neverLoosen: boolean): Promise<void> {
  if (!neverLoosen) return copyAll(from, to);
  await forEachBatch(
    from,
    async (batch) => {
      const existing = await to.bulkGet(batch.map((p) => p.id));
      await to.bulkPut(batch.map((p, i) => (existing[i]?.discoverable === false && p.discoverable !== false ? { ...p, discoverable: false } : p)));
    },
    ENTITY_BATCH,
  );
}

/**
 * Copies the staged import into the live slot (merge mode), inside the
 * caller's transaction: entities upserted by id; interactions with an id
 * replace the stored one with that id; the edges of every entity whose
 * interactions changed are recomputed from all live interactions.
 * Returns the number of live interactions.
 */
async function mergeInto(live: SlotTables, stage: SlotTables, refTime: number, neverLoosen: boolean, rule?: EvidenceRule): Promise<number> {
  const touched = new Map<string, EntityKind>();
  const touch = (i: Interaction) => {
    for (const [id, kind] of targetsOf(i)) touched.set(id, kind);
  };
  await copyPeople(stage.people, live.people, neverLoosen);
  await copyAll(stage.accounts, live.accounts);
  // A contact that changes accounts takes its evidence along (edges.ts).
  const moved = new Map<string, string | undefined>();
  await forEachBatch(
    stage.contacts,
    async (batch) => {
      const before = await live.contacts.bulkGet(batch.map((c) => c.id));
      batch.forEach((c, k) => {
        const was = before[k];
        if (was && was.accountId !== c.accountId) moved.set(c.id, was.accountId);
      });
      await live.contacts.bulkPut(batch);
    },
    ENTITY_BATCH,
  );
  await copyAll(stage.topics, live.topics);
  const newIds = new Set<string>();
  await forEachBatch(stage.interactions, (blocks) => {
    for (const b of blocks) for (const i of blockItems(b)) if (i.id !== undefined) newIds.add(i.id);
  }, BLOCK_BATCH);
  // Drop the stored interactions that the import replaces.
  if (newIds.size) {
    await forEachBatch(live.interactions, async (blocks) => {
      const put: InteractionBlock[] = [];
      const del: number[] = [];
      for (const b of blocks) {
        const all = blockItems(b);
        const items = all.filter((i) => i.id === undefined || !newIds.has(i.id));
        if (items.length === all.length) continue;
        all.filter((i) => i.id !== undefined && newIds.has(i.id)).forEach(touch);
        if (items.length) put.push(makeBlock(items, b.key));
        else if (b.key !== undefined) del.push(b.key);
      }
      if (put.length) await live.interactions.bulkPut(put);
      if (del.length) await live.interactions.bulkDelete(del);
    }, BLOCK_BATCH);
  }
  await forEachBatch(stage.interactions, async (blocks) => {
    for (const b of blocks) blockItems(b).forEach(touch);
    await live.interactions.bulkAdd(blocks.map((b) => (b.json !== undefined ? { json: b.json } : makeBlock(b.items ?? []))));
  }, BLOCK_BATCH);
  // One pass over all live interactions: count them, and re-aggregate the touched entities.
  return recomputeEdges(live, touched, refTime, rule, moved);
}

async function liveEntityCounts(t: SlotTables): Promise<Omit<GraphCounts, 'interactions'>> {
  const [people, accounts, contacts, topics] = await Promise.all([t.people.count(), t.accounts.count(), t.contacts.count(), t.topics.count()]);
  return { people, accounts, contacts, topics };
}
