/**
 * Staging: writes an import into the inactive slot while it is read. Writes
 * start at once, at most MAX_IN_FLIGHT per table (IndexedDB runs read-write
 * transactions on one store in creation order, so later records still win;
 * the browser stores one batch while this side clones the next); the reader
 * waits in drain() while more are in flight. Interactions go in blocks.
 * At the end: duplicate interaction ids are dropped (the later one wins)
 * and, in replace mode, the edges are written. Nothing is written once the
 * import has an error.
 */
import { EdgeAccumulator } from '../ranking/aggregate';
import type { EvidenceRule } from '../governance/evidence';
import { db, forEachBatch, slotTableList, type SlotTables } from './db';
import { BlockBuilder, blockItems, makeBlock, type InteractionBlock, type StoredAccount, type StoredContact, type StoredPerson, type StoredTopic } from './keys';
import type { Interaction } from '../graph/model';
import type { ErrorList } from '../graph/import/errors';
import { BLOCK_BATCH, ENTITY_BATCH } from './edges';
import { DirectWriter } from './direct-writer';
import { storedSize, type EdgeColumns, type StoredEdges } from '../ranking/columns';
import { freeNow } from '../ranking/slots';

/** Bytes of edge columns per write (a topic known by thousands is one large record, an account a small one). */
const EDGE_BATCH_BYTES = 1 << 20;
/** Bytes of interaction blocks per transaction (each block is put as soon as it is closed: direct-writer.ts). */
const BLOCK_TX_BYTES = 1 << 20;
/** Entity records put per transaction (EntityWriter): as many as a Dexie batch was. */
const ENTITY_TX = ENTITY_BATCH;
/** Writes in flight per table. */
const MAX_IN_FLIGHT = 2;


/** Empties every table of a slot, in one transaction. */
export async function clearSlot(t: SlotTables): Promise<void> {
  const tables = slotTableList(t);
  await db.transaction('rw', tables, () => Promise.all(tables.map((x) => x.clear())));
}

/**
 * Entity records of one table put straight through IndexedDB (direct-writer.ts),
 * ENTITY_TX at a time in one transaction: only the batch being gathered is
 * held, not also the batches being written (Dexie's bulkPut kept each batch's
 * records until its write completed, long enough to survive V8's scavenges;
 * store.design.md, "Memory of an import"). A transaction per chunk of input
 * instead cost the browser process ≈ 10 s more CPU at scale 10.
 */
class EntityWriter<T> extends DirectWriter<T> {
  private batch: T[] = [];

  constructor(table: string) {
    super(table, ENTITY_TX);
  }

  push(rec: T): void {
    this.batch.push(rec);
    if (this.batch.length >= ENTITY_TX) this.putBatch();
  }

  private putBatch(): void {
    const batch = this.batch;
    this.batch = [];
    for (const rec of batch) this.put(rec, 1);
  }

  override flush(): void {
    this.putBatch();
    super.flush();
  }
}

/** Two independent 30-bit FNV-1a hashes: small integers stay unboxed in a Map. */
function hash30(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}
const SEED_A = 0x811c9dc5;
const SEED_B = 0x2a9f3c5d;
/** Marks a first hash shared by ids with different second hashes: every later id there is a suspect. */
const SHARED = -1;

/**
 * First hash → second hash (or SHARED) in two typed arrays, open addressing
 * at most 3/4 full: 8 bytes a cell instead of a Map entry's ~40 (1.5 M ids:
 * 2^21 cells, 16 MB).
 */
class HashPairs {
  private keys = new Int32Array(1 << 16);
  private vals = new Int32Array(1 << 16);
  private size = 0;

  /** The second hash stored for `h1` (30-bit), or undefined. */
  get(h1: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === 0) return undefined;
      if (k === h1 + 1) return this.vals[i];
    }
  }

  set(h1: number, v: number): void {
    const mask = this.keys.length - 1;
    let i = h1 & mask;
    for (; this.keys[i] !== 0; i = (i + 1) & mask) {
      if (this.keys[i] === h1 + 1) {
        this.vals[i] = v;
        return;
      }
    }
    this.keys[i] = h1 + 1;
    this.vals[i] = v;
    if (++this.size * 4 > this.keys.length * 3) this.grow();
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === 0) continue;
      let i = (keys[j] - 1) & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.vals[i] = vals[j];
    }
    freeNow(keys, vals);
  }

  /** Frees the table at once (see freeNow); it must not be used again. */
  dispose(): void {
    freeNow(this.keys, this.vals);
  }
}

