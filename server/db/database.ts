/**
 * Opens the database: embedded PGlite (a folder, or memory for tests) or a
 * PostgreSQL server (`DATABASE_URL`), optionally with a read replica for
 * reads. The same Kysely queries and migrations run on both.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Tables } from './schema';

// bigint (seq, rev) as text, never a lossy number; float8 and int4 stay numbers.
pg.types.setTypeParser(20, (v: string) => v);

export type Db = Kysely<Tables>;

export interface Database {
  /** Writes, imports, migrations. */
  db: Db;
  /** Rank, search and dictionary reads (a replica when READ_DATABASE_URL is set). */
  read: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  readDatabaseUrl?: string;
  /** PGlite's folder; null: in memory. */
  dataDir?: string | null;
}

function postgres(url: string, max: number): Db {
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max, application_name: 'kenner-graph' }) }) });
}

export async function openDatabase(o: DatabaseOptions): Promise<Database> {
  let db: Db;
  let read: Db;
  let kind: Database['kind'];
  if (o.databaseUrl) {
    kind = 'postgres';
    db = postgres(o.databaseUrl, 10);
    read = o.readDatabaseUrl ? postgres(o.readDatabaseUrl, 20) : db;
  } else {
    kind = 'pglite';
    let dir: string | undefined;
    if (o.dataDir) {
      dir = join(o.dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
    }
    const lite = dir ? new PGlite(dir) : new PGlite();
    await lite.waitReady;
    db = new Kysely<Tables>({ dialect: new PGliteDialect(lite) });
    read = db;
  }
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(`Migration failed: ${JSON.stringify(error)}`);
  }
  return {
    db,
    read,
    kind,
    async close() {
      if (read !== db) await read.destroy();
      await db.destroy();
    },
  };
}
