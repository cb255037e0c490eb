/**
 * Removal of records from the live graph by id (the tombstones of the remote
 * company-graph service's dictionary). BACKGROUND ONLY (writes Dexie).
 *
 * One read-write transaction over the live slot and `meta`: the records go,
 * references to them go with them (store.design.md, "Removal"), the edges of
 * every entity whose interactions changed are recomputed, and `meta` gets new
 * counts and a new revision. Listeners of `onGraphChanged` hear of it after
 * the commit. Ids the graph does not hold are ignored; when nothing is held,
 * nothing is written and nobody is notified.
 */
import type { EntityKind, GraphCounts, GraphMeta, Interaction } from '../graph/model';
import { db, EMPTY_COUNTS, META_GRAPH, newRevision, notifyGraphChanged, withGraphWriteLock, forEachBatch, type MetaRow, type SlotTables } from './db';
import { BLOCK_BATCH, recomputeEdges, targetsOf } from './edges';
import { blockItems, makeBlock, type InteractionBlock } from './keys';

export interface RemovalIds {
  people?: readonly string[];
  accounts?: readonly string[];
  contacts?: readonly string[];
  topics?: readonly string[];
  /** Interactions by their `id` (interactions without one cannot be named). */
  interactions?: readonly string[];
}

export interface RemovalResult {
  /** What was removed: held records named by id, and interactions dropped (named, of a removed person, or left without a target). */
  removed: GraphCounts;
  /** The graph's meta after the removal (unchanged, or null without a graph, when nothing was removed). */
  meta: GraphMeta | null;
}

const isGraphMeta = (row: MetaRow | undefined): row is MetaRow & { value: GraphMeta } =>
  !!row && typeof row.value === 'object' && row.value !== null && 'revision' in row.value && 'counts' in row.value;

/** The ids of `ids` that `table` holds. */
async function held(table: SlotTables['people' | 'accounts' | 'contacts' | 'topics'], ids: readonly string[] | undefined): Promise<Set<string>> {
  if (!ids?.length) return new Set();
  const keys = [...new Set(ids)];
  const found = await table.bulkGet(keys);
  return new Set(keys.filter((_, i) => found[i] !== undefined));
}

interface Gone {
  people: Set<string>;
  accounts: Set<string>;
  contacts: Set<string>;
  topics: Set<string>;
  interactions: Set<string>;
}

/** The interaction without references to removed records; null when it goes (named, its person removed, or no target left). */
function survivor(i: Interaction, gone: Gone): Interaction | null {
  if ((i.id !== undefined && gone.interactions.has(i.id)) || gone.people.has(i.personId)) return null;
  const dropAccount = i.accountId !== undefined && gone.accounts.has(i.accountId);
  const dropContact = i.contactId !== undefined && gone.contacts.has(i.contactId);
  const topicIds = i.topicIds?.filter((t) => !gone.topics.has(t));
  const dropTopics = topicIds !== undefined && topicIds.length !== i.topicIds?.length;
  if (!dropAccount && !dropContact && !dropTopics) return i;
  const out: Interaction = { ...i };
  if (dropAccount) delete out.accountId;
  if (dropContact) delete out.contactId;
  if (topicIds?.length) out.topicIds = topicIds;
  else delete out.topicIds;
  return out.accountId || out.contactId || out.topicIds ? out : null;
}

/** Rewrites the interaction blocks without the removed records; returns the entities whose interactions changed and how many interactions went. */
async function pruneInteractions(live: SlotTables, gone: Gone): Promise<{ touched: Map<string, EntityKind>; dropped: number }> {
  const touched = new Map<string, EntityKind>();
  let dropped = 0;
  await forEachBatch(
    live.interactions,
    async (blocks) => {
      const put: InteractionBlock[] = [];
      const del: number[] = [];
      for (const b of blocks) {
        const items = blockItems(b);
        const kept: Interaction[] = [];
        let changed = false;
        for (const i of items) {
          const s = survivor(i, gone);
          if (s !== i) {
            changed = true;
            for (const [id, kind] of targetsOf(i)) touched.set(id, kind);
          }
          if (s) kept.push(s);
          else dropped++;
        }
        if (!changed || b.key === undefined) continue;
        if (kept.length) put.push(makeBlock(kept, b.key));
        else del.push(b.key);
      }
      if (put.length) await live.interactions.bulkPut(put);
      if (del.length) await live.interactions.bulkDelete(del);
    },
    BLOCK_BATCH,
  );
  return { touched, dropped };
}

