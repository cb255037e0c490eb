/**
 * The company graph in IndexedDB (Dexie 4). BACKGROUND ONLY: never import
 * this from a content script or an extension page.
 *
 * The graph tables exist twice ("slots" a and b, see store.design.md): the
 * live slot is named in `meta['slot']`; an import writes the other slot and
 * then flips the pointer in one transaction, so readers never see half a
 * graph. Use the query functions below (they resolve the live slot), or
 * liveTables() for the live slot's tables.
 */
import Dexie, { type Table } from 'dexie';
import type { EntityEdges } from '../ranking/aggregate';
import { columnsToEdges, contactColumnsOf, edgesToColumns, isNestedEdges, ownNested, type EdgeColumns, type StoredEdges } from '../ranking/columns';
import { foldContactEdges } from './upgrade-4';
import { GraphUnavailableError, unavailable } from './open-error';
import { notifyGraphChanged, withGraphWriteLock } from './graph-events';
import type { Account, Contact, EntityKind, GraphCounts, GraphMeta, Interaction, Person, Topic } from '../graph/model';
import {
  domainCandidates,
  externalIdLookupKeys,
  fromStoredAccount,
  fromStoredContact,
  fromStoredTopic,
  type StoredAccount,
  type StoredContact,
  blockItems,
  type InteractionBlock,
  type StoredPerson,
  type StoredTopic,
} from './keys';

export type Slot = 'a' | 'b';
export const SLOTS: readonly Slot[] = ['a', 'b'];

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface SlotTables {
  people: Table<StoredPerson, string>;
  accounts: Table<StoredAccount, string>;
  contacts: Table<StoredContact, string>;
  topics: Table<StoredTopic, string>;
  /** Blocks of interactions, in import order (no secondary indexes: see store.design.md). */
  interactions: Table<InteractionBlock, number>;
  /**
   * Per entity its evidence as columns (older versions stored `EntityEdges`; both are read). Since
   * schema 4 a contact with an account has no record: its evidence is inside its account's (`StoredEdges`).
   */
  edges: Table<StoredEdges, string>;
}
export const SLOT_TABLE_NAMES = ['people', 'accounts', 'contacts', 'topics', 'interactions', 'edges'] as const;

/** The tables of a slot, as a list (for transactions). */
export function slotTableList(t: SlotTables): Array<SlotTables[(typeof SLOT_TABLE_NAMES)[number]]> {
  return SLOT_TABLE_NAMES.map((name) => t[name]);
}

/** Version 1 of the schema of one slot; later versions add a `version(n)` below with an upgrade. */
function slotSchema(s: Slot): Record<string, string> {
  return {
    [`people_${s}`]: 'id, email',
    [`accounts_${s}`]: 'id, *nameKeys, *domains, *extKeys',
    [`contacts_${s}`]: 'id, email, accountId, *nameKeys',
    [`topics_${s}`]: 'id, *nameKeys',
    [`interactions_${s}`]: '++key',
    [`edges_${s}`]: 'entityId',
  };
}

class GraphDb extends Dexie {
  meta!: Table<MetaRow, string>;
  /** The live slot (valid once the database is open). */
  slot: Slot = 'a';

  constructor(name = 'kenner-graph') {
    // Relaxed durability (Chromium): commits do not wait for an fsync. The graph
    // can always be imported again, and writes still land in order, so the slot
    // flip is never persisted ahead of the data it points at.
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({ ...slotSchema('a'), ...slotSchema('b'), meta: 'key' });
    // Version 2: colleagues indexed by skill (topic expertise reads who lists a topic). IndexedDB
    // builds the new index over the stored records itself; no record changes.
    this.version(2).stores({ people_a: 'id, email, *skills', people_b: 'id, email, *skills' });
    // Version 3: evidence as typed-array columns (utils/ranking/columns.ts) instead of nested objects.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        for (const slot of SLOTS) {
          await tx
            .table(`edges_${slot}`)
            .toCollection()
            .modify((rec: EdgeColumns | EntityEdges, ref: { value: unknown }) => {
              if (isNestedEdges(rec)) ref.value = edgesToColumns(rec);
            });
        }
      });
    // Version 4: a contact's evidence inside its account's record (store.design.md, "Contacts in their account's record").
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        for (const slot of SLOTS) await foldContactEdges(tx.table<StoredEdges, string>(`edges_${slot}`), tx.table<StoredContact, string>(`contacts_${slot}`));
      });
    // Migration policy (store.design.md): bump the version, keep every table
    // declared, and transform records in .upgrade(tx => ...) for both slots.
    this.on(
      'ready',
      (vip: Dexie) =>
        vip
          .table('meta')
          .get('slot')
          .then((row?: MetaRow) => {
            this.slot = row?.value === 'b' ? 'b' : 'a';
          }),
      true,
    );
  }

  /** The last failed open and how long its error stands before an open tries again (doubling, see `open`). */
  private failure: { at: number; waitMs: number; err: GraphUnavailableError } | null = null;

  /**
   * Opens the database, or says why not (GraphUnavailableError; nothing stored changed). After a failure
   * the opens of the next 10 s (doubling with each failure, up to 10 min) fail at once with the same
   * error: every page report and keystroke opens, and a failing upgrade may take many seconds each time.
   */
  override open() {
    const f = this.failure;
    if (f && Date.now() - f.at < f.waitMs) return Dexie.Promise.reject(f.err);
    return super.open().then(
      (opened) => {
        this.failure = null;
        return opened;
      },
      (err: unknown) => {
        const e = unavailable(err);
        this.failure = { at: Date.now(), waitMs: Math.min(600_000, f ? f.waitMs * 2 : 10_000), err: e };
        throw e;
      },
    );
  }

  /** Deletes the database (clearGraph) and forgets a failed open. */
  async deleteAndForget(): Promise<void> {
    await this.delete({ disableAutoOpen: false });
    this.failure = null;
  }

  tablesOf(slot: Slot): SlotTables {
    return {
      people: this.table(`people_${slot}`),
      accounts: this.table(`accounts_${slot}`),
      contacts: this.table(`contacts_${slot}`),
      topics: this.table(`topics_${slot}`),
      interactions: this.table(`interactions_${slot}`),
      edges: this.table(`edges_${slot}`),
    };
  }
}

