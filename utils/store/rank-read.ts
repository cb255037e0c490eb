/**
 * The ranking's reads for one page, in one IndexedDB read transaction.
 * BACKGROUND ONLY.
 *
 * Plain IndexedDB requests on Dexie's connection rather than Dexie calls: a
 * page asks for ~30 records and key lists, and Dexie's promise wrapping per
 * request was ~15 % of the worker's CPU per answer (prefix.design.md). An
 * account's record carries its contacts' evidence (schema 4, store.design.md
 * "Contacts in their account's record"), so a page's accounts, topics and
 * topics' skilled colleagues are one wave of requests. A page contact (mail
 * pages) is asked for twice at once: a record of its own (no account), and
 * its contact row, whose `accountId` leads to its account's record (a second
 * request in the same transaction). Topics' records (over 64 KB each) go
 * before the other records; an A/B of 45 page reads each found no difference
 * against putting them last.
 */
import { contactColumns, contactColumnsOf, ownColumns, withOwnBuffers, type EdgeColumns, type StoredEdges } from '../ranking/columns';
import type { Person } from '../graph/model';
import type { StoredContact } from './keys';
import { db, liveTables } from './db';

/** What the ranking folds for a page (prefix.ts): entities' columns, accounts' contacts with evidence (id order), topics' skilled colleagues. */
export interface RankInputs {
  /** Own evidence of every entity read (accounts' contacts included). */
  edges: Map<string, EdgeColumns>;
  contactsOf: Map<string, string[]>;
  /** Evidence records read. */
  records: number;
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
    const out: RankInputs = { edges: new Map(), records: 0, contactsOf: new Map(accountIds.map((a) => [a, []])), skilled: new Map(topicIds.map((a) => [a, []])), people: [] };
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
    const accounts = new Set(accountIds);
    const pageContacts = new Set(ids.filter((id) => !accounts.has(id) && !topicIds.includes(id)));
    const take = (r: StoredEdges | undefined) => {
      if (!r) return;
      out.records++;
      const own = ownColumns(r);
      if (own) out.edges.set(r.entityId, own);
      // A page contact's columns are folded in place and cached: copied out of a pack (withOwnBuffers), which they would keep alive.
      if (accounts.has(r.entityId)) {
        const contacts = contactColumns(r);
        for (const c of contacts) out.edges.set(c.entityId, pageContacts.has(c.entityId) ? withOwnBuffers(c) : c);
        out.contactsOf.set(r.entityId, contacts.map((c) => c.entityId));
      } else if (r.contacts || r.pack) {
        // Read for a page contact: only the page's contacts (a packed account's others are not made).
        for (const id of pageContacts) {
          const c = contactColumnsOf(r, id);
          if (c) out.edges.set(id, withOwnBuffers(c));
        }
      }
    };
    const asked = new Set<string>();
    const read = (id: string) => {
      if (asked.has(id)) return;
      asked.add(id);
      ask(edges.get(id) as IDBRequest<StoredEdges | undefined>, take);
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
      const topics = new Set(topicIds);
      for (const id of ids) if (topics.has(id)) read(id);
      if (topicIds.length) {
        const index = tx.objectStore(t.people.name).index('skills');
        for (const id of topicIds) ask(index.getAllKeys(id) as IDBRequest<string[]>, (keys) => void out.skilled.set(id, keys));
      }
      for (const id of ids) if (accounts.has(id)) read(id);
      // The page's contacts: a record of their own, or their account's (found through the contact row).
      const contactRows = tx.objectStore(t.contacts.name);
      for (const id of ids) {
        if (topics.has(id) || accounts.has(id)) continue;
        read(id);
        ask(contactRows.get(id) as IDBRequest<StoredContact | undefined>, (c) => {
          if (c?.accountId !== undefined) read(c.accountId);
        });
      }
      if (!pending) allIn();
    } catch (e) {
      fail(e);
    }
  });
}