export class Staging {
  readonly people: EntityWriter<StoredPerson>;
  readonly accounts: EntityWriter<StoredAccount>;
  readonly contacts: EntityWriter<StoredContact>;
  readonly topics: EntityWriter<StoredTopic>;
  private readonly interactionBlocks: DirectWriter<InteractionBlock>;
  private readonly queues: ReadonlyArray<{ flush(): void; wait(keep: number): Promise<void>; settle(): Promise<void> }>;
  private readonly block = new BlockBuilder();
  /** Replace mode: the edges, accumulated while reading (released once written). */
  private acc: EdgeAccumulator | null;
  /** First hash of every interaction id → its second hash (or SHARED): duplicates without keeping the ids (dropped at the end of the input). */
  private interactionIdHashes: HashPairs | null = new HashPairs();
  private readonly suspectIds = new Set<string>();
  private edgesDirty = false;
  /** Interactions staged (less the duplicates dropped). */
  interactions = 0;
  /** Interactions dropped because a later one had the same id. */
  duplicates = 0;

  constructor(
    readonly tables: SlotTables,
    private readonly errors: ErrorList,
    private readonly refTime: number,
    /** Replace mode: accumulate the edges while reading. */
    accumulateEdges: boolean,
    /** Which interactions are evidence (works-council mode); absent: all. */
    private readonly rule?: EvidenceRule,
  ) {
    this.people = new EntityWriter(tables.people.name);
    this.accounts = new EntityWriter(tables.accounts.name);
    this.contacts = new EntityWriter(tables.contacts.name);
    this.topics = new EntityWriter(tables.topics.name);
    this.interactionBlocks = new DirectWriter(tables.interactions.name, BLOCK_TX_BYTES);
    this.queues = [this.people, this.accounts, this.contacts, this.topics, this.interactionBlocks];
    this.acc = accumulateEdges ? new EdgeAccumulator(refTime, rule) : null;
  }

  /** Stages a record (nothing more is written once the import has failed). */
  put<T>(queue: EntityWriter<T>, rec: T): void {
    if (!this.errors.any) queue.push(rec);
  }

  /** Stages a contact; its account is noted for the edges (a contact's evidence is stored in its account's record). */
  putContact(c: StoredContact): void {
    this.put(this.contacts, c);
    this.acc?.linkContact(c.id, c.accountId);
  }

  /** Counts an interaction and notes its id (duplicates); stages it while the import has no error. */
  addInteraction(i: Interaction): void {
    const hashes = (this.interactionIdHashes ??= new HashPairs());
    if (i.id !== undefined) {
      const h1 = hash30(i.id, SEED_A);
      const h2 = hash30(i.id, SEED_B);
      const known = hashes.get(h1);
      if (known === undefined) hashes.set(h1, h2);
      else if (known === h2 || known === SHARED) this.suspectIds.add(i.id);
      else hashes.set(h1, SHARED);
    }
    this.interactions++;
    if (this.errors.any) return;
    this.acc?.add(i);
    this.putBlock(this.block.add(i));
  }

  private putBlock(block: InteractionBlock | null): void {
    if (block && !this.errors.any) this.interactionBlocks.put(block, block.json?.length ?? 0);
  }

  private closeBlock(): void {
    this.putBlock(this.block.close());
  }

  /**
   * The input is read: what only reading needed goes (the id hashes; the
   * suspects stay for dedupeInteractions), and the accumulator's lookup table,
   * so the edges are written with the least held.
   */
  endOfInput(): void {
    this.interactionIdHashes?.dispose();
    this.interactionIdHashes = null;
    this.acc?.release();
  }

  /** Back-pressure for the reader: at most MAX_IN_FLIGHT writes per table (all: flush and wait for everything). */
  async drain(all = false): Promise<void> {
    if (all && !this.errors.any) this.closeBlock();
    for (const q of this.queues) {
      if (all && !this.errors.any) q.flush();
      await q.wait(all ? 0 : MAX_IN_FLIGHT);
    }
  }

