/**
 * Staging of one import: checked records (utils/graph/import/check.ts) are
 * buffered and written in batches into `stage_<table>`, which nobody reads.
 * Each batch is one statement over a JSON array (jsonb_array_elements), the
 * same on PGlite and PostgreSQL; later records with an id already staged
 * replace it, as in the extension's importer. Interactions carry their
 * position in the input (`seq`) and their contribution at the graph's
 * reference time (utils/ranking/aggregate.ts `contribution`), so evidence is
 * summed in input order exactly as the extension sums it.
 */
import { sql } from 'kysely';
import type { Account, Contact, Interaction, Person, Topic } from '../../utils/graph/model';
import type { RecordSink } from '../../utils/graph/import/check';
import { contribution } from '../../utils/ranking/aggregate';
import type { Db } from '../db/database';
import { createRefsTable, dropRefsTable } from './references';

/** Records per statement: about 1–2 MB of JSON. */
const BATCH = 4000;

export const GRAPH_TABLES = ['people', 'accounts', 'contacts', 'topics', 'interactions', 'evidence'] as const;
export type GraphTable = (typeof GRAPH_TABLES)[number];

/**
 * Drops and re-creates the staging tables like the live ones (columns, defaults, constraints)
 * with their unique indexes (the load's upserts by id need them); `indexStaging` builds the
 * others once the tables are filled, which is faster than keeping them up to date through
 * millions of inserts.
 */
