/**
 * Development aid for /v1/rank's CPU per request (not a benchmark: bench.mjs skips files
 * starting with `_`). Against a database that already holds a graph (DATABASE_URL; the bench's
 * twentieth with `prepare`), it starts the service as the bench does, warms it with the rank
 * bench's pages, then alternates rank and floor rounds (50 clients each) and prints, per round,
 * throughput, latencies and the CPU ms per request of the service's processes and of the
 * cluster's backends (KENNER_PG_DIR: its data folder). Other environment (SERVER_WORKERS, …)
 * goes to the service.
 *
 *   DATABASE_URL=… npx tsx scripts/bench/_rank-cpu.ts prepare
 *   DATABASE_URL=… KENNER_PG_DIR=… npx tsx scripts/bench/_rank-cpu.ts [rounds] [seconds]
 *
 * KENNER_WARM_SECONDS sets the warm-up (default: a round's length); KENNER_SERVER_DIR runs another
 * checkout's `npm run server` (same-session A/B); KENNER_CPU_PROF=DIR
 * writes a V8 CPU profile per process (`node --cpu-prof`) there; KENNER_RANK_ONLY=1 leaves the floor out
 * (a profile of rank alone).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/database';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../../utils/graph/model';
import { generateDemoRecords } from '../../utils/demo/generate';
import { groupCpuMs, load, peopleIds, postgresCpuMs, rankBodies, startService } from './_server-load';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL names the database');
const [command = '3', seconds = '10'] = process.argv.slice(2);

if (command === 'prepare') {
  const f = 1 / 20;
  const targets = { people: Math.round(100_000 * f), accounts: Math.round(400_000 * f), contacts: Math.round(1_000_000 * f), interactions: Math.round(10_000_000 * f) };
  const dir = mkdtempSync(join(tmpdir(), 'kenner-rank-cpu-'));
  try {
    const file = join(dir, 'graph.ndjson');
    const out = createWriteStream(file);
    out.write(`${JSON.stringify({ format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION })}\n`);
    for (const r of generateDemoRecords({ targets, seed: 3 })) if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', 'import', file], { env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const d = await openDatabase({ databaseUrl: url });
  const bodies = await rankBodies(d);
  const people = await peopleIds(d);
  await d.close();
  const prof = process.env.KENNER_CPU_PROF;
  const svc = await startService({ DATABASE_URL: url }, prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [], process.env.KENNER_SERVER_DIR);
  const pgDir = process.env.KENNER_PG_DIR;
  const cpu = { service: () => groupCpuMs(svc.pid), ...(pgDir ? { postgres: () => postgresCpuMs(pgDir) } : {}) };
  try {
    await load(svc.url, bodies, Number(process.env.KENNER_WARM_SECONDS ?? seconds));
    for (let i = 0; i < Number(command); i++) {
      const r = await load(svc.url, bodies, Number(seconds), undefined, cpu);
      if (process.env.KENNER_RANK_ONLY) {
        console.log(JSON.stringify({ round: i + 1, rank: r }));
        continue;
      }
      const floor = await load(svc.url, bodies, Number(seconds), people, cpu);
      console.log(JSON.stringify({ round: i + 1, rank: r, floor, rankP95OverFloor: +(r.p95 / floor.p95).toFixed(2) }));
    }
  } finally {
    await svc.stop();
  }
}