  /** Waits for every write in flight, whatever its outcome. */
  async settle(): Promise<void> {
    for (const q of this.queues) await q.settle();
  }

  /** Sets the owners found by email at the end ([accountId, personId]) on the staged accounts. */
  async patchOwners(patches: Array<[string, string]>): Promise<void> {
    for (let i = 0; i < patches.length; i += ENTITY_BATCH) {
      const part = patches.slice(i, i + ENTITY_BATCH);
      const recs = await this.tables.accounts.bulkGet(part.map(([id]) => id));
      await this.tables.accounts.bulkPut(recs.flatMap((r, j) => (r ? [{ ...r, ownerId: part[j][1] }] : [])));
    }
  }

  /** Interactions whose id came twice in this import: the later one wins. */
  async dedupeInteractions(): Promise<void> {
    if (!this.suspectIds.size) return;
    // Where each suspect id occurs (block key, position), in import order. A
    // suspect that occurs once was only a hash collision.
    const where = new Map<string, Array<[number, number]>>();
    await forEachBatch(this.tables.interactions, (blocks) => {
      for (const b of blocks) {
        if (b.key === undefined) continue;
        const key = b.key;
        blockItems(b).forEach((i, pos) => {
          if (i.id === undefined || !this.suspectIds.has(i.id)) return;
          const places = where.get(i.id);
          if (places) places.push([key, pos]);
          else where.set(i.id, [[key, pos]]);
        });
      }
    }, BLOCK_BATCH);
    const drop = new Map<number, Set<number>>();
    for (const places of where.values()) {
      for (const [key, pos] of places.slice(0, -1)) {
        const set = drop.get(key);
        if (set) set.add(pos);
        else drop.set(key, new Set([pos]));
      }
    }
    if (!drop.size) return;
    let dropped = 0;
    const keys = [...drop.keys()];
    for (let i = 0; i < keys.length; i += BLOCK_BATCH) {
      const part = keys.slice(i, i + BLOCK_BATCH);
      const blocks = (await this.tables.interactions.bulkGet(part)).filter((b): b is InteractionBlock => b !== undefined);
      const put = blocks.map((b) => {
        const gone = (b.key !== undefined && drop.get(b.key)) || new Set<number>();
        dropped += gone.size;
        return makeBlock(blockItems(b).filter((_, pos) => !gone.has(pos)), b.key);
      });
      await this.tables.interactions.bulkPut(put);
    }
    this.duplicates += dropped;
    this.interactions -= dropped;
    this.edgesDirty = true;
  }

  /** Replace mode: the edges of the whole staged graph, built and written a batch at a time (one write in flight). */
  async writeEdges(): Promise<void> {
    let acc = this.acc ?? new EdgeAccumulator(this.refTime, this.rule);
    this.acc = null;
    if (this.edgesDirty) {
      const fresh = new EdgeAccumulator(this.refTime, this.rule);
      fresh.adoptLinks(acc);
      acc.dispose();
      await forEachBatch(this.tables.interactions, (blocks) => {
        for (const b of blocks) fresh.addAll(blockItems(b));
      }, BLOCK_BATCH);
      acc = fresh;
    }
    // Each record is put as soon as it is built (direct-writer.ts), a transaction per EDGE_BATCH_BYTES.
    // Contacts' evidence goes inside their account's record (store.design.md, "Contacts in their account's record").
    const edges = new DirectWriter<StoredEdges>(this.tables.edges.name, EDGE_BATCH_BYTES);
    try {
      for (const c of acc.storedRecords()) {
        // Wait only between full transactions: after an await the open one is inactive and the next put opens another.
        if (edges.full && edges.pending >= MAX_IN_FLIGHT) await edges.wait(MAX_IN_FLIGHT - 1);
        const { bytes, arrays } = storedSize(c as StoredEdges & EdgeColumns);
        edges.put(c, bytes);
        // Cloned by the put: its buffers go now, not at V8's next collection of them.
        freeNow(...arrays);
      }
      await edges.wait(0);
    } finally {
      await edges.settle();
      acc.dispose();
    }
  }
}
