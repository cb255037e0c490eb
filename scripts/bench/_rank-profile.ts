/**
 * Development aid for the warm-ranking tail (not a benchmark: bench.mjs skips
 * files starting with `_`). Imports the scale-N graph once into a kept
 * profile (KENNER_PROF_DIR), then runs the bench's warm loop (same entity
 * sets, rank and floor alternating) and prints per-query times; with
 * KENNER_PROF_CPU=1 it records a CPU profile of the service worker over CDP
 * (remote debugging port) and prints self time by function and GC share.
 */
import { chromium, type Worker } from 'playwright-core';
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
// @ts-expect-error -- the ws package ships no types; the little used is typed below (Ws).
import * as wsModule from 'ws';

/** The little of `ws` used here (the package ships no types). */
interface Ws {
  on(event: 'message', cb: (m: unknown) => void): void;
  once(event: 'open', cb: () => void): void;
  send(data: string): void;
  close(): void;
}
const WebSocket = (wsModule as unknown as { default: new (url: string, opts: object) => Ws }).default;
import { generateDemoRecords } from '../../utils/demo/generate';
import type { DetectedEntity } from '../../utils/spotting/types';
import type { BenchGlobal } from '../../tests/support/bench-hooks';
import { CHROMIUM_FLAGS, findChromium } from '../chromium.mjs';
import { threadCpu } from './_proc';

const scale = Number(process.env.KENNER_BENCH_SCALE ?? 10);
const dir = process.env.KENNER_PROF_DIR ?? `/tmp/rank-prof-${scale}`;
const extDir = path.resolve('.output/chrome-mv3-e2e');
const port = 9400 + Math.floor(Math.random() * 400);
const log = (m: string) => process.stderr.write(`${m}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2);
};
type B = BenchGlobal;

async function writeGraph(file: string) {
  const ws = createWriteStream(file);
  ws.write(JSON.stringify({ format: 'kenner-graph', version: 1 }) + '\n');
  for (const r of generateDemoRecords({ seed: 1, scale })) if (!ws.write(JSON.stringify(r) + '\n')) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
}

class Cdp {
  private id = 0;
  private pending = new Map<number, (v: unknown) => void>();
  constructor(private ws: Ws) {
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m)) as { id?: number; result?: unknown; error?: unknown };
      if (msg.id && this.pending.has(msg.id)) this.pending.get(msg.id)!(msg.result ?? msg.error);
    });
  }
  static async connect(url: string) {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise<void>((r) => ws.once('open', r));
    return new Cdp(ws);
  }
  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((r) => this.pending.set(id, r as (v: unknown) => void));
  }
  close() {
    this.ws.close();
  }
}

interface ProfNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function summarize(profile: { nodes: ProfNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    const n = byId.get(id)!;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 45);
  log(`profile total ${total.toFixed(0)} ms`);
  for (const [k, v] of top) log(`  ${v.toFixed(1).padStart(8)} ms  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}


