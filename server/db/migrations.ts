/**
 * Versioned migrations (Kysely's Migrator), the same on PGlite and on
 * PostgreSQL. A migration is never edited once released: add the next one.
 *
 * Graph tables (people … evidence) are replaced whole by an import: it
 * fills `stage_<table>` (created LIKE the live table, so a later migration's
 * columns and indexes follow) and switches them in with renames, in one
 * transaction (server.design.md, "Import"). Every per-entity table is keyed
 * by the entity id first, so the schema distributes on Citus by that column.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const m0001: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE kenner_meta (key text PRIMARY KEY, value jsonb NOT NULL)`.execute(db);
    await sql`CREATE TABLE people (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      email text,
      discoverable boolean NOT NULL DEFAULT true,
      country text, department text, location text,
      skills text[] COLLATE "C" NOT NULL DEFAULT '{}',
      record jsonb NOT NULL)`.execute(db);
    await sql`CREATE INDEX people_email_idx ON people (email)`.execute(db);
    await sql`CREATE INDEX people_skills_idx ON people USING gin (skills)`.execute(db);
    await sql`CREATE TABLE accounts (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, record jsonb NOT NULL)`.execute(db);
    await sql`CREATE TABLE contacts (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, email text, account_id text COLLATE "C", record jsonb NOT NULL)`.execute(db);
    await sql`CREATE INDEX contacts_account_idx ON contacts (account_id)`.execute(db);
    await sql`CREATE TABLE topics (id text COLLATE "C" PRIMARY KEY, label text NOT NULL, record jsonb NOT NULL)`.execute(db);
    await sql`CREATE TABLE interactions (
      seq bigint PRIMARY KEY,
      id text COLLATE "C",
      person_id text COLLATE "C" NOT NULL,
      kind text NOT NULL,
      day text NOT NULL,
      n float8 NOT NULL, d1 float8 NOT NULL, d5 float8 NOT NULL, one_way float8 NOT NULL,
      account_id text COLLATE "C", contact_id text COLLATE "C",
      topic_ids text[] COLLATE "C" NOT NULL DEFAULT '{}',
      record jsonb NOT NULL)`.execute(db);
    await sql`CREATE UNIQUE INDEX interactions_id_idx ON interactions (id)`.execute(db);
    await sql`CREATE TABLE evidence (
      entity_id text COLLATE "C" NOT NULL,
      person_id text COLLATE "C" NOT NULL,
      kind text NOT NULL,
      entity_kind text NOT NULL,
      account_id text COLLATE "C",
      ord bigint NOT NULL,
      n float8 NOT NULL, s1 float8 NOT NULL, s5 float8 NOT NULL, last text NOT NULL, one_way float8 NOT NULL,
      PRIMARY KEY (entity_id, person_id, kind))`.execute(db);
    await sql`CREATE INDEX evidence_account_idx ON evidence (account_id) WHERE account_id IS NOT NULL`.execute(db);
    await sql`CREATE SEQUENCE dictionary_rev`.execute(db);
    await sql`CREATE TABLE dictionary (
      kind text NOT NULL,
      id text COLLATE "C" NOT NULL,
      korder smallint NOT NULL,
      rev bigint NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      item jsonb,
      PRIMARY KEY (kind, id))`.execute(db);
    await sql`CREATE INDEX dictionary_full_idx ON dictionary (korder, id) WHERE NOT deleted`.execute(db);
    await sql`CREATE INDEX dictionary_rev_idx ON dictionary (rev)`.execute(db);
    await sql`CREATE TABLE audit (
      at timestamptz NOT NULL DEFAULT now(),
      viewer text NOT NULL,
      action text NOT NULL,
      entity_ids text[] NOT NULL DEFAULT '{}',
      shown text[] NOT NULL DEFAULT '{}',
      results integer NOT NULL)`.execute(db);
    await sql`CREATE INDEX audit_at_idx ON audit (at)`.execute(db);
    await sql`CREATE INDEX audit_shown_idx ON audit USING gin (shown)`.execute(db);
    // This database's identity: a dictionary revision from another database is refused (410), never misread.
    await sql`INSERT INTO kenner_meta (key, value) VALUES ('epoch', to_jsonb(md5(random()::text || clock_timestamp()::text)))`.execute(db);
  },
};

/** A merge recomputes the evidence of the entities it touched: their interactions are found by index, not by a scan of them all. */
const m0002: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX interactions_account_idx ON interactions (account_id) WHERE account_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX interactions_contact_idx ON interactions (contact_id) WHERE contact_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX interactions_topics_idx ON interactions USING gin (topic_ids)`.execute(db);
  },
};

/** Dictionary items as the JSON text they are sent as: a full sync spent more on jsonb's text output than on the rest. */
const m0003: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE dictionary ALTER COLUMN item TYPE text USING item::text`.execute(db);
  },
};