/** Drops references from the remaining entities to removed ones (contact → account, person → skills and manager, account → owner). */
async function pruneReferences(live: SlotTables, gone: Gone): Promise<void> {
  if (gone.accounts.size) {
    await live.contacts
      .where('accountId')
      .anyOf([...gone.accounts])
      .modify((c) => {
        delete c.accountId;
      });
  }
  if (gone.topics.size) {
    await live.people
      .where('skills')
      .anyOf([...gone.topics])
      .distinct()
      .modify((p) => {
        const skills = (p.skills ?? []).filter((s) => !gone.topics.has(s));
        if (skills.length) p.skills = skills;
        else delete p.skills;
      });
  }
  if (gone.people.size) {
    await live.people
      .filter((p) => p.managerId !== undefined && gone.people.has(p.managerId))
      .modify((p) => {
        delete p.managerId;
      });
    await live.accounts
      .filter((a) => a.ownerId !== undefined && gone.people.has(a.ownerId))
      .modify((a) => {
        delete a.ownerId;
      });
  }
}

/** Removes these records from the live graph (see the file comment). */
export function removeRecords(ids: RemovalIds): Promise<RemovalResult> {
  return withGraphWriteLock(async (): Promise<RemovalResult> => {
    if (!db.isOpen()) await db.open();
    const live = db.tablesOf(db.slot);
    const tables = [live.people, live.accounts, live.contacts, live.topics, live.interactions, live.edges, db.meta];
    const { result, changed } = await db.transaction('rw', tables, async (): Promise<{ result: RemovalResult; changed: boolean }> => {
      const gone: Gone = {
        people: await held(live.people, ids.people),
        accounts: await held(live.accounts, ids.accounts),
        contacts: await held(live.contacts, ids.contacts),
        topics: await held(live.topics, ids.topics),
        interactions: new Set(ids.interactions ?? []),
      };
      const prev = await db.meta.get(META_GRAPH);
      const before: GraphMeta | null = isGraphMeta(prev) ? prev.value : null;
      const entities = gone.people.size + gone.accounts.size + gone.contacts.size + gone.topics.size;
      if (!entities && !gone.interactions.size) return { result: { removed: { ...EMPTY_COUNTS }, meta: before }, changed: false };

      // Contacts' evidence lives in their account's record (edges.ts): a removed contact leaves its account's, and a removed account's contacts take theirs into records of their own.
      const moved = new Map<string, string | undefined>();
      const goneContacts = [...gone.contacts];
      (await live.contacts.bulkGet(goneContacts)).forEach((c, k) => void moved.set(goneContacts[k], c?.accountId));
      if (gone.accounts.size) for (const c of await live.contacts.where('accountId').anyOf([...gone.accounts]).toArray()) if (!gone.contacts.has(c.id)) moved.set(c.id, c.accountId);
      await Promise.all([
        live.people.bulkDelete([...gone.people]),
        live.accounts.bulkDelete([...gone.accounts]),
        live.contacts.bulkDelete([...gone.contacts]),
        live.topics.bulkDelete([...gone.topics]),
      ]);
      await pruneReferences(live, gone);
      const { touched, dropped } = await pruneInteractions(live, gone);
      const removed: GraphCounts = {
        people: gone.people.size,
        accounts: gone.accounts.size,
        contacts: gone.contacts.size,
        topics: gone.topics.size,
        interactions: dropped,
      };
      if (!entities && !dropped) return { result: { removed, meta: before }, changed: false };
      // A removed entity keeps no edges, even if none of its interactions were left to notice.
      for (const id of gone.accounts) touched.set(id, 'account');
      for (const id of gone.contacts) touched.set(id, 'contact');
      for (const id of gone.topics) touched.set(id, 'topic');
      const interactions = await recomputeEdges(live, touched, Date.now(), undefined, moved);
      const [people, accounts, contacts, topics] = await Promise.all([live.people.count(), live.accounts.count(), live.contacts.count(), live.topics.count()]);
      const meta: GraphMeta = {
        ...(before ?? { source: 'remote', loadedAt: new Date().toISOString() }),
        counts: { people, accounts, contacts, topics, interactions },
        revision: newRevision(),
      };
      await db.meta.put({ key: META_GRAPH, value: meta });
      return { result: { removed, meta }, changed: true };
    });
    // After the commit, like every other change of the graph.
    if (changed && result.meta) notifyGraphChanged(result.meta);
    return result;
  });
}
