/**
 * The sync pipeline's tables (migration 0005_sync): cursors, the mirror of
 * source records, the run log, identity pins and the last written graph's
 * record hashes. Bulk writes are one statement over a JSON array, as in the
 * import (server.design.md).
 */
import { sql, type Transaction } from 'kysely';
import type { Json, SourceRecord, SourceTombstone } from '../connectors/types';
import type { Db } from '../db/database';
import type { Tables } from '../db/schema';
import type { FetchStats } from './http';

type Tx = Transaction<Tables>;

export async function readCursor(db: Db, source: string): Promise<Json | undefined> {
  const r = await db.selectFrom('sync_sources').select('cursor').where('source', '=', source).executeTakeFirst();
  return (r?.cursor ?? undefined) as Json | undefined;
}

/** Mirror upserts and deletes of one page, and the cursor after it: call inside one transaction. */
export async function applyPage(tx: Tx | Db, source: string, upserts: SourceRecord[], deletes: SourceTombstone[], cursor: Json): Promise<void> {
  if (upserts.length) {
    // One statement may not touch a row twice: the page's last record per id wins.
    const last = new Map<string, SourceRecord>();
    for (const u of upserts) last.set(`${u.type}\u0000${u.record.id}`, u);
    const rows = JSON.stringify([...last.values()].map((u) => ({ t: u.type, i: u.record.id, r: u.record })));
    await sql`INSERT INTO sync_records (source, type, source_id, record, deleted, updated_at)
      SELECT ${source}, u.t, u.i, u.r, false, now() FROM jsonb_to_recordset(${rows}::jsonb) AS u(t text, i text, r jsonb)
      ON CONFLICT (source, type, source_id) DO UPDATE SET record = excluded.record, deleted = false, updated_at = now()
      WHERE sync_records.deleted OR sync_records.record IS DISTINCT FROM excluded.record`.execute(tx);
  }
  if (deletes.length) {
    const rows = JSON.stringify([...new Map(deletes.map((d) => [`${d.type}\u0000${d.id}`, { t: d.type, i: d.id }])).values()]);
    // A tombstone keeps no content: only that the record is gone.
    await sql`INSERT INTO sync_records (source, type, source_id, record, deleted, updated_at)
      SELECT ${source}, u.t, u.i, NULL, true, now() FROM jsonb_to_recordset(${rows}::jsonb) AS u(t text, i text)
      ON CONFLICT (source, type, source_id) DO UPDATE SET record = NULL, deleted = true, updated_at = now() WHERE NOT sync_records.deleted`.execute(tx);
  }
  await sql`INSERT INTO sync_sources (source, cursor, updated_at) VALUES (${source}, ${JSON.stringify(cursor ?? null)}::jsonb, now())
    ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = now()`.execute(tx);
}

/**
 * A source's live mirror records (tombstones left out), in (type, id) order. Read in keyset pages
 * of 20,000, each one row of JSON text: a million rows through the driver one by one cost more
 * than the rest of the build.
 */
export async function mirrorRecords(db: Db, source: string): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  let last: { type: string; id: string } | undefined;
  for (;;) {
    const after = last ? sql`AND (type, source_id) > (${last.type}, ${last.id})` : sql``;
    const r = await sql<{ page: string | null }>`SELECT json_agg(json_build_object('type', type, 'id', source_id, 'record', record) ORDER BY type, source_id)::text AS page
      FROM (SELECT type, source_id, record FROM sync_records WHERE source = ${source} AND NOT deleted ${after} ORDER BY type, source_id LIMIT 20000) p`.execute(db);
    const page = r.rows[0]?.page ? (JSON.parse(r.rows[0].page) as Array<SourceRecord & { id: string }>) : [];
    if (!page.length) return out;
    for (const x of page) out.push({ type: x.type, record: x.record } as SourceRecord);
    const end = page[page.length - 1];
    last = { type: end.type, id: end.id };
  }
}

export async function mirroredSources(db: Db): Promise<string[]> {
  const r = await sql<{ source: string }>`SELECT DISTINCT source FROM sync_records ORDER BY source`.execute(db);
  return r.rows.map((x) => x.source);
}

/** Forgets a source: mirror and cursor (the next run starts from scratch). */
export async function resetSource(db: Db, source: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`DELETE FROM sync_records WHERE source = ${source}`.execute(tx);
    await sql`DELETE FROM sync_sources WHERE source = ${source}`.execute(tx);
  });
}

// ------------------------------------------------------------------ leases

/** Another run of the same source holds the lease. */
export class SyncBusy extends Error {}

