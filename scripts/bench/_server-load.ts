/**
 * What the company graph service's benchmarks share (not a benchmark itself: bench.mjs skips
 * files starting with `_`): the rank bench's pages and the floor's ids, the service started as `npm run server` runs it, the closed-loop
 * load (autocannon), the demo graph as an NDJSON file, and CPU time from /proc (which the machine's load does not inflate).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../../utils/graph/model';
import { generateDemoRecords, type DemoOptions } from '../../utils/demo/generate';

export const TOKEN = 'bench-token-0123456789abcdef';

export interface Service {
  url: string;
  /** The service's process (its process group: the workers too). */
  pid: number;
  stop: () => Promise<void>;
}

/** 200 page bodies of 20 entities (1 focal account, 11 accounts, 5 contacts, 3 topics) drawn from the graph. */
export async function rankBodies(d: Database): Promise<string[]> {
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
export async function peopleIds(d: Database): Promise<string[]> {
  return (await sql<{ id: string }>`SELECT id FROM people WHERE discoverable ORDER BY md5(id) LIMIT 1000`.execute(d.db)).rows.map((r) => r.id);
}

/** `npm run server` with this environment (and `nodeArgs` as NODE_OPTIONS), in `cwd`; resolves once /healthz answers 200. */
export async function startService(env: Record<string, string>, nodeArgs: string[] = [], cwd = process.cwd()): Promise<Service> {
  const port = String(30000 + Math.floor(Math.random() * 20000));
  const dir = mkdtempSync(join(tmpdir(), 'kenner-bench-'));
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ [TOKEN]: 'bench@kenner-demo.example' }));
  // As `npm run server` starts it (its Node flags included); the process group is the service's (npm's and its workers' too).
  const child: ChildProcess = spawn('npm', ['run', '-s', 'server'], {
    env: { ...process.env, ...env, ...(nodeArgs.length ? { NODE_OPTIONS: nodeArgs.join(' ') } : {}), PORT: port, KENNER_STATIC_TOKENS: join(dir, 'tokens.json'), KENNER_DEMO: 'off', LOG_LEVEL: 'warn', KENNER_RATE_LIMIT: '100000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
    cwd,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/healthz`).catch(() => null))?.status === 200) break;
    if (i > 600) throw new Error('the service did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * 50 clients in a closed loop for `seconds`: POST /v1/rank with the page bodies, or, as the floor,
 * GET /v1/people/:id (`people`): one authenticated, audited, visibility-checked read of one row,
 * the least any answer from the database costs.
 */
export async function load(url: string, bodies: string[], seconds: number, people?: string[], cpu?: Record<string, () => number>) {
  const latencies: number[] = [];
  const cpu0 = Object.entries(cpu ?? {}).map(([k, f]) => [k, f()] as const);
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
  // CPU ms per answered request, per measured party (the service's process group, PostgreSQL's backends).
  const cpuMsPerRequest = Object.fromEntries(cpu0.map(([k, v]) => [k, +((cpu![k]() - v) / Math.max(1, latencies.length)).toFixed(3)]));
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
    ...(cpu ? { cpuMsPerRequest } : {}),
  };
}


/** Clock ticks per second of /proc's times (Linux: 100). */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** user + system CPU ms of every live process matching `pick(stat fields)` (fields after the name: [0] state, [1] ppid, [2] pgrp). */
function cpuMsWhere(pick: (fields: string[]) => boolean): number {
  let ticks = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (pick(fields)) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS;
}

/** CPU ms so far of a process group (the service and its workers). */
export const groupCpuMs = (pgid: number) => cpuMsWhere((f) => Number(f[2]) === pgid);

/** CPU ms so far of a PostgreSQL server's backends (the children of its postmaster; a backend that exited is not counted). */
export function postgresCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return cpuMsWhere((f) => Number(f[1]) === postmaster);
}

/** The demo graph with these totals as an NDJSON file (the generator's memory is not the importer's). */
export async function writeDemoFile(path: string, opts: DemoOptions): Promise<number> {
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
