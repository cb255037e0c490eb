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
 * - the same rank figures on embedded PGlite at the demo's scale 10.
 * KENNER_BENCH_SERVER=small runs a twentieth of the PostgreSQL graph (development).
 * One JSON object per line on stdout.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../server/db/database';
import { startCluster } from '../pg-cluster.mjs';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../../utils/graph/model';
import { DictionaryPageSchema } from '../../utils/contract/graph-api';
import { generateDemoRecords, type DemoOptions } from '../../utils/demo/generate';

const small = process.env.KENNER_BENCH_SERVER === 'small';
const f = small ? 1 / 20 : 1;
const TARGETS = { people: Math.round(100_000 * f), accounts: Math.round(400_000 * f), contacts: Math.round(1_000_000 * f), interactions: Math.round(10_000_000 * f) };
const TOKEN = 'bench-token-0123456789abcdef';

function out(o: Record<string, unknown>) {
  console.log(JSON.stringify(o));
}
const log = (s: string) => console.error(s);

/** The demo graph with these totals as an NDJSON file (the generator's memory is not the importer's). */
async function writeDemoFile(path: string, opts: DemoOptions): Promise<number> {
  const out = createWriteStream(path);
  let buf = `${JSON.stringify({ format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION })}\n`;
  for (const r of generateDemoRecords(opts)) {
    buf += `${JSON.stringify(r)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return statSync(path).size;
}

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

/** 200 page bodies of 20 entities (1 focal account, 11 accounts, 5 contacts, 3 topics) drawn from the graph. */
async function rankBodies(d: Database): Promise<string[]> {
  const pick = async (table: string, n: number) =>
    (await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} TABLESAMPLE SYSTEM (5) LIMIT ${n}`.execute(d.db)).rows.map((r) => r.id);
  const accounts = await pick('accounts', 3000);
  const contacts = await pick('contacts', 2000);
  const topics = (await sql<{ id: string }>`SELECT id FROM topics`.execute(d.db)).rows.map((r) => r.id);
  let seed = 42;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  return Array.from({ length: 200 }, () =>
    JSON.stringify({
      entities: [
        { kind: 'account', id: accounts[rnd(accounts.length)], focal: true },
        ...Array.from({ length: 11 }, () => ({ kind: 'account', id: accounts[rnd(accounts.length)] })),
        ...Array.from({ length: 5 }, () => ({ kind: 'contact', id: contacts[rnd(contacts.length)] })),
        ...Array.from({ length: 3 }, () => ({ kind: 'topic', id: topics[rnd(topics.length)] })),
      ],
      limit: 20,
    }),
  );
}

/** 1,000 colleagues' ids (the floor's requests). */
async function peopleIds(d: Database): Promise<string[]> {
  return (await sql<{ id: string }>`SELECT id FROM people WHERE discoverable ORDER BY md5(id) LIMIT 1000`.execute(d.db)).rows.map((r) => r.id);
}

async function startService(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = String(30000 + Math.floor(Math.random() * 20000));
  const dir = mkdtempSync(join(tmpdir(), 'kenner-bench-'));
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ [TOKEN]: 'bench@kenner-demo.example' }));
  const child: ChildProcess = spawn('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: port, KENNER_STATIC_TOKENS: join(dir, 'tokens.json'), KENNER_DEMO: 'off', LOG_LEVEL: 'warn', KENNER_RATE_LIMIT: '100000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/healthz`).catch(() => null))?.status === 200) break;
    if (i > 600) throw new Error('the service did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * 50 clients in a closed loop for `seconds`: POST /v1/rank with the page bodies, or, as the floor,
 * GET /v1/people/:id (`people`): one authenticated, audited, visibility-checked read of one row,
 * the least any answer from the database costs.
 */
async function load(url: string, bodies: string[], seconds: number, people?: string[]) {
  const latencies: number[] = [];
  let i = 0;
  const result = await autocannon({
    url: people ? url : `${url}/v1/rank`,
    connections: 50,
    duration: seconds,
    // The first pages read whole topics (tens of thousands of rows) before the cache holds them.
    timeout: 120,
    method: people ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => (people ? { ...req, path: `/v1/people/${encodeURIComponent(people[i++ % people.length])}` } : { ...req, body: bodies[i++ % bodies.length] }) }],
    setupClient: (client) => client.on('response', (_s: number, _b: number, ms: number) => latencies.push(ms)),
  });
  latencies.sort((a, b) => a - b);
  if (!latencies.length) throw new Error(`no answer at all: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  return {
    requests: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    rps: Math.round(result.requests.average),
    p50: +pct(latencies, 50).toFixed(2),
    p95: +pct(latencies, 95).toFixed(2),
    p99: +pct(latencies, 99).toFixed(2),
    max: +latencies.at(-1)!.toFixed(2),
  };
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
    await load(svc.url, bodies, 30); // warm-up: the process's caches fill
    const r = await load(svc.url, bodies, 30);
    const floor = await load(svc.url, bodies, 30, people);
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
      const r = await load(svc.url, bodies, 20);
      const floor = await load(svc.url, bodies, 20, people);
      out({ bench: 'server', what: `rank, 20 entities, 50 concurrent clients (PGlite, demo scale ${small ? 1 : 10})`, ...r });
      out({ bench: 'server', what: `floor: one colleague by id, 50 concurrent clients (PGlite, demo scale ${small ? 1 : 10})`, ...floor, rankP95OverFloor: +(r.p95 / floor.p95).toFixed(2) });
    } finally {
      await svc.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