export const db = new GraphDb();

/** Opens the database (once) and returns the tables of the live slot. */
export async function liveTables(): Promise<SlotTables> {
  if (!db.isOpen()) await db.open();
  return db.tablesOf(db.slot);
}

export const META_GRAPH = 'graph';
export const META_SLOT = 'slot';

export const EMPTY_COUNTS: GraphCounts = { people: 0, accounts: 0, contacts: 0, topics: 0, interactions: 0 };

export { notifyGraphChanged, onGraphChanged, withGraphWriteLock } from './graph-events';

// ---------------------------------------------------------------- queries

export async function getGraphMeta(): Promise<GraphMeta | null> {
  if (!db.isOpen()) await db.open();
  const row = await db.meta.get(META_GRAPH);
  return (row?.value as GraphMeta | undefined) ?? null;
}

const present = <T>(x: T | undefined): x is T => x !== undefined;

export async function getPeople(ids: string[]): Promise<Person[]> {
  const t = await liveTables();
  return (await t.people.bulkGet(ids)).filter(present);
}

/** Ids of the colleagues who list this topic among their skills. */
export async function getSkilledPeopleIds(topicId: string): Promise<string[]> {
  const t = await liveTables();
  return t.people.where('skills').equals(topicId).primaryKeys();
}

export async function getAllPeople(): Promise<Person[]> {
  const t = await liveTables();
  return t.people.toArray();
}

/** Every topic (id and label), for choosing one ("ask me about"). */
export async function getAllTopics(): Promise<Array<{ id: string; name: string }>> {
  const t = await liveTables();
  return (await t.topics.toArray()).map((x) => ({ id: x.id, name: x.label }));
}

/** A colleague by email (case-insensitive). */
export async function findPersonByEmail(email: string): Promise<Person | undefined> {
  const t = await liveTables();
  return t.people.where('email').equals(email.trim().toLowerCase()).first();
}

export async function getAccounts(ids: string[]): Promise<Account[]> {
  const t = await liveTables();
  return (await t.accounts.bulkGet(ids)).filter(present).map(fromStoredAccount);
}

export async function getContacts(ids: string[]): Promise<Contact[]> {
  const t = await liveTables();
  return (await t.contacts.bulkGet(ids)).filter(present).map(fromStoredContact);
}

export async function getTopics(ids: string[]): Promise<Topic[]> {
  const t = await liveTables();
  return (await t.topics.bulkGet(ids)).filter(present).map(fromStoredTopic);
}

/** The aggregated evidence of these entities (those that have any), as nested records; a contact's is found in its account's record. */
export async function getEdges(entityIds: string[]): Promise<EntityEdges[]> {
  const t = await liveTables();
  return db.transaction('r', [t.edges, t.contacts], async () => {
    const recs = await t.edges.bulkGet(entityIds);
    const found = new Map<string, EntityEdges>();
    recs.forEach((r) => {
      const own = r && ownNested(r);
      if (own) found.set(own.entityId, own);
    });
    const missing = [...new Set(entityIds.filter((id) => !found.has(id)))];
    const contactsRows = await t.contacts.bulkGet(missing);
    const accountIds = [...new Set(contactsRows.flatMap((c) => c?.accountId ?? []))];
    const records = new Map((await t.edges.bulkGet(accountIds)).flatMap((r) => (r ? [[r.entityId, r] as const] : [])));
    missing.forEach((id, k) => {
      const r = records.get(contactsRows[k]?.accountId ?? '');
      const c = r && contactColumnsOf(r, id);
      if (c) found.set(id, columnsToEdges(c));
    });
    return entityIds.flatMap((id) => found.get(id) ?? []);
  });
}

/**
 * The account with this id in an external system ("salesforce", "hubspot",
 * "dynamics", "zendesk", "freshdesk"). Salesforce ids match in their 15- and
 * 18-character forms.
 */
