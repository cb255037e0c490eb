/**
 * The importer: streams files (or an in-memory graph) through the same record
 * validation, writes them into the inactive slot of the store, and only when
 * everything checked out makes them live in one transaction (see
 * graph.design.md: "All or nothing"). Background only (it writes Dexie).
 */
import type { Table } from 'dexie';
import { EdgeAccumulator, type EntityEdges } from '../ranking/aggregate';
import {
  db,
  forEachBatch,
  META_GRAPH,
  META_SLOT,
  newRevision,
  notifyGraphChanged,
  SLOT_TABLE_NAMES,
  withGraphWriteLock,
  type Slot,
  type SlotTables,
} from './db';
import { blockItems, INTERACTION_BLOCK_SIZE, makeBlock, toStoredAccount, toStoredContact, toStoredTopic, type InteractionBlock } from './keys';
import type { Account, Contact, EntityKind, Graph, GraphCounts, GraphMeta, Interaction, Person, Topic } from '../graph/model';
import { EXPECTED_TEXT, fastInteraction, RECORD_SCHEMAS, RECORD_TYPES, type Expected, type RecordType } from '../graph/schema';
import { parseCsv, typeFromFileName } from '../graph/import/csv';
import { err, ErrorList, TooManyErrors, type Loc } from '../graph/import/errors';
import { parseJson } from '../graph/import/json';
import { parseNdjson } from '../graph/import/ndjson';
import type { RawRecord } from '../graph/import/records';
import { Cancelled, checkedChunks, FileAbandoned } from '../graph/import/text';
import type { ImportError, ImportFile, ImportMode, ImportOptions, ImportProgress, ImportResult } from '../graph/import/types';

const ENTITY_BATCH = 2000;
/** Interaction blocks per write (20 × 500 = 10,000 interactions). */
const BLOCK_BATCH = 20;
const READ_BATCH = 10000;
const INPUT_BATCH = 5000;

type EntityType = Exclude<RecordType, 'interaction'>;
type RefKind = EntityType;

interface Input {
  name: string;
  records: (errors: ErrorList) => AsyncIterable<RawRecord[]>;
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

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) {
    const v = o[k];
    if (v === undefined) delete o[k];
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      clean(v as object);
      if (Object.keys(v as object).length === 0) delete o[k];
    }
  }
  return o;
}

const TYPE_ORDER: Record<RecordType, number> = { person: 0, topic: 1, account: 2, contact: 3, interaction: 4 };

