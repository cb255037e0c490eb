/**
 * Schema 4's upgrade (db.ts, `version(4)`): a contact's evidence moves into
 * its account's record (store.design.md, "Contacts in their account's record").
 * BACKGROUND ONLY.
 */
import type { Table } from 'dexie';
import { accountRecord, asColumns, contactColumns, ownColumns, type StoredEdges } from '../ranking/columns';
import type { StoredContact } from './keys';

/**
 * Schema 4's upgrade of one slot: every contact's record moves into its
 * account's (contacts in id order; an account without evidence of its own
 * gets own columns of no rows), a few hundred accounts at a time.
 */
export async function foldContactEdges(edges: Table<StoredEdges, string>, contacts: Table<StoredContact, string>): Promise<void> {
  const byAccount = new Map<string, string[]>();
  await contacts.each((c) => {
    if (c.accountId === undefined) return;
    const list = byAccount.get(c.accountId);
    if (list) list.push(c.id);
    else byAccount.set(c.accountId, [c.id]);
  });
  const accounts = [...byAccount.keys()];
  for (let i = 0; i < accounts.length; i += 500) {
    const part = accounts.slice(i, i + 500);
    const own = await edges.bulkGet(part);
    const ids = part.flatMap((a) => byAccount.get(a)!);
    const theirs = new Map((await edges.bulkGet(ids)).flatMap((r) => (r ? [[r.entityId, asColumns(r)] as const] : [])));
    const put = part.flatMap((a, k) => {
      const prev = own[k];
      const contacts = [...(prev ? contactColumns(prev) : []), ...byAccount.get(a)!.flatMap((c) => theirs.get(c) ?? [])];
      return accountRecord(a, prev?.refTime ?? contacts[0]?.refTime ?? 0, prev && ownColumns(prev), contacts) ?? [];
    });
    if (put.length) await edges.bulkPut(put);
    if (theirs.size) await edges.bulkDelete([...theirs.keys()]);
  }
}