/**
 * A reason names where its latest evidence came from and links to it: each
 * evidence row keeps the source system and record link of its latest
 * interaction (ranking.design.md, "Reasons"). Filled by the next import.
 */
const m0004: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE evidence ADD COLUMN source text, ADD COLUMN url text`.execute(db);
  },
};

/**
 * The sync pipeline (server/sync/sync.design.md): per source its cursor; the mirror of its records
 * (the source's own ids; deleted ones kept as tombstones until the next build has seen them);
 * the run log (counts only, never content); the administrator's identity pins; and the last
 * resolved graph's record hashes, so a sync writes only what changed.
 */
const m0005: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE sync_sources (source text PRIMARY KEY, cursor jsonb, updated_at timestamptz NOT NULL DEFAULT now())`.execute(db);
    await sql`CREATE TABLE sync_records (
      source text NOT NULL,
      type text NOT NULL,
      source_id text COLLATE "C" NOT NULL,
      record jsonb,
      deleted boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, type, source_id))`.execute(db);
    await sql`CREATE TABLE sync_runs (
      id bigserial PRIMARY KEY,
      source text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      status text NOT NULL,
      pages integer NOT NULL DEFAULT 0,
      counts jsonb NOT NULL DEFAULT '{}',
      requests integer NOT NULL DEFAULT 0,
      retries integer NOT NULL DEFAULT 0,
      throttled integer NOT NULL DEFAULT 0,
      refreshed integer NOT NULL DEFAULT 0,
      waited_ms bigint NOT NULL DEFAULT 0,
      error text)`.execute(db);
    await sql`CREATE INDEX sync_runs_started_idx ON sync_runs (started_at)`.execute(db);
    await sql`CREATE TABLE sync_pins (
      id bigserial PRIMARY KEY,
      kind text NOT NULL,
      a text NOT NULL,
      b text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, a, b))`.execute(db);
    await sql`CREATE TABLE sync_output (type text NOT NULL, id text COLLATE "C" NOT NULL, hash text NOT NULL, PRIMARY KEY (type, id))`.execute(db);
  },
};

/**
 * Colleagues' own preferences (issue 15, utils/ranking/preferences.ts): one row per colleague, by person id.
 * Not a graph table: an import never replaces it. `kenner_meta.preferences_rev` changes with every write, so
 * every server drops what it folded with the old claims.
 */
const m0006: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE preferences (
      person_id text COLLATE "C" PRIMARY KEY,
      consent text CHECK (consent IN ('in', 'out')),
      hidden text[] COLLATE "C" NOT NULL DEFAULT '{}',
      ask text[] COLLATE "C" NOT NULL DEFAULT '{}',
      away_until text,
      updated_at timestamptz NOT NULL DEFAULT now())`.execute(db);
    await sql`CREATE INDEX preferences_ask_idx ON preferences USING gin (ask)`.execute(db);
    await sql`CREATE INDEX preferences_out_idx ON preferences (person_id) WHERE consent = 'out'`.execute(db);
    // The own view reads one colleague's evidence (an import's staging table is created LIKE this one: the index follows).
    await sql`CREATE INDEX evidence_person_idx ON evidence (person_id)`.execute(db);
    await sql`INSERT INTO kenner_meta (key, value) VALUES ('preferences_rev', to_jsonb(0)) ON CONFLICT (key) DO NOTHING`.execute(db);
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_interaction_entities': m0002,
  '0003_dictionary_text': m0003,
  '0004_evidence_origin': m0004,
  '0005_sync': m0005,
  '0006_colleague_preferences': m0006,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
