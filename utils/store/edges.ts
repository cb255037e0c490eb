/**
 * Recomputing the stored edges of some entities from the live interactions,
 * inside the caller's read-write transaction. BACKGROUND ONLY (Dexie).
 *
 * For writers that change a part of the live graph in place (removal of
 * records, and the importer's merge mode).
 */
import { EdgeAccumulator } from '../ranking/aggregate';
import type { EvidenceRule } from '../governance/evidence';
import type { EdgeColumns } from '../ranking/columns';
import type { EntityKind, Interaction } from '../graph/model';
import { forEachBatch, type SlotTables } from './db';
import { blockItems } from './keys';

/** Interaction blocks read per batch (20 × 500 interactions). */
export const BLOCK_BATCH = 20;
/** Entity and edge records written per batch. */
export const ENTITY_BATCH = 2000;

/** The entities an interaction counts for (what its edges are stored under). */
export function targetsOf(i: Interaction): Array<[string, EntityKind]> {
  const out: Array<[string, EntityKind]> = [];
  if (i.accountId) out.push([i.accountId, 'account']);
  if (i.contactId) out.push([i.contactId, 'contact']);
  for (const t of i.topicIds ?? []) out.push([t, 'topic']);
  return out;
}

/**
 * One pass over all live interactions: counts them, and re-aggregates the
 * edges of the `touched` entities (EdgeAccumulator at `refTime`). An entity
 * left without evidence loses its edges record. Returns the number of live
 * interactions.
 */
export async function recomputeEdges(live: SlotTables, touched: ReadonlyMap<string, EntityKind>, refTime: number, rule?: EvidenceRule): Promise<number> {
  const acc = new EdgeAccumulator(refTime, rule);
  let count = 0;
  await forEachBatch(
    live.interactions,
    (blocks) => {
      for (const b of blocks) {
        const items = blockItems(b);
        count += items.length;
        if (!touched.size) continue;
        for (const i of items) if (targetsOf(i).some(([id]) => touched.has(id))) acc.add(i);
      }
    },
    BLOCK_BATCH,
  );
  const fresh = new Map<string, EdgeColumns>();
  for (const r of acc.columns()) if (touched.get(r.entityId) === r.entityKind) fresh.set(r.entityId, r);
  const ids = [...touched.keys()];
  for (let i = 0; i < ids.length; i += ENTITY_BATCH) {
    const part = ids.slice(i, i + ENTITY_BATCH);
    const put = part.flatMap((id) => fresh.get(id) ?? []);
    const del = part.filter((id) => !fresh.has(id));
    if (put.length) await live.edges.bulkPut(put);
    if (del.length) await live.edges.bulkDelete(del);
  }
  return count;
}
