/**
 * Diagnostic (not part of `npm run bench`: files starting with `_` are skipped), see
 * server/server.design.md "Import memory": `npm run server -- import FILE` of the bench's graph
 * (scripts/bench/server.ts) at a fraction of the issue's scale into a throw-away PostgreSQL
 * cluster, in its own process: wall time, CPU (user + system) and peak RSS (GNU time), and
 * the cluster's CPU (its backends') for the import.
 *   KENNER_BENCH_FRACTION=0.05   the fraction of 100k people, 400k accounts, 1M contacts, 10M interactions
 *   KENNER_BENCH_FILE=/tmp/x.ndjson  reuse a graph file (written there if absent; kept)
 *   KENNER_BENCH_NODE_FLAGS='--max-old-space-size=96'  flags for the importing node
 *   KENNER_BENCH_MERGE=1         then merge the same file into the imported graph (peak RSS of that too)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../pg-cluster.mjs';
import { writeDemoFile } from './_server-load';

const f = Number(process.env.KENNER_BENCH_FRACTION ?? 0.05);
const TARGETS = { people: Math.round(100_000 * f), accounts: Math.round(400_000 * f), contacts: Math.round(1_000_000 * f), interactions: Math.round(10_000_000 * f) };
const flags = (process.env.KENNER_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** CPU seconds of the cluster's postmaster and its reaped children (the backends), from /proc, once the import's backends have exited. */
async function clusterCpu(base: string): Promise<number> {
  let last = NaN;
  for (let i = 0; i < 50; i++) {
    const now = clusterCpuNow(base);
    if (now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 400));
  }
  return last;
}

function clusterCpuNow(base: string): number {
  try {
    const pid = readFileSync(join(base, 'primary', 'postmaster.pid'), 'utf8').split('\n')[0];
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return NaN;
  }
}

function timedImport(url: string, file: string, merge: boolean) {
  const args = ['-v', process.execPath, ...flags, '--import', 'tsx', 'server/main.ts', 'import', ...(merge ? ['--merge'] : []), file];
  const r = spawnSync('/usr/bin/time', args, { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  const num = (re: RegExp) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  return {
    ok: r.status === 0,
    out: (r.stdout + r.stderr.split('\tCommand being timed')[0]).trim().slice(0, 2000),
    wallS: num(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:\d+:)?(\d+:[\d.]+)/) || r.stderr.match(/Elapsed.*: (\S+)/)?.[1],
    cpuS: +(num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)).toFixed(1),
    peakRssMb: Math.round(num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024),
  };
}

const file = process.env.KENNER_BENCH_FILE ?? join(tmpdir(), `kenner-import-${f}.ndjson`);
if (!existsSync(file)) {
  console.error(`writing ${JSON.stringify(TARGETS)} to ${file}…`);
  await writeDemoFile(file, { targets: TARGETS, seed: 3 });
}
const fileMb = Math.round(statSync(file).size / 2 ** 20);
const cluster = await startCluster();
try {
  let pg0 = await clusterCpu(cluster.base);
  const replace = timedImport(cluster.url, file, false);
  let pgCpuS = +((await clusterCpu(cluster.base)) - pg0).toFixed(1);
  console.log(JSON.stringify({ what: 'import (replace)', fraction: f, fileMb, flags: flags.join(' '), ...replace, pgCpuS }));
  if (process.env.KENNER_BENCH_MERGE) {
    pg0 = await clusterCpu(cluster.base);
    const merge = timedImport(cluster.url, file, true);
    pgCpuS = +((await clusterCpu(cluster.base)) - pg0).toFixed(1);
    console.log(JSON.stringify({ what: 'import (merge of the same file)', fraction: f, fileMb, flags: flags.join(' '), ...merge, pgCpuS }));
  }
} finally {
  await cluster.stop();
  if (!process.env.KENNER_BENCH_FILE) rmSync(file, { force: true });
}