export async function findAccountByExternalId(system: string, id: string): Promise<Account | undefined> {
  if (!id) return undefined;
  const t = await liveTables();
  for (const key of externalIdLookupKeys(system, id)) {
    const hit = await t.accounts.where('extKeys').equals(key).first();
    if (hit) return fromStoredAccount(hit);
  }
  return undefined;
}

/** Accounts with this email or web domain, else with its nearest parent domain (eu.acme.com → acme.com). */
export async function findAccountsByDomain(domain: string): Promise<Account[]> {
  const t = await liveTables();
  for (const d of domainCandidates(domain)) {
    const hits = await t.accounts.where('domains').equals(d).toArray();
    if (hits.length) return hits.map(fromStoredAccount);
  }
  return [];
}

export async function findContactByEmail(email: string): Promise<Contact | undefined> {
  const t = await liveTables();
  const hit = await t.contacts.where('email').equals(email.trim().toLowerCase()).first();
  return hit && fromStoredContact(hit);
}

/** Entities of one kind known under a name key (a key from nameKeys()/normalizeKey()). */
export function findByNameKey(kind: 'account', key: string): Promise<Account[]>;
export function findByNameKey(kind: 'contact', key: string): Promise<Contact[]>;
export function findByNameKey(kind: 'topic', key: string): Promise<Topic[]>;
export function findByNameKey(kind: EntityKind, key: string): Promise<Array<Account | Contact | Topic>>;
export async function findByNameKey(kind: EntityKind, key: string): Promise<Array<Account | Contact | Topic>> {
  const t = await liveTables();
  if (kind === 'account') return (await t.accounts.where('nameKeys').equals(key).toArray()).map(fromStoredAccount);
  if (kind === 'contact') return (await t.contacts.where('nameKeys').equals(key).toArray()).map(fromStoredContact);
  return (await t.topics.where('nameKeys').equals(key).toArray()).map(fromStoredTopic);
}

export async function getContactsOfAccount(accountId: string): Promise<Contact[]> {
  const t = await liveTables();
  return (await t.contacts.where('accountId').equals(accountId).toArray()).map(fromStoredContact);
}

/** Reads a table in primary-key order, a batch at a time (also inside a transaction). */
export async function forEachBatch<T, K extends string | number>(table: Table<T, K>, fn: (batch: T[]) => void | Promise<void>, size = 10_000): Promise<void> {
  let last: K | undefined;
  for (;;) {
    const coll = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const keys = await coll.limit(size).primaryKeys();
    if (!keys.length) return;
    const batch = (await table.bulkGet(keys)).filter((x): x is T => x !== undefined);
    await fn(batch);
    last = keys[keys.length - 1];
    if (keys.length < size) return;
  }
}

/**
 * Every interaction of the live graph, in import order, a block at a time
 * (never all in memory). For whole-graph passes: export, recomputing edges.
 */
export async function forEachInteraction(fn: (items: Interaction[]) => void | Promise<void>): Promise<void> {
  const t = await liveTables();
  await forEachBatch(t.interactions, async (blocks) => {
    for (const b of blocks) await fn(blockItems(b));
  }, 20);
}

export interface DictionarySource {
  accounts: Account[];
  contacts: Contact[];
  topics: Topic[];
  people: Pick<Person, 'id' | 'name' | 'email' | 'discoverable'>[];
}

/** Everything the spotting dictionary is built from, read in one consistent snapshot. */
export async function readDictionarySource(): Promise<DictionarySource> {
  const t = await liveTables();
  return db.transaction('r', [t.accounts, t.contacts, t.topics, t.people], async () => {
    const [accounts, contacts, topics, people] = await Promise.all([
      t.accounts.toArray(),
      t.contacts.toArray(),
      t.topics.toArray(),
      t.people.toArray(),
    ]);
    return {
      accounts: accounts.map(fromStoredAccount),
      contacts: contacts.map(fromStoredContact),
      topics: topics.map(fromStoredTopic),
      people: people.map((p) => {
        const out: Pick<Person, 'id' | 'name' | 'email' | 'discoverable'> = { id: p.id, name: p.name };
        if (p.email !== undefined) out.email = p.email;
        if (p.discoverable !== undefined) out.discoverable = p.discoverable;
        return out;
      }),
    };
  });
}

/** Deletes the whole graph, both slots and meta. Listeners hear of it with source "none". */
export async function clearGraph(): Promise<void> {
  await withGraphWriteLock(async () => {
    // A graph that cannot be opened (its upgrade failed) is deleted whole: what the user asked for.
    if (!db.isOpen()) await db.open().catch(async (err: unknown) => {
      if (!(err instanceof GraphUnavailableError)) throw err;
      await db.deleteAndForget();
      await db.open();
    });
    const tables = [...SLOTS.flatMap((s) => slotTableList(db.tablesOf(s))), db.meta];
    await db.transaction('rw', tables, async () => {
      await Promise.all(tables.map((tb) => tb.clear()));
    });
    db.slot = 'a';
  });
  notifyGraphChanged({ source: 'none', loadedAt: new Date().toISOString(), counts: { ...EMPTY_COUNTS }, revision: newRevision() });
}

export function newRevision(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