const LEASE_MS = 6 * 3600_000;

export async function takeSyncLease(db: Db, source: string): Promise<void> {
  const now = Date.now();
  const r = await sql<{ key: string }>`INSERT INTO kenner_meta (key, value) VALUES (${`sync_lease:${source}`}, ${JSON.stringify({ at: now })}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE (kenner_meta.value->>'at')::bigint < ${now - LEASE_MS}
    RETURNING key`.execute(db);
  if (!r.rows.length) throw new SyncBusy(`A sync of ${source} is running; try again when it has finished.`);
}

export async function dropSyncLease(db: Db, source: string): Promise<void> {
  await sql`DELETE FROM kenner_meta WHERE key = ${`sync_lease:${source}`}`.execute(db);
}

// ------------------------------------------------------------------ run log

/** Per record type: upserted and deleted. */
export type RunCounts = Record<string, { upserts: number; deletes: number }>;

export interface SyncRun {
  id: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  pages: number;
  counts: RunCounts;
  requests: number;
  retries: number;
  throttled: number;
  refreshed: number;
  waitedMs: number;
  /** Records (upserts and deletes) per second of the run. */
  recordsPerSecond: number | null;
  /** The error's kind and HTTP status, never its text (which may quote content). */
  error: string | null;
}

export async function startRun(db: Db, source: string): Promise<string> {
  const r = await db.insertInto('sync_runs').values({ source, status: 'running', pages: 0, counts: '{}', requests: 0, retries: 0, throttled: 0, refreshed: 0, waited_ms: '0', error: null }).returning('id').executeTakeFirstOrThrow();
  return String(r.id);
}

export async function updateRun(
  db: Tx | Db,
  id: string,
  u: { pages: number; counts: RunCounts; stats: FetchStats; status?: 'ok' | 'failed'; error?: string },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({
      pages: u.pages,
      counts: JSON.stringify(u.counts),
      requests: u.stats.requests,
      retries: u.stats.retries,
      throttled: u.stats.throttled,
      refreshed: u.stats.refreshed,
      waited_ms: String(Math.round(u.stats.waitedMs)),
      ...(u.status ? { status: u.status, finished_at: new Date() } : {}),
      ...(u.error ? { error: u.error } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function listRuns(db: Db, o: { source?: string; limit?: number } = {}): Promise<SyncRun[]> {
  let q = db.selectFrom('sync_runs').selectAll().orderBy('id', 'desc').limit(o.limit ?? 100);
  if (o.source) q = q.where('source', '=', o.source);
  const rows = await q.execute();
  return rows.map((r) => {
    const counts = (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as RunCounts;
    const records = Object.values(counts).reduce((n, c) => n + c.upserts + c.deletes, 0);
    const ms = r.finished_at ? new Date(r.finished_at).getTime() - new Date(r.started_at).getTime() : null;
    return {
      id: String(r.id),
      source: r.source,
      startedAt: new Date(r.started_at).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
      status: r.status as SyncRun['status'],
      pages: r.pages,
      counts,
      requests: r.requests,
      retries: r.retries,
      throttled: r.throttled,
      refreshed: r.refreshed,
      waitedMs: Number(r.waited_ms),
      recordsPerSecond: ms !== null ? Math.round((records / Math.max(ms, 1)) * 1000 * 10) / 10 : null,
      error: r.error,
    };
  });
}

// ------------------------------------------------------------------ pins

export const PIN_KINDS = ['merge', 'apart', 'domain'] as const;
export type PinKind = (typeof PIN_KINDS)[number];
/**
 * An administrator's identity decision, obeyed by every later build:
 * `merge a b` (two source accounts are one customer), `apart a b` (never one),
 * `domain d a` (the domain belongs to this account). Accounts are named
 * `<source>:<source id>`, e.g. `salesforce:0015g00000ABCDEF`.
 */
export interface Pin {
  id: string;
  kind: PinKind;
  a: string;
  b: string;
}

export async function listPins(db: Db): Promise<Pin[]> {
  const rows = await db.selectFrom('sync_pins').select(['id', 'kind', 'a', 'b']).orderBy('id').execute();
  return rows.map((r) => ({ id: String(r.id), kind: r.kind as PinKind, a: r.a, b: r.b }));
}

export async function addPin(db: Db, kind: PinKind, a: string, b: string): Promise<void> {
  await sql`INSERT INTO sync_pins (kind, a, b) VALUES (${kind}, ${a}, ${b}) ON CONFLICT DO NOTHING`.execute(db);
}

export async function removePin(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('sync_pins').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