function sortInputs(files: ImportFile[]): ImportFile[] {
  const rank = (f: ImportFile) => {
    if (!/\.(csv|tsv|txt)$/i.test(f.name)) return -1;
    const t = typeFromFileName(f.name);
    return t ? TYPE_ORDER[t] : 5;
  };
  return files.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

/**
 * Writes in flight per table. A write is started at once (IndexedDB runs
 * read-write transactions on the same store in the order they were created,
 * so later records still win), which lets the browser store one batch while
 * this side clones the next; reading waits while more are in flight.
 */
const MAX_IN_FLIGHT = 2;

interface WriteQueue {
  buf: unknown[];
  /** Writes started and not yet awaited, oldest first. */
  inFlight: Array<Promise<unknown>>;
}

class Importer {
  readonly errors = new ErrorList();
  readonly ids: Record<EntityType, Set<string>> = { person: new Set(), account: new Set(), contact: new Set(), topic: new Set() };
  private readonly emails = new Map<string, string>();
  private readonly pending = new Map<string, { loc: Loc; field: string; kind: RefKind; id: string }>();
  private readonly pendingOwners = new Map<string, { loc: Loc; field: string; email: string }>();
  /** First hash of every interaction id → its second hash (or SHARED): duplicates without keeping the ids. */
  private readonly interactionIdHashes = new Map<number, number>();
  private readonly suspectIds = new Set<string>();
  private readonly queues = new Map<string, WriteQueue>();
  private block: Interaction[] = [];
  /** Replace mode: the edges, accumulated while reading (released once written). */
  acc: EdgeAccumulator | null;
  interactions = 0;
  duplicates = 0;
  records = 0;
  edgesDirty = false;

  constructor(
    readonly stage: SlotTables,
    readonly mode: ImportMode,
    readonly live: SlotTables | null,
    readonly refTime: number,
  ) {
    this.acc = mode === 'replace' ? new EdgeAccumulator(refTime) : null;
  }

  // ------------------------------------------------------------ records

  add(raw: RawRecord, file: string): void {
    this.records++;
    const loc = (field?: string): Loc => {
      const column = field ? (raw.columns?.get(field) ?? raw.columns?.get(field.split('.')[0])) : undefined;
      return column ? { file, line: raw.line, column } : { file, line: raw.line };
    };
    const type = typeof raw.type === 'string' ? raw.type.trim() : raw.type;
    if (type === undefined || type === null || type === '') {
      this.errors.add(err.missing(loc('type'), 'type'));
      return;
    }
    if (!(RECORD_TYPES as readonly unknown[]).includes(type)) {
      this.errors.add(err.unknownType(loc('type'), type));
      return;
    }
    const t = type as RecordType;
    if (t === 'interaction') {
      const fast = fastInteraction(raw.value);
      if (fast) return this.addInteraction(fast, loc);
    }
    const parsed = RECORD_SCHEMAS[t].safeParse(raw.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) this.reportIssue(issue, raw, loc);
      return;
    }
    const rec = clean(parsed.data as Record<string, unknown>);
    switch (t) {
      case 'person':
        return this.addPerson(rec as unknown as Person, loc);
      case 'account':
        return this.addAccount(rec as unknown as Account, raw, loc);
      case 'contact':
        return this.addContact(rec as unknown as Contact, loc);
      case 'topic':
        return this.addTopic(rec as unknown as Topic);
      case 'interaction':
        return this.addInteraction(rec as unknown as Interaction, loc);
    }
  }

  private reportIssue(issue: { path: PropertyKey[]; message: string; code: string }, raw: RawRecord, loc: (f?: string) => Loc): void {
    const path = issue.path.map(String);
    const numeric = path.findIndex((p) => /^\d+$/.test(p));
    const fieldPath = numeric === -1 ? path : path.slice(0, numeric);
    const field = fieldPath.join('.') || '?';
    let value: unknown = raw.value;
    for (const p of fieldPath) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[p] : undefined;
    if (numeric !== -1) {
      const idx = Number(path[numeric]);
      const list = typeof value === 'string' ? value.split('|').map((s) => s.trim()).filter(Boolean) : Array.isArray(value) ? value : [value];
      value = list[idx];
    }
    const absent = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (absent) this.errors.add(err.missing(loc(field), field));
    else {
      const expected = (issue.message in EXPECTED_TEXT ? issue.message : 'text') as Expected;
      this.errors.add(err.invalid(loc(field), field, value, expected));
    }
  }

  private ref(kind: RefKind, id: string | undefined, field: string, loc: (f?: string) => Loc): void {
    if (id === undefined || this.ids[kind].has(id)) return;
    const key = `${kind}\u0000${id}`;
    if (!this.pending.has(key)) this.pending.set(key, { loc: loc(field), field, kind, id });
  }

  private entity(kind: EntityType, id: string): void {
    const set = this.ids[kind];
    if (set.has(id)) this.duplicates++;
    else set.add(id);
  }

  private addPerson(p: Person, loc: (f?: string) => Loc): void {
    this.entity('person', p.id);
    if (p.email) this.emails.set(p.email, p.id);
    this.ref('person', p.managerId, 'managerId', loc);
    for (const s of p.skills ?? []) this.ref('topic', s, 'skills', loc);
    this.push('people', p, ENTITY_BATCH);
  }

  private addAccount(a: Account, raw: RawRecord, loc: (f?: string) => Loc): void {
    this.entity('account', a.id);
    this.ref('person', a.ownerId, 'ownerId', loc);
    const ownerEmail = raw.value.ownerEmail;
    if (!a.ownerId && typeof ownerEmail === 'string' && ownerEmail.trim()) {
      const email = ownerEmail.trim().toLowerCase();
      const known = this.emails.get(email);
      if (known) a.ownerId = known;
      else this.pendingOwners.set(a.id, { loc: loc('ownerEmail'), field: 'ownerEmail', email });
    } else this.pendingOwners.delete(a.id);
    this.push('accounts', toStoredAccount(a), ENTITY_BATCH);
  }

  private addContact(c: Contact, loc: (f?: string) => Loc): void {
    this.entity('contact', c.id);
    this.ref('account', c.accountId, 'accountId', loc);
    this.push('contacts', toStoredContact(c), ENTITY_BATCH);
  }

  private addTopic(t: Topic): void {
    this.entity('topic', t.id);
    this.push('topics', toStoredTopic(t), ENTITY_BATCH);
  }

  private addInteraction(i: Interaction, loc: (f?: string) => Loc): void {
    if (!i.accountId && !i.contactId && !i.topicIds?.length) {
      this.errors.add(err.needsTarget(loc()));
      return;
    }
    this.ref('person', i.personId, 'personId', loc);
    this.ref('account', i.accountId, 'accountId', loc);
    this.ref('contact', i.contactId, 'contactId', loc);
    for (const tid of i.topicIds ?? []) this.ref('topic', tid, 'topicIds', loc);
    if (i.id !== undefined) {
      const h1 = hash30(i.id, SEED_A);
      const h2 = hash30(i.id, SEED_B);
      const known = this.interactionIdHashes.get(h1);
      if (known === undefined) this.interactionIdHashes.set(h1, h2);
      else if (known === h2 || known === SHARED) this.suspectIds.add(i.id);
      else this.interactionIdHashes.set(h1, SHARED);
    }
    this.interactions++;
    if (this.errors.any) return;
    this.acc?.add(i);
    this.block.push(i);
    if (this.block.length >= INTERACTION_BLOCK_SIZE) this.closeBlock();
  }

  private closeBlock(): void {
    if (!this.block.length) return;
    const block = makeBlock(this.block);
    this.block = [];
    this.push('interactions', block, BLOCK_BATCH);
  }

  // ------------------------------------------------------------ staged writes

  private push(table: (typeof SLOT_TABLE_NAMES)[number], rec: unknown, batch: number): void {
    if (this.errors.any) return; // nothing more is written once the import has failed
    let q = this.queues.get(table);
    if (!q) this.queues.set(table, (q = { buf: [], inFlight: [] }));
    q.buf.push(rec);
    if (q.buf.length >= batch) this.flush(table, q);
  }

  private flush(table: string, q: WriteQueue): void {
    const items = q.buf;
    q.buf = [];
    const t = (this.stage as unknown as Record<string, Table<unknown, unknown>>)[table];
    const write: Promise<unknown> = table === 'interactions' ? t.bulkAdd(items) : t.bulkPut(items);
    write.catch(() => undefined); // awaited (and its error reported) by drain()
    q.inFlight.push(write);
  }

  /** Back-pressure for the reader: at most MAX_IN_FLIGHT writes per table (all: flush and wait for everything). */
  async drain(all = false): Promise<void> {
    if (all && !this.errors.any) this.closeBlock();
    for (const [table, q] of this.queues) {
      if (all && q.buf.length && !this.errors.any) this.flush(table, q);
      const keep = all ? 0 : MAX_IN_FLIGHT;
      while (q.inFlight.length > keep) await q.inFlight.shift();
    }
  }

  // ------------------------------------------------------------ end of input

  /** Waits for every write in flight, whatever its outcome. */
  async settle(): Promise<void> {
    for (const q of this.queues.values()) await Promise.allSettled(q.inFlight.splice(0));
  }

  /** Resolves what could only be checked at the end; adds errors. */
  async resolve(): Promise<void> {
    await this.drain(true);
    // References to ids the import did not define: in merge mode the live graph may hold them.
    const unresolved = [...this.pending.values()].filter((p) => !this.ids[p.kind].has(p.id));
    if (unresolved.length && this.live) {
      const tableOf: Record<RefKind, Table<unknown, string>> = {
        person: this.live.people,
        account: this.live.accounts,
        contact: this.live.contacts,
        topic: this.live.topics,
      };
      const still: typeof unresolved = [];
      for (let i = 0; i < unresolved.length; i += READ_BATCH) {
        const part = unresolved.slice(i, i + READ_BATCH);
        const byKind = new Map<RefKind, typeof part>();
        for (const p of part) (byKind.get(p.kind) ?? byKind.set(p.kind, []).get(p.kind)!).push(p);
        for (const [kind, list] of byKind) {
          const found = await tableOf[kind].bulkGet(list.map((p) => p.id));
          list.forEach((p, j) => found[j] === undefined && still.push(p));
        }
      }
      unresolved.length = 0;
      unresolved.push(...still);
    }
    unresolved.sort((a, b) => (a.loc.file === b.loc.file ? a.loc.line - b.loc.line : 0));
    for (const p of unresolved) this.errors.add(err.unknownRef(p.loc, p.field, p.id, p.kind));

    // Owners given by email (CRM reports): the colleague with that email, in the import or (merge) the graph.
    const patches: Array<[string, string]> = [];
    for (const [accountId, o] of this.pendingOwners) {
      let personId = this.emails.get(o.email);
      if (!personId && this.live) personId = (await this.live.people.where('email').equals(o.email).first())?.id;
      if (personId) patches.push([accountId, personId]);
      else this.errors.add(err.unknownOwnerEmail(o.loc, o.field, o.email));
    }
    if (!this.errors.any && patches.length) {
      for (let i = 0; i < patches.length; i += ENTITY_BATCH) {
        const part = patches.slice(i, i + ENTITY_BATCH);
        const recs = await this.stage.accounts.bulkGet(part.map(([id]) => id));
        await this.stage.accounts.bulkPut(recs.flatMap((r, j) => (r ? [{ ...r, ownerId: part[j][1] }] : [])));
      }
    }
  }

  /** Interactions whose id came twice in this import: the later one wins. */
  async dedupeInteractions(): Promise<void> {
    if (!this.suspectIds.size) return;
    // Where each suspect id occurs (block key, position), in import order. A
    // suspect that occurs once was only a hash collision.
    const where = new Map<string, Array<[number, number]>>();
    await forEachBatch(this.stage.interactions, (blocks) => {
      for (const b of blocks) {
        blockItems(b).forEach((i, pos) => {
          if (i.id === undefined || !this.suspectIds.has(i.id)) return;
          (where.get(i.id) ?? where.set(i.id, []).get(i.id)!).push([b.key!, pos]);
        });
      }
    }, BLOCK_BATCH);
    const drop = new Map<number, Set<number>>();
    for (const places of where.values()) for (const [key, pos] of places.slice(0, -1)) (drop.get(key) ?? drop.set(key, new Set()).get(key)!).add(pos);
    if (!drop.size) return;
    let dropped = 0;
    const keys = [...drop.keys()];
    for (let i = 0; i < keys.length; i += BLOCK_BATCH) {
      const part = keys.slice(i, i + BLOCK_BATCH);
      const blocks = (await this.stage.interactions.bulkGet(part)).filter((b): b is InteractionBlock => b !== undefined);
      const put = blocks.map((b) => {
        const gone = drop.get(b.key!)!;
        dropped += gone.size;
        return makeBlock(blockItems(b).filter((_, pos) => !gone.has(pos)), b.key);
      });
      await this.stage.interactions.bulkPut(put);
    }
    this.duplicates += dropped;
    this.interactions -= dropped;
    this.edgesDirty = true;
  }

  /** Replace mode: the edges of the whole staged graph, built and written a batch at a time (one write in flight). */
  async writeEdges(): Promise<void> {
    let acc = this.acc!;
    this.acc = null;
    if (this.edgesDirty) {
      acc = new EdgeAccumulator(this.refTime);
      await forEachBatch(this.stage.interactions, (blocks) => {
        for (const b of blocks) acc.addAll(blockItems(b));
      }, BLOCK_BATCH);
    }
    const inFlight: Array<Promise<unknown>> = [];
    try {
      for (const batch of acc.batches(ENTITY_BATCH)) {
        const write = this.stage.edges.bulkPut(batch);
        write.catch(() => undefined);
        inFlight.push(write);
        while (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
      }
      while (inFlight.length) await inFlight.shift();
    } finally {
      await Promise.allSettled(inFlight);
    }
  }

  counts(): GraphCounts {
    return {
      people: this.ids.person.size,
      accounts: this.ids.account.size,
      contacts: this.ids.contact.size,
      topics: this.ids.topic.size,
      interactions: this.interactions,
    };
  }
}

async function clearSlot(t: SlotTables): Promise<void> {
  const tables = Object.values(t);
  await db.transaction('rw', tables, () => Promise.all(tables.map((x) => x.clear())));
}

/**
 * Copies the staged import into the live slot (merge mode), inside the
 * caller's transaction: entities upserted by id; interactions with an id
 * replace the stored one with that id; the edges of every entity whose
 * interactions changed are recomputed from all live interactions.
 * Returns the number of live interactions.
 */
async function mergeInto(live: SlotTables, stage: SlotTables, refTime: number): Promise<number> {
  const touched = new Map<string, EntityKind>();
  const touch = (i: Interaction) => {
    if (i.accountId) touched.set(i.accountId, 'account');
    if (i.contactId) touched.set(i.contactId, 'contact');
    for (const t of i.topicIds ?? []) touched.set(t, 'topic');
  };
  for (const name of ['people', 'accounts', 'contacts', 'topics'] as const) {
    const from = stage[name] as Table<unknown, string>;
    const to = live[name] as Table<unknown, string>;
    await forEachBatch(from, (batch) => to.bulkPut(batch).then(() => undefined), ENTITY_BATCH);
  }
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
        else del.push(b.key!);
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
  const acc = new EdgeAccumulator(refTime);
  let count = 0;
  await forEachBatch(live.interactions, (blocks) => {
    for (const b of blocks) {
      const items = blockItems(b);
      count += items.length;
      if (!touched.size) continue;
      for (const i of items) {
        if ((i.accountId && touched.has(i.accountId)) || (i.contactId && touched.has(i.contactId)) || i.topicIds?.some((t) => touched.has(t))) acc.add(i);
      }
    }
  }, BLOCK_BATCH);
  const fresh = new Map<string, EntityEdges>();
  for (const r of acc.records()) if (touched.get(r.entityId) === r.entityKind) fresh.set(r.entityId, r);
  const touchedIds = [...touched.keys()];
  for (let i = 0; i < touchedIds.length; i += ENTITY_BATCH) {
    const part = touchedIds.slice(i, i + ENTITY_BATCH);
    const put = part.flatMap((id) => (fresh.has(id) ? [fresh.get(id)!] : []));
    const del = part.filter((id) => !fresh.has(id));
    if (put.length) await live.edges.bulkPut(put);
    if (del.length) await live.edges.bulkDelete(del);
  }
  return count;
}

async function liveEntityCounts(t: SlotTables): Promise<Omit<GraphCounts, 'interactions'>> {
  const [people, accounts, contacts, topics] = await Promise.all([t.people.count(), t.accounts.count(), t.contacts.count(), t.topics.count()]);
  return { people, accounts, contacts, topics };
}

async function* emptyRecords(): AsyncGenerator<RawRecord[]> {}

/**
 * Imports graph files (JSON, NDJSON, CSV; several at once) all or nothing.
 * Replace mode makes the import the whole graph; merge mode upserts by id
 * (interactions with an `id` replace the one with that id).
 */
export function importGraph(files: ImportFile[], opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const bytesTotal = files.every((f) => typeof f.size === 'number') ? files.reduce((s, f) => s + (f.size ?? 0), 0) : undefined;
  let bytesRead = 0;
  const progress = new ProgressReporter(opts.onProgress, started, bytesTotal);
  const sorted = sortInputs(files);
  const inputs: Input[] = sorted.map((f) => ({
    name: f.name,
    records: (errors: ErrorList) => {
      if (!/\.(json|jsonl|ndjson|csv|tsv|txt)$/i.test(f.name)) {
        errors.add(err.unsupportedFile({ file: f.name, line: 0 }));
        return emptyRecords();
      }
      const chunks = checkedChunks(f.name, f.chunks, {
        errors,
        signal: opts.signal,
        onBytes: (n) => {
          bytesRead += n;
          progress.bytes(bytesRead, f.name);
        },
      });
      const name = f.name.toLowerCase();
      if (name.endsWith('.json')) return parseJson(f.name, chunks, errors);
      if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return parseNdjson(f.name, chunks, errors);
      return parseCsv(f.name, chunks, errors, opts.mappings?.[f.name]);
    },
  }));
  return runImport(inputs, opts, files.map((f) => f.name), started, progress);
}

/** Imports a graph held in memory (the demo generator's) through the same validation. */
export function importGraphObject(graph: Graph, opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const progress = new ProgressReporter(opts.onProgress, started, undefined);
  const parts: Array<[string, RecordType, readonly object[]]> = [
    ['people', 'person', graph.people ?? []],
    ['topics', 'topic', graph.topics ?? []],
    ['accounts', 'account', graph.accounts ?? []],
    ['contacts', 'contact', graph.contacts ?? []],
    ['interactions', 'interaction', graph.interactions ?? []],
  ];
  const inputs: Input[] = parts.map(([name, type, list]) => ({
    name: `graph.${name}`,
    records: async function* () {
      for (let i = 0; i < list.length; i += INPUT_BATCH) {
        if (opts.signal?.aborted) throw new Cancelled();
        yield list.slice(i, i + INPUT_BATCH).map((value, j) => ({ type, value: value as Record<string, unknown>, line: i + j + 1 }));
      }
    },
  }));
  return runImport(inputs, opts, [], started, progress);
}

/**
 * Imports a stream of typed records (`{ type: 'person', ...fields }`, the
 * NDJSON records as objects; e.g. the demo generator's generateDemoRecords())
 * through the same validation, without holding the graph in memory.
 */
export function importGraphRecords(
  records: Iterable<{ type: string }> | AsyncIterable<{ type: string }>,
  opts: ImportOptions & { name?: string } = {},
): Promise<ImportResult> {
  const started = Date.now();
  const progress = new ProgressReporter(opts.onProgress, started, undefined);
  const name = opts.name ?? 'records';
  const input: Input = {
    name,
    records: async function* () {
      let batch: RawRecord[] = [];
      let n = 0;
      for await (const r of records as AsyncIterable<{ type: string }>) {
        n++;
        batch.push({ type: r.type, value: r as unknown as Record<string, unknown>, line: n });
        if (batch.length >= INPUT_BATCH) {
          if (opts.signal?.aborted) throw new Cancelled();
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  };
  return runImport([input], opts, [], started, progress);
}

class ProgressReporter {
  private last = 0;
  records = 0;
  private bytesRead = 0;
  private file?: string;
  constructor(
    private readonly cb: ImportOptions['onProgress'],
    private readonly started: number,
    private readonly bytesTotal: number | undefined,
  ) {}
  bytes(n: number, file: string) {
    this.bytesRead = n;
    this.file = file;
  }
  emit(phase: ImportProgress['phase'], force = false) {
    if (!this.cb) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const elapsedMs = now - this.started;
    const p: ImportProgress = { phase, records: this.records, bytesRead: this.bytesRead, elapsedMs };
    if (this.file) p.file = this.file;
    if (this.bytesTotal !== undefined) {
      p.bytesTotal = this.bytesTotal;
      p.fraction = this.bytesTotal > 0 ? Math.min(1, this.bytesRead / this.bytesTotal) : 1;
      if (phase === 'reading' && this.bytesRead > 0 && elapsedMs > 200) {
        p.etaMs = Math.round((elapsedMs * Math.max(0, this.bytesTotal - this.bytesRead)) / this.bytesRead);
      }
    }
    try {
      this.cb(p);
    } catch {
      /* a failing progress callback must not break the import */
    }
  }
}

function runImport(inputs: Input[], opts: ImportOptions, fileNames: string[], started: number, progress: ProgressReporter): Promise<ImportResult> {
  const mode: ImportMode = opts.mode ?? 'replace';
  return withGraphWriteLock(async (): Promise<ImportResult> => {
    if (!db.isOpen()) await db.open();
    const liveSlot: Slot = db.slot;
    const stageSlot: Slot = liveSlot === 'a' ? 'b' : 'a';
    const live = db.tablesOf(liveSlot);
    const stage = db.tablesOf(stageSlot);
    await clearSlot(stage);
    const imp = new Importer(stage, mode, mode === 'merge' ? live : null, started);
    let committed = false;
    try {
      progress.emit('reading', true);
      for (const input of inputs) {
        try {
          for await (const batch of input.records(imp.errors)) {
            if (opts.signal?.aborted) throw new Cancelled();
            for (const r of batch) imp.add(r, input.name);
            progress.records = imp.records;
            progress.emit('reading');
            await imp.drain();
          }
        } catch (e) {
          if (!(e instanceof FileAbandoned)) throw e;
        }
      }
      progress.emit('checking', true);
      await imp.resolve();
      if (!imp.errors.any && imp.records === 0) imp.errors.add(err.empty({ file: fileNames.join(', ') || 'graph', line: 0 }));
      if (imp.errors.any) return failed(imp.errors.items);
      if (opts.signal?.aborted) throw new Cancelled();
      await imp.dedupeInteractions();
      progress.emit('writing', true);
      const meta: GraphMeta = {
        source: opts.source ?? 'import',
        loadedAt: new Date().toISOString(),
        counts: imp.counts(),
        revision: newRevision(),
      };
      if (fileNames.length) meta.files = fileNames;
      if (mode === 'replace') {
        await imp.writeEdges();
        if (opts.signal?.aborted) throw new Cancelled();
        // The flip: one small transaction makes the staged slot the live one.
        await db.transaction('rw', db.meta, async () => {
          await db.meta.put({ key: META_SLOT, value: stageSlot });
          await db.meta.put({ key: META_GRAPH, value: meta });
        });
        db.slot = stageSlot;
        committed = true;
      } else {
        if (opts.signal?.aborted) throw new Cancelled();
        await db.transaction('rw', [...Object.values(live), ...Object.values(stage), db.meta], async () => {
          const interactions = await mergeInto(live, stage, started);
          meta.counts = { ...(await liveEntityCounts(live)), interactions };
          await db.meta.put({ key: META_GRAPH, value: meta });
        });
        committed = true;
      }
      progress.emit('done', true);
      notifyGraphChanged(meta);
      return { ok: true, counts: meta.counts, duplicates: imp.duplicates, meta };
    } catch (e) {
      if (e instanceof Cancelled) return { ok: false, cancelled: true };
      if (e instanceof TooManyErrors) return failed(imp.errors.items);
      const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return failed([...imp.errors.items, err.writeFailed({ file: fileNames.join(', ') || 'graph', line: 0 }, detail)].slice(0, 20));
    } finally {
      // Whatever is now inactive (the old graph after a flip, or a failed or merged staging) is dropped.
      await imp.drain(false).catch(() => undefined);
      await imp.settle();
      await clearSlot(committed && mode === 'replace' ? live : stage).catch(() => undefined);
    }
  });
}

function failed(errors: ImportError[]): ImportResult {
  return { ok: false, errors };
}
