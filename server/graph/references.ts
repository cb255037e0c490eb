/**
 * The import's reference checks in SQL (server.design.md, "Import memory"):
 * the shared checker (utils/graph/import/references.ts) keeps every id an
 * import defines in memory, which grew with the file (1.5 million ids at the
 * issue's scale). Here the ids are the staged records themselves, and a
 * reference is written to `stage_refs` (kind, id, its first place: reading
 * order, file, line, column, field) only when no staged record defines its id
 * yet; at the end one anti-join against the staged (and, merging, the live)
 * tables names those nothing defines, in reading order, with the extension's
 * error for each. Memory holds one batch of references.
 * Owners given by email stay the shared checker's (a map of colleagues' emails).
 */
import { sql } from 'kysely';
import { err, MAX_ERRORS, type ErrorList } from '../../utils/graph/import/errors';
import { References, type LiveIds, type RefKind } from '../../utils/graph/import/references';
import type { Locate } from '../../utils/graph/import/validate';
import type { Db } from '../db/database';

/** References per statement. */
const BATCH = 8000;

const STAGED: Record<RefKind, string> = { person: 'stage_people', account: 'stage_accounts', contact: 'stage_contacts', topic: 'stage_topics' };
const LIVE: Record<RefKind, string> = { person: 'people', account: 'accounts', contact: 'contacts', topic: 'topics' };

/** Whether the row `r` (kind, id) is defined in the tables of `tables`. */
function definedIn(tables: Record<RefKind, string>) {
  const has = (k: RefKind) => sql`EXISTS (SELECT 1 FROM ${sql.table(tables[k])} d WHERE d.id = r.id)`;
  return sql`CASE r.kind WHEN 'person' THEN ${has('person')} WHEN 'account' THEN ${has('account')} WHEN 'contact' THEN ${has('contact')} ELSE ${has('topic')} END`;
}

export async function createRefsTable(db: Db): Promise<void> {
  await sql`DROP TABLE IF EXISTS stage_refs`.execute(db);
  await sql`CREATE TABLE stage_refs (kind text NOT NULL, id text COLLATE "C" NOT NULL, seq bigint NOT NULL, file text NOT NULL,
    line int NOT NULL, col int, field text NOT NULL, PRIMARY KEY (kind, id))`.execute(db);
}

export async function dropRefsTable(db: Db): Promise<void> {
  await sql`DROP TABLE IF EXISTS stage_refs`.execute(db);
}

interface RefRow {
  kind: RefKind;
  id: string;
  seq: number;
  file: string;
  line: number;
  col: number | null;
  field: string;
}

export class SqlReferences extends References {
  private readonly defines: Record<RefKind, number> = { person: 0, account: 0, contact: 0, topic: 0 };
  private readonly counted: Record<RefKind, number> = { person: 0, account: 0, contact: 0, topic: 0 };
  /** This batch's references, each (kind, id) at its first place. */
  private batch = new Map<string, RefRow>();
  private seq = 0;

  constructor(private readonly db: Db) {
    super();
  }

  override define(kind: RefKind, id: string): void {
    void id;
    this.defines[kind]++;
  }

  override defined(kind: RefKind): number {
    return this.counted[kind];
  }

  override ref(kind: RefKind, id: string | undefined, field: string, loc: Locate): void {
    if (id === undefined) return;
    const key = `${kind}\u0000${id}`;
    if (this.batch.has(key)) return;
    const l = loc(field);
    this.batch.set(key, { kind, id, seq: ++this.seq, file: l.file, line: l.line, col: l.column ?? null, field });
  }

  /**
   * Writes a full batch (any with `all`) of references whose ids no staged record defines yet
   * (the staging's batches are written first, so most are). The first place of each is kept.
   */
  async drain(all = false): Promise<void> {
    if (!this.batch.size || (!all && this.batch.size < BATCH)) return;
    const json = JSON.stringify([...this.batch.values()]);
    this.batch = new Map();
    await sql`INSERT INTO stage_refs (kind, id, seq, file, line, col, field)
      SELECT r.kind, r.id, r.seq, r.file, r.line, r.col, r.field
      FROM jsonb_to_recordset(${json}::jsonb) AS r(kind text, id text, seq bigint, file text, line int, col int, field text)
      WHERE NOT ${definedIn(STAGED)}
      ON CONFLICT (kind, id) DO NOTHING`.execute(this.db);
  }

  /** References nothing defines (the first MAX_ERRORS: no more are reported), counts and duplicates from the staged tables. */
  protected override async reportUnknown(live: LiveIds | null, errors: ErrorList): Promise<void> {
    await this.drain(true);
    const r = await sql<Record<RefKind, number>>`SELECT (SELECT count(*) FROM stage_people)::int AS person, (SELECT count(*) FROM stage_accounts)::int AS account,
      (SELECT count(*) FROM stage_contacts)::int AS contact, (SELECT count(*) FROM stage_topics)::int AS topic`.execute(this.db);
    for (const k of Object.keys(this.counted) as RefKind[]) this.counted[k] = r.rows[0][k];
    this.duplicates = (Object.keys(this.defines) as RefKind[]).reduce((n, k) => n + this.defines[k] - this.counted[k], 0);
    const liveToo = live ? sql`AND NOT ${definedIn(LIVE)}` : sql``;
    const unknown = await sql<RefRow>`SELECT r.kind, r.id, r.file, r.line, r.col, r.field FROM stage_refs r
      WHERE NOT ${definedIn(STAGED)} ${liveToo} ORDER BY r.seq LIMIT ${MAX_ERRORS}`.execute(this.db);
    for (const u of unknown.rows) {
      errors.add(err.unknownRef(u.col ? { file: u.file, line: u.line, column: u.col } : { file: u.file, line: u.line }, u.field, u.id, u.kind));
    }
  }
}
