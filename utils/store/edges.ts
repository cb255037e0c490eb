/**
 * Recomputing the stored edges of some entities from the live interactions,
 * inside the caller's read-write transaction. BACKGROUND ONLY (Dexie).
 *
 * For writers that change a part of the live graph in place (removal of
 * records, and the importer's merge mode).
 */
import { EdgeAccumulator } from '../ranking/aggregate';
import type { EvidenceRule } from '../governance/evidence';
import { accountRecord, contactColumns, contactColumnsOf, ownColumns, withOwnBuffers, type EdgeColumns, type StoredEdges } from '../ranking/columns';
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
 * left without evidence loses its edges. Returns the number of live
 * interactions.
 *
 * A contact's evidence lives in its account's record (store.design.md,
 * "Contacts in their account's record"). The record of every touched
 * account, of every touched or moved contact's account (the live
 * `accountId`) and of every previous account of a moved contact is rebuilt
 * from its own evidence and its live contacts'. `moved`: contacts whose
 * account changed (or went), with their previous account; one that is not
 * touched keeps its stored evidence as it was, in its new place.
 */
export async function recomputeEdges(
  live: SlotTables,
  touched: ReadonlyMap<string, EntityKind>,
  refTime: number,
  rule?: EvidenceRule,
  moved: ReadonlyMap<string, string | undefined> = new Map(),
): Promise<number> {
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
  const isTouched = (id: string) => touched.get(id) === 'contact';

  // Moved contacts that are not touched carry their stored evidence (from the previous account's record, or a record of their own).
  const carried = new Map<string, EdgeColumns>();
  const carry = [...moved].filter(([id]) => !isTouched(id));
  for (let i = 0; i < carry.length; i += ENTITY_BATCH) {
    const part = carry.slice(i, i + ENTITY_BATCH);
    const recs = await live.edges.bulkGet(part.map(([id, prev]) => prev ?? id));
    part.forEach(([id, prev], k) => {
      const r = recs[k];
      const c = r && (prev === undefined ? ownColumns(r) : contactColumnsOf(r, id));
      if (c) carried.set(id, c);
    });
  }
  const evidenceOf = (id: string) => (isTouched(id) ? fresh.get(id) : carried.get(id));

  // Where each touched or moved contact's evidence goes now.
  const accounts = new Set<string>();
  for (const prev of moved.values()) if (prev !== undefined) accounts.add(prev);
  // Accounts whose list of contacts may have changed (the others keep the one stored).
  const regrouped = new Set(accounts);
  const alone: string[] = [];
  const placed: string[] = [];
  const contactIds = [...new Set([...[...touched].flatMap(([id, kind]) => (kind === 'contact' ? [id] : [])), ...moved.keys()])];
  for (let i = 0; i < contactIds.length; i += ENTITY_BATCH) {
    const part = contactIds.slice(i, i + ENTITY_BATCH);
    const rows = await live.contacts.bulkGet(part);
    part.forEach((id, k) => {
      const accountId = rows[k]?.accountId;
      if (accountId === undefined) alone.push(id);
      else {
        accounts.add(accountId);
        regrouped.add(accountId);
        placed.push(id);
      }
    });
  }
  for (const [id, kind] of touched) if (kind === 'account') accounts.add(id);

  // Accounts' records: own evidence (fresh if touched, else as stored) and their live contacts' (fresh or carried, else as stored; a stray record of a contact's own is taken in).
  // Only an account that gained or lost a contact asks the `accountId` index; the others keep the contacts their record lists.
  const accountIds = [...accounts];
  for (let i = 0; i < accountIds.length; i += ENTITY_BATCH) {
    const part = accountIds.slice(i, i + ENTITY_BATCH);
    const stored = await live.edges.bulkGet(part);
    const kept = stored.map((r) => new Map((r ? contactColumns(r) : []).map((c) => [c.entityId, c])));
    const members = await Promise.all(part.map((a, k) => (regrouped.has(a) ? live.contacts.where('accountId').equals(a).primaryKeys() : Promise.resolve([...kept[k].keys()]))));
    const changed = (c: string) => isTouched(c) || moved.has(c);
    const strays = members.flatMap((ids, k) => ids.filter((c) => !changed(c) && !kept[k].has(c)));
    const own = new Map<string, EdgeColumns>();
    (await live.edges.bulkGet(strays)).forEach((r) => {
      const c = r && ownColumns(r);
      if (c && c.entityKind === 'contact') own.set(c.entityId, c);
    });
    const put: StoredEdges[] = [];
    const del: string[] = [...own.keys()];
    part.forEach((a, k) => {
      const self = touched.get(a) === 'account' ? fresh.get(a) : stored[k] && ownColumns(stored[k]);
      const contacts = members[k].flatMap((c) => (changed(c) ? evidenceOf(c) : (kept[k].get(c) ?? own.get(c))) ?? []);
      const rec = accountRecord(a, refTime, self, contacts);
      if (rec) put.push(rec);
      else del.push(a);
    });
    if (put.length) await live.edges.bulkPut(put);
    if (del.length) await live.edges.bulkDelete(del);
  }
  // Topics and contacts without an account: records of their own. A contact with an account has none.
  const ownRecords = [...alone, ...[...touched].flatMap(([id, kind]) => (kind === 'topic' ? [id] : []))];
  const evidence = (id: string) => (touched.get(id) === 'topic' ? fresh.get(id) : evidenceOf(id));
  for (let i = 0; i < ownRecords.length; i += ENTITY_BATCH) {
    const part = ownRecords.slice(i, i + ENTITY_BATCH);
    // A contact that left a packed account carries views into the pack: stored with buffers of its own.
    const put = part.flatMap((id) => evidence(id) ?? []).map(withOwnBuffers);
    const del = part.filter((id) => !evidence(id));
    if (put.length) await live.edges.bulkPut(put);
    if (del.length) await live.edges.bulkDelete(del);
  }
  for (let i = 0; i < placed.length; i += ENTITY_BATCH) await live.edges.bulkDelete(placed.slice(i, i + ENTITY_BATCH));
  return count;
}
