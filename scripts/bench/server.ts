/**
 * The company graph service at scale (issue "The company graph service"):
 * - a graph of 100,000 people, 400,000 accounts, 1 million contacts and
 *   10 million interactions (the demo generator with those totals), imported
 *   into a real PostgreSQL (a throw-away cluster on this machine): import
 *   time and the importing process's peak memory (RSS);
 * - POST /v1/rank for 20-entity pages at 50 concurrent clients (autocannon)
 *   against `npm run server` on that database: p50, p95, p99 (every
 *   request's latency kept, so p99 is not the maximum);
 * - a full dictionary sync (every page, limit 5000: the contract's largest page), and again as
 *   the extension's client reads it (limit 5000, the extension's page size, each page checked with the zod schema);
 * - the rank load again with one worker process per core (KENNER_WORKERS=auto);
 * - the same rank figures on embedded PGlite at the demo's scale 10.
 * KENNER_BENCH_SERVER=small runs a twentieth of the PostgreSQL graph (development).
 * One JSON object per line on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/database';
import { startCluster } from '../pg-cluster.mjs';
import { DictionaryPageSchema } from '../../utils/contract/graph-api';
import { TOKEN, groupCpuMs, load, peopleIds, postgresCpuMs, rankBodies, startService, writeDemoFile } from './_server-load';

const small = process.env.KENNER_BENCH_SERVER === 'small';
const f = small ? 1 / 20 : 1;
const TARGETS = { people: Math.round(100_000 * f), accounts: Math.round(400_000 * f), contacts: Math.round(1_000_000 * f), interactions: Math.round(10_000_000 * f) };

function out(o: Record<string, unknown>) {
  console.log(JSON.stringify(o));
}
const log = (s: string) => console.error(s);

/** `npm run server -- import FILE` as IT runs it, in its own process: wall time and that process's peak RSS (GNU time). */
function timedImport(env: Record<string, string>, file: string) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', 'server/main.ts', 'import', file], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`import failed: ${r.stdout}\n${r.stderr.slice(0, 2000)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const m = /Imported: (\d+) people, (\d+) accounts, (\d+) contacts, (\d+) topics, (\d+) interactions/.exec(r.stdout);
  if (!m) throw new Error(`unexpected import output: ${r.stdout}`);
  const [people, accounts, contacts, topics, interactions] = m.slice(1).map(Number);
  return { ms, peakRssMb: Math.round(kb / 1024), counts: { people, accounts, contacts, topics, interactions } };
}

/**
 * A full sync, page after page: each page fetched and parsed before the next is asked for (its
 * cursor is in it). `check`: each page also checked with the contract's zod schema, as the
 * extension's client does (utils/sources/graph-service-client.ts) before storing it; the time
 * that takes is the client's (`checkMs`), not the service's.
 */
