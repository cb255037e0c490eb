/**
 * The database under test: embedded PGlite (in memory) by default; a fresh
 * database on the throw-away PostgreSQL cluster when KENNER_TEST_PG names it
 * (`npm test`'s "server (PostgreSQL)" step starts one: scripts/pg-cluster.mjs).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database';

export const onPostgres = !!process.env.KENNER_TEST_PG;
export const driver = onPostgres ? 'PostgreSQL' : 'PGlite';

export async function testDatabase(): Promise<Database & { url?: string }> {
  const admin = process.env.KENNER_TEST_PG;
  if (!admin) return openDatabase({ dataDir: null });
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return { ...(await openDatabase({ databaseUrl: url })), url };
}
