/**
 * Values kept in the extension's own IndexedDB (database `kenner-private`),
 * not in `storage.local`: content scripts can read `storage.local` (they run
 * in the page's process), but not the extension origin's IndexedDB. Same
 * interface as a storage item. A value left in `storage.local` under the same
 * key by an earlier version is moved here on first read.
 */
import Dexie, { type Table } from 'dexie';
import { browser } from 'wxt/browser';

interface Row {
  key: string;
  value: unknown;
}

class PrivateDb extends Dexie {
  kv!: Table<Row, string>;
  constructor() {
    super('kenner-private', { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({ kv: 'key' });
  }
}

let db: PrivateDb | null = null;
const open = () => (db ??= new PrivateDb());

export interface PrivateItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** "Delete all local data". */
  clear(): Promise<void>;
}

export function privateItem<T>(key: string, fallback: T): PrivateItem<T> {
  return {
    async getValue(): Promise<T> {
      const row = await open().kv.get(key);
      if (row) return row.value as T;
      const legacy = (await browser.storage.local.get(key))[key] as T | undefined;
      if (legacy === undefined) return fallback;
      await open().kv.put({ key, value: legacy });
      await browser.storage.local.remove(key);
      return legacy;
    },
    async setValue(value: T): Promise<void> {
      await open().kv.put({ key, value });
    },
    async clear(): Promise<void> {
      await open().kv.delete(key);
      await browser.storage.local.remove(key);
    },
  };
}