async function main() {
  mkdirSync(dir, { recursive: true });
  const profile = path.join(dir, 'profile');
  const imported = path.join(dir, 'imported');
  // A kept profile caches the worker's script: drop it so that the current build runs.
  rmSync(path.join(profile, 'Default', 'Service Worker'), { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await findChromium({ quiet: true }),
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, `--remote-debugging-port=${port}`],
  });
  try {
    const sw: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extId = new URL(sw.url()).host;
    if (!existsSync(imported)) {
      const file = path.join(dir, 'graph.ndjson');
      if (!existsSync(file)) await writeGraph(file);
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extId}/options.html#data`);
      const ti = Date.now();
      await options.getByLabel('Import company graph').setInputFiles(file);
      await options.getByRole('status').filter({ hasText: /interactions/i }).first().waitFor({ timeout: 15 * 60_000 });
      log(`import ${((Date.now() - ti) / 1000).toFixed(1)} s`);
      await options.close();
      writeFileSync(imported, '1');
    }
    log(`worker rank hook: ${String(await sw.evaluate('__kennerBench.rank.toString().slice(0, 120)'))}`);
    const counts = { account: 10, contact: 5, topic: 5 };
    const sets: DetectedEntity[][] = [];
    for (let i = 0; i < 250; i++) sets.push(await sw.evaluate(([c, s]) => (globalThis as unknown as B).__kennerBench.sampleEntities(c, s), [counts, i + 1] as const));
    let cdp: Cdp | undefined;
    if (process.env.KENNER_PROF_CPU) {
      const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; url: string; webSocketDebuggerUrl: string }>;
      const t = list.find((x) => x.type === 'service_worker' && x.url.includes(extId));
      if (!t) throw new Error('no worker target');
      cdp = await Cdp.connect(t.webSocketDebuggerUrl);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    const cpu0 = threadCpu(profile);
    let st0: Record<string, number> = {};
    const warm: number[] = [];
    const floor: number[] = [];
    const topicMiss: number[] = [];
    const phases: Array<Record<string, number>> = [];
    const stat = () => sw.evaluate<Record<string, number>>('__kennerBench.rankStats ? __kennerBench.rankStats() : {}');
    const noFloor = process.env.KENNER_PROF_FLOOR === '0';
    const rounds = Number(process.env.KENNER_PROF_ROUNDS ?? 1);
    for (let round = 0; round < rounds; round++) {
      if (round > 0) await sw.evaluate(() => (globalThis as unknown as B).__kennerBench.coldReset());
      for (let i = 0; i < sets.length - 30; i++) {
        if (i === 20 && cdp && round === 0) await cdp.send('Profiler.start');
        if (i === 20 && round === 0) st0 = await stat();
        const s0 = await stat();
        const r = await sw.evaluate((e) => (globalThis as unknown as B).__kennerBench.rank(e), sets[i]);
        const s1 = await stat();
        const f = noFloor ? { ms: 0 } : await sw.evaluate((e) => (globalThis as unknown as B).__kennerBench.floor(e), sets[i]);
        if (i >= 20) {
          warm.push(r.ms);
          floor.push(f.ms);
          topicMiss.push(s1.topicMisses - s0.topicMisses);
          phases.push({ read: s1.readMs - s0.readMs, fold: s1.foldMs - s0.foldMs, first: s1.firstPassMs - s0.firstPassMs, total: r.ms });
        }
      }
    }
    const cpu1 = threadCpu(profile);
    const busy = [...cpu1].map(([k, v]) => [k, v - (cpu0.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 12);
    log(`thread CPU during the warm loop (ms, per query): ${busy.map(([k, v]) => `${k} ${((v * 10) / warm.length).toFixed(2)}`).join(', ')}`);
    if (cdp) {
      const { profile: p } = await cdp.send<{ profile: { nodes: ProfNode[]; samples: number[]; timeDeltas: number[] } }>('Profiler.stop');
      writeFileSync(path.join(dir, 'worker.cpuprofile'), JSON.stringify(p));
      summarize(p);
      cdp.close();
    }
    const st1 = await stat();
    log(`reads per warm query: ${Object.keys(st1).map((k) => `${k} ${((st1[k] - (st0[k] ?? 0)) / warm.length).toFixed(2)}`).join(', ')}`);
    log(`per query (ms, *: a topic read): ${warm.map((x, k) => x.toFixed(1) + '*'.repeat(topicMiss[k])).join(' ')}`);
    for (const group of [0, 1]) {
      const ph = phases.filter((_, k) => (topicMiss[k] ? 1 : 0) === group);
      if (!ph.length) continue;
      log(`phases (p50 ms) ${group ? 'with a topic read' : 'topics cached'}: ${Object.keys(ph[0]).map((k) => `${k} ${pct(ph.map((x) => x[k]), 50)}`).join(', ')}`);
    }
    const hit = warm.filter((_, k) => !topicMiss[k]);
    const miss = warm.filter((_, k) => topicMiss[k]);
    log(`queries with every topic cached: ${hit.length}, p50 ${pct(hit, 50)} p95 ${pct(hit, 95)}; with a topic read: ${miss.length}, p50 ${miss.length ? pct(miss, 50) : '-'}`);
    if (process.env.KENNER_PROF_COLD) {
      const cold: number[] = [];
      const coldFloor: number[] = [];
      const c0 = threadCpu(profile);
      for (let i = sets.length - 30; i < sets.length; i++) {
        await sw.evaluate(() => (globalThis as unknown as B).__kennerBench.coldReset());
        cold.push((await sw.evaluate((e) => (globalThis as unknown as B).__kennerBench.rank(e), sets[i])).ms);
        await sw.evaluate(() => (globalThis as unknown as B).__kennerBench.coldReset());
        coldFloor.push((await sw.evaluate((e) => (globalThis as unknown as B).__kennerBench.floor(e), sets[i])).ms);
      }
      const c1 = threadCpu(profile);
      const swKey = [...c1.keys()].find((k) => k.startsWith('extension/ServiceWorker'));
      log(`cold: p50 ${pct(cold, 50)} p95 ${pct(cold, 95)} max ${pct(cold, 100)}; floor p50 ${pct(coldFloor, 50)} p95 ${pct(coldFloor, 95)}; worker CPU per cold pair ${swKey ? (((c1.get(swKey)! - (c0.get(swKey) ?? 0)) * 10) / 30).toFixed(1) : '?'} ms`);
    }
    process.stdout.write(`${JSON.stringify({ bench: 'rank-warm(prof)', scale, samples: warm.length, p50_ms: pct(warm, 50), p90_ms: pct(warm, 90), p95_ms: pct(warm, 95), max_ms: pct(warm, 100), floor_p50_ms: pct(floor, 50), floor_p95_ms: pct(floor, 95), cpu: !!cdp })}\n`);
  } finally {
    await context.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
