/**
 * Development aid (not a benchmark: bench.mjs skips `_` files): CPU per warm /v1/rank in one
 * process, by part, with process.cpuUsage() (the machine's load does not inflate it much):
 * the ranking alone (rankForViewer), JSON.stringify of its answer, the whole route through
 * Fastify without sockets (app.inject), and the floor the same way. DATABASE_URL: a database
 * holding a graph (_rank-cpu.ts prepare).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, GraphState } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { RankCache, rankForViewer } from '../../server/graph/rank';
import { peopleIds, rankBodies, TOKEN } from './_server-load';

const url = process.env.DATABASE_URL!;
const N = Number(process.argv[2] ?? 2000);
const d = await openDatabase({ databaseUrl: url });
const bodies = await rankBodies(d);
const people = await peopleIds(d);
const dir = mkdtempSync(join(tmpdir(), 'kenner-inproc-'));
writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ [TOKEN]: 'bench@kenner-demo.example' }));
const config = loadConfig({ DATABASE_URL: url, KENNER_STATIC_TOKENS: join(dir, 'tokens.json'), KENNER_DEMO: 'off', LOG_LEVEL: 'warn', KENNER_RATE_LIMIT: '100000000' });
const app = await buildApp({ config, database: d, logger: process.env.KENNER_LOG === 'on' ? { level: 'warn' } : false });
await app.ready();

const cpu = async (label: string, n: number, f: (i: number) => unknown) => {
  for (let i = 0; i < Math.min(n, 400); i++) await f(i);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(40)} ${((c.user + c.system) / 1000 / n).toFixed(3)} ms CPU/req (user ${(c.user / 1000 / n).toFixed(3)}), wall ${((performance.now() - t0) / n).toFixed(3)} ms`);
};

const parsed = bodies.map((b) => JSON.parse(b) as { entities: Array<{ kind: 'account'; id: string; focal?: boolean }>; limit: number });
const state = new GraphState(d);
const cache = new RankCache(config.rankCacheRows);
const viewer = await state.viewer('bench@kenner-demo.example', config.visibility);
const graph = (await state.graph())!;
const rank = (i: number) => rankForViewer(d.read, parsed[i % 200].entities, graph.refTime, viewer, config.visibility, { limit: 20, now: Date.now(), cache: cache.use(state.rankKey(graph)) });
for (let i = 0; i < 400; i++) await rank(i); // the cache fills
const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => rank(i)));
console.log(`answer: ${Math.round(answers.reduce((s, a) => s + JSON.stringify({ suggestions: a }).length, 0) / 200)} bytes on average`);
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
for (let round = 0; round < 2; round++) {
  await cpu('rankForViewer (warm)', N, rank);
  await cpu('JSON.stringify of the answer', N, (i) => JSON.stringify({ suggestions: answers[i % 200] }));
  await cpu('inject POST /v1/rank', N, (i) => app.inject({ method: 'POST', url: '/v1/rank', headers, payload: bodies[i % 200] }));
  await cpu('inject GET /v1/people/:id (floor)', N, (i) => app.inject({ method: 'GET', url: `/v1/people/${encodeURIComponent(people[i % people.length])}`, headers }));
  await cpu('inject GET /livez', N, () => app.inject({ method: 'GET', url: '/livez' }));
}
await app.close();
await d.close();