async function dictionarySync(url: string, limit: number, check = false) {
  const t0 = performance.now();
  let cursor: string | null = null;
  let items = 0;
  let pages = 0;
  let checkMs = 0;
  do {
    const res = await fetch(`${url}/v1/dictionary?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (res.status !== 200) throw new Error(`dictionary page ${pages + 1}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    if (check) {
      const c0 = performance.now();
      DictionaryPageSchema.parse(page);
      checkMs += performance.now() - c0;
    }
    items += page.items.length;
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { limit, items, pages, ms: Math.round(performance.now() - t0), ...(check ? { checkMs: Math.round(checkMs) } : {}) };
}

// ── PostgreSQL at the issue's scale
const work = mkdtempSync(join(tmpdir(), 'kenner-bench-'));
const cluster = await startCluster();
try {
  const file = join(work, 'graph.ndjson');
  log(`writing ${JSON.stringify(TARGETS)} as NDJSON…`);
  const bytes = await writeDemoFile(file, { targets: TARGETS, seed: 3 });
  log(`importing ${Math.round(bytes / 2 ** 20)} MB into PostgreSQL…`);
  const imp = timedImport({ DATABASE_URL: cluster.url }, file);
  rmSync(file);
  out({ bench: 'server', what: 'import (PostgreSQL)', ...imp.counts, fileMb: Math.round(bytes / 2 ** 20), seconds: +(imp.ms / 1000).toFixed(1), peakRssMb: imp.peakRssMb });
  const d = await openDatabase({ databaseUrl: cluster.url });
  const bodies = await rankBodies(d);
  const people = await peopleIds(d);
  await d.close();
  const svc = await startService({ DATABASE_URL: cluster.url });
  try {
    // CPU per request of the service (all its processes) and of the cluster's backends: what the load does not inflate.
    const cpu = { service: () => groupCpuMs(svc.pid), postgres: () => postgresCpuMs(join(cluster.base, 'primary')) };
    await load(svc.url, bodies, 30); // warm-up: the process's caches fill
    const r = await load(svc.url, bodies, 30, undefined, cpu);
    const floor = await load(svc.url, bodies, 30, people, cpu);
    out({ bench: 'server', what: 'rank, 20 entities, 50 concurrent clients (PostgreSQL)', goal: 'p95 < 20 ms', ...r });
    out({ bench: 'server', what: 'floor: one colleague by id (GET /v1/people/:id), 50 concurrent clients (PostgreSQL)', ...floor, rankP95OverFloor: +(r.p95 / floor.p95).toFixed(2) });
    const dict = await dictionarySync(svc.url, 5000);
    out({ bench: 'server', what: 'full dictionary sync (PostgreSQL)', goal: '< 10 s', ...dict, seconds: +(dict.ms / 1000).toFixed(2) });
    // As the extension reads it: its default page size (utils/sources/remote.ts pageLimit) and the zod check of every page.
    const ext = await dictionarySync(svc.url, 5000, true);
    out({ bench: 'server', what: "full dictionary sync as the extension's client reads it: limit 5000, each page checked with the contract's zod schema (PostgreSQL)", ...ext, seconds: +(ext.ms / 1000).toFixed(2) });
  } finally {
    await svc.stop();
  }
  // The same rank load on one worker process per core (KENNER_WORKERS=auto), each warming its own caches.
  const multi = await startService({ DATABASE_URL: cluster.url, KENNER_WORKERS: 'auto' });
  try {
    const cpu = { service: () => groupCpuMs(multi.pid), postgres: () => postgresCpuMs(join(cluster.base, 'primary')) };
    await load(multi.url, bodies, 30);
    const r = await load(multi.url, bodies, 30, undefined, cpu);
    const floor = await load(multi.url, bodies, 30, people, cpu);
    out({ bench: 'server', what: `rank, 20 entities, 50 concurrent clients, KENNER_WORKERS=auto (${availableParallelism()} processes, PostgreSQL)`, goal: 'p95 < 20 ms', ...r, floorP95: floor.p95, rankP95OverFloor: +(r.p95 / floor.p95).toFixed(2) });
  } finally {
    await multi.stop();
  }
} finally {
  await cluster.stop();
  rmSync(work, { recursive: true, force: true });
}

// ── PGlite at the demo's scale 10
{
  const dir = mkdtempSync(join(tmpdir(), 'kenner-bench-pglite-'));
  try {
    const file = join(dir, 'graph.ndjson');
    const bytes = await writeDemoFile(file, { scale: small ? 1 : 10, seed: 1 });
    log('importing demo scale 10 into PGlite…');
    const imp = timedImport({ KENNER_DATA_DIR: dir }, file);
    out({ bench: 'server', what: `import (PGlite, demo scale ${small ? 1 : 10})`, ...imp.counts, fileMb: Math.round(bytes / 2 ** 20), seconds: +(imp.ms / 1000).toFixed(1), peakRssMb: imp.peakRssMb });
    const d = await openDatabase({ dataDir: dir });
    const bodies = await rankBodies(d);
    const people = await peopleIds(d);
    await d.close();
    const svc = await startService({ KENNER_DATA_DIR: dir });
    try {
      await load(svc.url, bodies, 5);
      const cpu = { service: () => groupCpuMs(svc.pid) };
      const r = await load(svc.url, bodies, 20, undefined, cpu);
      const floor = await load(svc.url, bodies, 20, people, cpu);
      out({ bench: 'server', what: `rank, 20 entities, 50 concurrent clients (PGlite, demo scale ${small ? 1 : 10})`, ...r });
      out({ bench: 'server', what: `floor: one colleague by id, 50 concurrent clients (PGlite, demo scale ${small ? 1 : 10})`, ...floor, rankP95OverFloor: +(r.p95 / floor.p95).toFixed(2) });
    } finally {
      await svc.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
