/**
 * The ranking's reads for one page, in one IndexedDB read transaction.
 * BACKGROUND ONLY.
 *
 * Plain IndexedDB requests on Dexie's connection rather than Dexie calls: a
 * page asks for ~50 records and key lists, and Dexie's promise wrapping per
 * request was ~15 % of the worker's CPU per answer (prefix.design.md). The
 * accounts' contact lists are asked for first: their contacts' evidence is
 * the second wave, asked for as soon as they are in (results come in request
 * order). Topics' records (over 64 KB each) go before the other records; an
 * A/B of 45 page reads each found no difference against putting them last.
 */
import type { EntityEdges } from '../ranking/aggregate';
import { asColumns, type EdgeColumns } from '../ranking/columns';
import type { Person } from '../graph/model';
import { db, liveTables } from './db';

/** What the ranking folds for a page (prefix.ts): entities' columns, accounts' contacts (id order), topics' skilled colleagues. */
export interface RankInputs {
  edges: Map<string, EdgeColumns>;
  contactsOf: Map<string, string[]>;
  skilled: Map<string, string[]>;
  /** The colleagues `alsoPeople` asked for (those that exist). */
  people: Person[];
}

/**
 * Reads the ranking's inputs for a page in one read transaction; `alsoPeople`
 * names, from what was read, the colleagues to read in the same transaction.
 * `ids` lists the topics too.
 */
export async function readRankInputs(
  ids: readonly string[],
  accountIds: readonly string[],
  topicIds: readonly string[],
  alsoPeople?: (read: RankInputs) => string[],
): Promise<RankInputs> {
  const t = await liveTables();
  const idb = db.backendDB();
  return new Promise<RankInputs>((resolve, reject) => {
    const tx = idb.transaction([t.edges.name, t.contacts.name, t.people.name], 'readonly');
    const edges = tx.objectStore(t.edges.name);
    const out: RankInputs = { edges: new Map(), contactsOf: new Map(accountIds.map((a) => [a, []])), skilled: new Map(topicIds.map((a) => [a, []])), people: [] };
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      reject(e instanceof Error || e instanceof DOMException ? e : new Error('IndexedDB read failed'));
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
    };
    tx.onabort = () => fail(tx.error);
    tx.onerror = () => fail(tx.error);
    let pending = 0;
    let named = false;
    let got: Array<Person | undefined> = [];
    const take = (r: EdgeColumns | EntityEdges | undefined) => {
      if (r) out.edges.set(r.entityId, asColumns(r));
    };
    // Every result in: first the page's reads (and the contacts' evidence they led to), then the colleagues named from them.
    const allIn = () => {
      if (!named) {
        named = true;
        const more = alsoPeople?.(out) ?? [];
        if (more.length) {
          const store = tx.objectStore(t.people.name);
          got = new Array<Person | undefined>(more.length);
          more.forEach((id, k) => ask(store.get(id) as IDBRequest<Person | undefined>, (p) => (got[k] = p)));
          return;
        }
      }
      // In the order asked for, the absent left out (as bulkGet gives them).
      out.people = got.filter((p): p is Person => p !== undefined);
      resolve(out);
    };
    const ask = <T>(req: IDBRequest<T>, then: (v: T) => void) => {
      pending++;
      req.onsuccess = () => {
        if (failed) return;
        try {
          then(req.result);
          if (--pending === 0) allIn();
        } catch (e) {
          fail(e);
        }
      };
    };
    try {
      const requested = new Set(ids);
      // Contacts of the page's accounts first: their evidence is asked for as soon as all their ids are in.
      if (accountIds.length) {
        const index = tx.objectStore(t.contacts.name).index('accountId');
        let left = accountIds.length;
        for (const a of accountIds)
          ask(index.getAllKeys(a) as IDBRequest<string[]>, (keys) => {
            out.contactsOf.set(a, keys);
            if (--left > 0) return;
            const contactIds = [...new Set([...out.contactsOf.values()].flat())].filter((id) => !requested.has(id));
            for (const id of contactIds) ask(edges.get(id) as IDBRequest<EdgeColumns | EntityEdges | undefined>, take);
          });
      }
      const topics = new Set(topicIds);
      for (const id of ids) if (topics.has(id)) ask(edges.get(id) as IDBRequest<EdgeColumns | EntityEdges | undefined>, take);
      if (topicIds.length) {
        const index = tx.objectStore(t.people.name).index('skills');
        for (const id of topicIds) ask(index.getAllKeys(id) as IDBRequest<string[]>, (keys) => void out.skilled.set(id, keys));
      }
      for (const id of ids) if (!topics.has(id)) ask(edges.get(id) as IDBRequest<EdgeColumns | EntityEdges | undefined>, take);
      if (!pending) allIn();
    } catch (e) {
      fail(e);
    }
  });
}