export async function createStaging(db: Db): Promise<void> {
  for (const t of GRAPH_TABLES) {
    await sql`DROP TABLE IF EXISTS ${sql.table(`stage_${t}`)}`.execute(db);
    await sql`CREATE TABLE ${sql.table(`stage_${t}`)} (LIKE ${sql.table(t)} INCLUDING ALL EXCLUDING INDEXES)`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS stage_deletions`.execute(db);
  await sql`CREATE TABLE stage_deletions (kind text NOT NULL, id text COLLATE "C" NOT NULL, PRIMARY KEY (kind, id))`.execute(db);
  await createRefsTable(db);
  await indexStaging(db, true);
}

/** A merge's deletions by id (`kind`: person, account, contact, topic, interaction): applied by commitMerge. */
export async function stageDeletions(db: Db, deletes: ReadonlyArray<{ type: string; id: string }>): Promise<void> {
  for (let k = 0; k < deletes.length; k += BATCH) {
    const json = JSON.stringify(deletes.slice(k, k + BATCH).map((d) => ({ k: d.type, i: d.id })));
    await sql`INSERT INTO stage_deletions (kind, id) SELECT u.k, u.i FROM jsonb_to_recordset(${json}::jsonb) AS u(k text, i text)
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

/**
 * Gives each staged table the live table's indexes, unique ones (primary keys included) or the
 * others: the same definitions, so a later migration's indexes follow; named `stage_<live name>`,
 * renamed at the switch.
 */
export async function indexStaging(db: Db, unique = false): Promise<void> {
  for (const t of GRAPH_TABLES) {
    const defs = await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = ${t} ORDER BY indexname`.execute(db);
    const pk = await sql<{ conname: string }>`SELECT c.conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
      WHERE r.relname = ${t} AND r.relnamespace = current_schema()::regnamespace AND c.contype = 'p'`.execute(db);
    for (const d of defs.rows) {
      const m = /^CREATE (UNIQUE )?INDEX (\S+) ON (\S+) (.*)$/.exec(d.indexdef);
      if (!m) throw new Error(`Unexpected index definition: ${d.indexdef}`);
      if (!!m[1] !== unique) continue;
      await sql.raw(`CREATE ${m[1] ?? ''}INDEX stage_${d.indexname} ON stage_${t} ${m[4]}`).execute(db);
      if (pk.rows.some((p) => p.conname === d.indexname)) {
        await sql.raw(`ALTER TABLE stage_${t} ADD CONSTRAINT stage_${d.indexname} PRIMARY KEY USING INDEX stage_${d.indexname}`).execute(db);
      }
    }
  }
}

export async function dropStaging(db: Db): Promise<void> {
  for (const t of GRAPH_TABLES) await sql`DROP TABLE IF EXISTS ${sql.table(`stage_${t}`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS stage_deletions`.execute(db);
  await dropRefsTable(db);
}

type Row = Record<string, unknown>;

const INSERTS: Record<Exclude<GraphTable, 'evidence'>, (json: string) => ReturnType<typeof sql>> = {
  people: (json) => sql`INSERT INTO stage_people (id, name, email, discoverable, country, department, location, skills, record)
    SELECT r->>'id', r->>'name', lower(r->>'email'), COALESCE((r->>'discoverable')::boolean, true), r->>'country', r->>'department', r->>'location',
      ARRAY(SELECT jsonb_array_elements_text(COALESCE(r->'skills', '[]'))), r
    FROM jsonb_array_elements(${json}::jsonb) AS r
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, discoverable = excluded.discoverable, country = excluded.country,
      department = excluded.department, location = excluded.location, skills = excluded.skills, record = excluded.record`,
  accounts: (json) => sql`INSERT INTO stage_accounts (id, name, record)
    SELECT r->>'id', r->>'name', r FROM jsonb_array_elements(${json}::jsonb) AS r
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, record = excluded.record`,
  contacts: (json) => sql`INSERT INTO stage_contacts (id, name, email, account_id, record)
    SELECT r->>'id', r->>'name', lower(r->>'email'), r->>'accountId', r FROM jsonb_array_elements(${json}::jsonb) AS r
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, account_id = excluded.account_id, record = excluded.record`,
  topics: (json) => sql`INSERT INTO stage_topics (id, label, record)
    SELECT r->>'id', r->>'label', r FROM jsonb_array_elements(${json}::jsonb) AS r
    ON CONFLICT (id) DO UPDATE SET label = excluded.label, record = excluded.record`,
  interactions: (json) => sql`INSERT INTO stage_interactions (seq, id, person_id, kind, day, n, d1, d5, one_way, account_id, contact_id, topic_ids, record)
    SELECT u.seq, u.r->>'id', u.r->>'personId', u.r->>'kind', u.day, u.n, u.d1, u.d5, u.ow, u.r->>'accountId', u.r->>'contactId',
      ARRAY(SELECT jsonb_array_elements_text(COALESCE(u.r->'topicIds', '[]'))), u.r
    FROM jsonb_to_recordset(${json}::jsonb) AS u(seq bigint, day text, n float8, d1 float8, d5 float8, ow float8, r jsonb)
    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, person_id = excluded.person_id, kind = excluded.kind, day = excluded.day, n = excluded.n,
      d1 = excluded.d1, d5 = excluded.d5, one_way = excluded.one_way, account_id = excluded.account_id, contact_id = excluded.contact_id,
      topic_ids = excluded.topic_ids, record = excluded.record`,
};

/** Buffers checked records and writes them in batches (awaited by `drain`, so memory stays bounded). */
export class PgStaging implements RecordSink {
  private readonly buffers: Record<Exclude<GraphTable, 'evidence'>, Map<string, Row> | Row[]> = {
    people: new Map(),
    accounts: new Map(),
    contacts: new Map(),
    topics: new Map(),
    interactions: [],
  };
  private seq: number;
  /** Interactions handed over (before later ones with the same id replaced earlier ones). */
  staged = 0;

  constructor(
    private readonly db: Db,
    private readonly refTime: number,
    /** Stop writing (an error was found: nothing of this import will be kept). */
    private readonly stopped: () => boolean,
    firstSeq = 1,
  ) {
    this.seq = firstSeq;
  }

  get interactions(): number {
    return this.staged;
  }

  person(p: Person): void {
    this.keep('people', p.id, p);
  }
  account(a: Account): void {
    this.keep('accounts', a.id, a);
  }
  contact(c: Contact): void {
    this.keep('contacts', c.id, c);
  }
  topic(t: Topic): void {
    this.keep('topics', t.id, t);
  }
  interaction(i: Interaction): void {
    this.staged++;
    const seq = this.seq++;
    if (this.stopped()) return;
    const c = contribution(i, this.refTime);
    (this.buffers.interactions as Row[]).push({ seq, day: i.date.slice(0, 10), n: c.count, d1: c.d1, d5: c.d5, ow: c.oneWay, r: i });
  }

  /**
   * People, accounts, contacts and topics are staged even after an error: the reference checks
   * (references.ts) read their ids from these tables, and must name the same unknown ids as the
   * extension does for the whole input.
   */
  private keep(table: 'people' | 'accounts' | 'contacts' | 'topics', id: string, r: object): void {
    const m = this.buffers[table] as Map<string, Row>;
    // A later record with the same id wins; deleting first keeps input order.
    m.delete(id);
    m.set(id, r as Row);
  }

  /** Writes full buffers (all of them with `all`); waits for the writes. Throws the first write error. */
  async drain(all = false): Promise<void> {
    for (const table of Object.keys(this.buffers) as Array<keyof PgStaging['buffers']>) {
      const buf = this.buffers[table];
      const size = buf instanceof Map ? buf.size : buf.length;
      if (!size || (!all && size < BATCH)) continue;
      const rows = buf instanceof Map ? [...buf.values()] : lastById(buf);
      this.buffers[table] = buf instanceof Map ? new Map() : [];
      if (table === 'interactions' && this.stopped()) continue;
      for (let k = 0; k < rows.length; k += BATCH) {
        const json = JSON.stringify(rows.slice(k, k + BATCH));
        await INSERTS[table](json).execute(this.db);
      }
    }
  }

  /** Owners found by email at the end (CRM reports): patched into the staged accounts. */
  async patchOwners(patches: Array<[string, string]>): Promise<void> {
    for (let k = 0; k < patches.length; k += BATCH) {
      const json = JSON.stringify(patches.slice(k, k + BATCH).map(([a, p]) => ({ a, p })));
      await sql`UPDATE stage_accounts s SET record = jsonb_set(s.record, '{ownerId}', to_jsonb(u.p))
        FROM jsonb_to_recordset(${json}::jsonb) AS u(a text, p text) WHERE s.id = u.a`.execute(this.db);
    }
  }

  /** Interactions kept (later ones with the same id replaced earlier ones). */
  async storedInteractions(): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stage_interactions`.execute(this.db);
    return r.rows[0].n;
  }
}

/** Interactions of one batch, a later one with the same id replacing the earlier (one statement may not update a row twice). */
function lastById(rows: Row[]): Row[] {
  const at = new Map<string, number>();
  rows.forEach((row, k) => {
    const id = (row.r as Interaction).id;
    if (id !== undefined) at.set(id, k);
  });
  if (!at.size) return rows;
  return rows.filter((row, k) => {
    const id = (row.r as Interaction).id;
    return id === undefined || at.get(id) === k;
  });
}
