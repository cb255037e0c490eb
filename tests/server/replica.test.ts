/**
 * Reads from a streaming replica (READ_DATABASE_URL): `npm test`'s server
 * step starts the throw-away cluster with a replica (scripts/pg-cluster.mjs);
 * writes go to the primary, rank and dictionary reads to the replica.
 * PostgreSQL only: PGlite has no replication (this file says so when skipped).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database';
import { importFiles } from '../../server/graph/ingest';
import { readGraphMeta } from '../../server/graph/meta';
import { rankForViewer } from '../../server/graph/rank';
import { demoInput } from '../../server/graph/sources';
import { testDatabase } from './support';

const replica = process.env.KENNER_TEST_PG_REPLICA;

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(!!replica)('reads from a streaming replica (PostgreSQL)', () => {
  let primary: Database & { url?: string };
  let both: Database;
  beforeAll(async () => {
    primary = await testDatabase();
    const name = primary.url!.split('/').pop()!;
    const readUrl = replica!.replace(/\/[^/]*$/, `/${name}`);
    // The new database reaches the replica through the WAL like everything else.
    both = await until('the database on the replica', async () => {
      const d = await openDatabase({ databaseUrl: primary.url, readDatabaseUrl: readUrl });
      await sql`SELECT 1`.execute(d.read);
      return d;
    });
  }, 120_000);
  afterAll(async () => {
    await both?.close();
    await primary?.close();
  });

  it('answers rank from the replica once the import has replicated', async () => {
    expect((await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(both.read)).rows[0].r).toBe(true);
    expect((await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(both.db)).rows[0].r).toBe(false);
    const r = await importFiles(both.db, [demoInput(0.05)]);
    expect(r.ok).toBe(true);
    const meta = await until('the graph on the replica', () => readGraphMeta(both.read));
    expect(meta.revision).toBe(r.meta?.revision);
    const s = await rankForViewer(both.read, [{ kind: 'account', id: 'a-nordlicht', focal: true }], meta.refTime, { email: 'x@y.example' }, undefined);
    expect(s.length).toBeGreaterThan(0);
  });
});
