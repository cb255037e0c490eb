/**
 * The sync pipeline at scale (issue 16): a synthetic mail tenant of N
 * mail-metadata events (default 1,000,000; KENNER_BENCH_SYNC_EVENTS) from
 * 2,000 colleagues with 20,000 customer domains, yielded in pages of 1,000 by
 * an in-process connector (no HTTP: this measures the pipeline, not a
 * vendor), synced into the service on embedded PGlite (or DATABASE_URL):
 * mirror, resolve and write times, records per second and peak memory (RSS);
 * then a second sync after 1% of the events changed and 0.1% were deleted.
 * The vendor connectors' own benches (with their fakes) come with them.
 * One JSON object per line on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Connector, SourceRecord, SyncPage } from '../../server/connectors/types';
import { openDatabase } from '../../server/db/database';
import { buildFromMirrors, runSources, type SyncSetup } from '../../server/sync/pipeline';
import { parseConnectorsFile } from '../../server/sync/policy';
import { writeGraph } from '../../server/sync/write';

const N = Number(process.env.KENNER_BENCH_SYNC_EVENTS ?? 1_000_000);
const PEOPLE = 2000;
const DOMAINS = 20_000;
const PAGE = 1000;
const CO = 'bench.example';

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
sample.unref();
const out = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const mb = (b: number) => Math.round(b / 1024 / 1024);

function event(k: number, version: number): SourceRecord {
  const day = new Date(Date.UTC(2026, 0, 1) + (k % 600) * 86_400_000).toISOString().slice(0, 10);
  return {
    type: 'interaction',
    record: {
      id: `mail:${k}`,
      personId: `u${k % PEOPLE}`,
      kind: 'email',
      direction: version % 2 ? 'outbound' : 'inbound',
      date: day,
      externalEmails: [`contact${k % 50_000}@customer${k % DOMAINS}.example`],
    },
  };
}

/** Phase 1: everyone, the customers and all events; phase 2: 1% changed, 0.1% deleted. */
let phase = 1;
const connector: Connector<{ phase?: number }> = {
  id: 'microsoft365',
  label: 'bench mail',
  configSchema: z.object({ phase: z.number().optional() }),
  disclosure: { scopes: [], reads: [], never: [] },
  lookBackDays: 730,
  async *sync(): AsyncIterable<SyncPage> {
    if (phase === 1) {
      const people: SourceRecord[] = Array.from({ length: PEOPLE }, (_, k) => ({ type: 'person', record: { id: `u${k}`, name: `Colleague ${k}`, email: `c${k}@${CO}` } }));
      const accounts: SourceRecord[] = Array.from({ length: DOMAINS }, (_, k) => ({ type: 'account', record: { id: `acc${k}`, name: `Customer ${k}`, domains: [`customer${k}.example`] } }));
      yield { upserts: [...people, ...accounts], deletes: [], cursor: { at: 0 } };
      for (let k = 0; k < N; k += PAGE) {
        yield { upserts: Array.from({ length: Math.min(PAGE, N - k) }, (_, j) => event(k + j, 1)), deletes: [], cursor: { at: k + PAGE } };
      }
    } else {
      const changed = Array.from({ length: Math.floor(N / 100) }, (_, j) => event(j * 100, 2));
      const deleted = Array.from({ length: Math.floor(N / 1000) }, (_, j) => ({ type: 'interaction' as const, id: `mail:${j * 1000 + 7}` }));
      for (let k = 0; k < changed.length; k += PAGE) yield { upserts: changed.slice(k, k + PAGE), deletes: k === 0 ? deleted : [], cursor: { at: N + k } };
    }
  },
};

// The bench's own connector is no registry id; it stands in for the mail connector.
const setup: SyncSetup = {
  file: parseConnectorsFile({ companyDomains: [CO], sources: [{ connector: 'microsoft365', settings: {} }] }),
  connectors: [connector],
};

const dir = mkdtempSync(join(tmpdir(), 'kenner-bench-sync-'));
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: dir });
try {
  for (const p of [1, 2]) {
    phase = p;
    peak = 0;
    const t0 = Date.now();
    const [run] = await runSources(database.db, setup);
    const t1 = Date.now();
    const graph = await buildFromMirrors(database.db, setup, Date.parse('2026-11-01T00:00:00Z'));
    const t2 = Date.now();
    const w = await writeGraph(database.db, graph);
    const t3 = Date.now();
    if (!w.ok) throw new Error(`write failed: ${JSON.stringify(w.import?.errors)}`);
    const records = Object.values(run.counts).reduce((n, c) => n + c.upserts + c.deletes, 0);
    out({
      bench: 'sync',
      sync: p === 1 ? 'first' : 'second (1% changed, 0.1% deleted)',
      driver: database.kind,
      events: N,
      records,
      mirrorSeconds: (t1 - t0) / 1000,
      mirrorRecordsPerSecond: Math.round((records / Math.max(1, t1 - t0)) * 1000),
      resolveSeconds: (t2 - t1) / 1000,
      writeSeconds: (t3 - t2) / 1000,
      written: w.upserted,
      deleted: w.deleted,
      totalSeconds: (t3 - t0) / 1000,
      recordsPerSecond: Math.round((records / Math.max(1, t3 - t0)) * 1000),
      interactions: graph.report.counts.interactions,
      peakRssMb: mb(Math.max(peak, process.memoryUsage().rss)),
    });
  }
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
