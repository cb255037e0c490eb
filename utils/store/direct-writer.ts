/**
 * Writes records of one table straight through IndexedDB, not Dexie: each
 * record is put (and so structured-cloned) at once and nothing keeps it, so
 * it dies young in V8. Dexie's bulkPut keeps every item of a batch until its
 * transaction completes, long enough for V8 to promote them to the old
 * generation, where an import's interaction blocks and edge records (and
 * the browser objects their requests hold) piled up as garbage until the next
 * full collection (store.design.md, "Memory and speed"). For the import's
 * staging writes only: no Dexie hooks or observers apply to them.
 *
 * Puts of one task go into one transaction, up to `maxBytes`; a put after the
 * task (the transaction is inactive then) opens the next one. Read-write
 * transactions on one store run in creation order, so later records win.
 */
import { db } from './db';

export class DirectWriter<T> {
  private store: IDBObjectStore | null = null;
  private bytes = 0;
  /** Transactions started and not yet awaited, oldest first. */
  private readonly inFlight: Array<Promise<void>> = [];

  constructor(
    private readonly table: string,
    private readonly maxBytes: number,
  ) {}

  /** Puts one record (`bytes`: about its size, for transaction sizes). */
  put(rec: T, bytes: number): void {
    if (this.store && this.bytes < this.maxBytes) {
      try {
        this.store.put(rec);
        this.bytes += bytes;
        return;
      } catch (e) {
        if (!(e instanceof DOMException && e.name === 'TransactionInactiveError')) throw e;
      }
    }
    this.open().put(rec);
    this.bytes = bytes;
  }

  /** Whether the next put opens a new transaction because the open one holds `maxBytes`. */
  get full(): boolean {
    return this.bytes >= this.maxBytes;
  }

  /** Transactions not yet awaited. */
  get pending(): number {
    return this.inFlight.length;
  }

  private open(): IDBObjectStore {
    const tx = db.backendDB().transaction(this.table, 'readwrite', { durability: 'relaxed' });
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new DOMException('The write was aborted', 'AbortError'));
    });
    done.catch(() => undefined); // awaited (and its error reported) by wait()
    this.inFlight.push(done);
    this.store = tx.objectStore(this.table);
    return this.store;
  }

  /** The next put opens a new transaction (the open one commits when its task ends). */
  flush(): void {
    this.store = null;
  }

  /** Waits until at most `keep` transactions are in flight; throws the first failure. */
  async wait(keep: number): Promise<void> {
    if (keep === 0) this.flush();
    while (this.inFlight.length > keep) await this.inFlight.shift();
  }

  /** Waits for every transaction in flight, whatever its outcome. */
  async settle(): Promise<void> {
    this.flush();
    await Promise.allSettled(this.inFlight.splice(0));
  }
}
