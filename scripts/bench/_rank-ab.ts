/**
 * Development aid (not a benchmark: bench.mjs skips `_` files): same-session A/B of the service's
 * CPU per rank request. Starts every configuration at once against one database (DATABASE_URL),
 * warms each, then loads them in turn, `rounds` times, for `seconds` each (50 clients, the rank
 * bench's pages): each configuration sees the same machine load in every round. Prints each
 * round and the median CPU ms per request per configuration (the service's processes).
 *
 *   DATABASE_URL=… npx tsx scripts/bench/_rank-ab.ts '[{"name":"before","dir":"/tmp/old"},{"name":"now"},{"name":"2 workers","env":{"KENNER_WORKERS":"2"}}]' [rounds] [seconds]
 */
import { openDatabase } from '../../server/db/database';
import { groupCpuMs, load, peopleIds, rankBodies, startService, type Service } from './_server-load';

interface Config {
  name: string;
  dir?: string;
  env?: Record<string, string>;
}
const url = process.env.DATABASE_URL!;
const configs = JSON.parse(process.argv[2]) as Config[];
const rounds = Number(process.argv[3] ?? 6);
const seconds = Number(process.argv[4] ?? 5);
const d = await openDatabase({ databaseUrl: url });
const bodies = await rankBodies(d);
const people = await peopleIds(d);
await d.close();
const services: Service[] = [];
try {
  for (const c of configs) services.push(await startService({ DATABASE_URL: url, ...c.env }, [], c.dir));
  for (const s of services) await load(s.url, bodies, Number(process.env.KENNER_WARM_SECONDS ?? 30));
  const cpu: number[][] = configs.map(() => []);
  const floorCpu: number[][] = configs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, s] of services.entries()) {
      const rank = await load(s.url, bodies, seconds, undefined, { service: () => groupCpuMs(s.pid) });
      const floor = await load(s.url, bodies, seconds, people, { service: () => groupCpuMs(s.pid) });
      cpu[i].push(rank.cpuMsPerRequest!.service);
      floorCpu[i].push(floor.cpuMsPerRequest!.service);
      console.log(JSON.stringify({ round: r + 1, config: configs[i].name, rank, floor, rankP95OverFloor: +(rank.p95 / floor.p95).toFixed(2) }));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [i, c] of configs.entries()) console.log(JSON.stringify({ config: c.name, rankCpuMsPerRequest: median(cpu[i]), floorCpuMsPerRequest: median(floorCpu[i]), all: cpu[i] }));
} finally {
  for (const s of services) await s.stop();
}
