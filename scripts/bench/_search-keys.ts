/**
 * Diagnostic for the popup's keystroke-to-list time (not a benchmark: bench.mjs skips `_` files).
 * Imports the demo graph once into a persistent Chromium profile, then on every run only types
 * the benchmark's 9 queries into popup.html (as `npm run bench -- extension` does) under a Chrome
 * trace, and prints per keystroke: keydown → list in the DOM (wall), and the CPU and wall of the
 * tasks of the popup's main thread, the service worker's thread and the browser process's
 * threads inside that window; for the median and the slowest keystrokes, what was left (no thread
 * of those running: scheduling and IPC waits).
 *   npx tsx scripts/bench/_search-keys.ts            # scale 10 (KENNER_BENCH_SCALE=1: quick)
 * KENNER_SK_EXT: the built extension to load (default .output/chrome-mv3-e2e); it is copied to a
 * fixed path first, so every build gets the same extension id and sees the same imported graph.
 * KENNER_SK_ROUNDS (default 3), KENNER_SK_TRACE=0 (no trace: the bench's own figure only),
 * KENNER_SK_QUIET_MS: wait this long after the popup opened before typing, KENNER_SK_DUMP=file: the
 * raw trace events, KENNER_SK_PROFILE=file / KENNER_SK_PROFILE_WORKER=file: a V8 CPU profile of the
 * popup / the service worker instead of the trace (self time by function printed; a build with
 * KENNER_NO_MINIFY=1 names the functions). Always printed: the extension process's and the
 * browser's CPU per keystroke (/proc) and the slowest keystrokes with what had been typed.
 * For an A/B, alternate builds (KENNER_SK_EXT=dir) run by run: the machine's load moves a lot.
 */
import { chromium } from 'playwright-core';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { generateDemoRecords } from '../../utils/demo/generate';
import { CHROMIUM_FLAGS, findChromium } from '../chromium.mjs';
import { cpuSeconds } from './_proc';
import type { TraceEvent } from './_cpu';

const scale = Number(process.env.KENNER_BENCH_SCALE ?? 10);
const rounds = Number(process.env.KENNER_SK_ROUNDS ?? 3);
const trace = process.env.KENNER_SK_TRACE !== '0';
const quietMs = Number(process.env.KENNER_SK_QUIET_MS ?? 0);
const src = path.resolve(process.env.KENNER_SK_EXT ?? '.output/chrome-mv3-e2e');
const extDir = path.join(tmpdir(), 'kenner-sk-ext');
const profile = path.join(tmpdir(), `kenner-sk-profile-${scale}`);
const log = (m: string) => process.stderr.write(`${m}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2) : NaN;
};
const QUERIES = ['jorg baumer', 'soren kjaergaard', 'asa nystrom', 'who knows nordlicht', 'wer kennt havbryggen', 'edi integration', 's/4hana migration', 'lindqvst', 'amsterdam support'];

async function writeGraph(): Promise<string> {
  const file = path.join(tmpdir(), `kenner-sk-scale${scale}.ndjson`);
  if (existsSync(file)) return file;
  const ws = createWriteStream(file);
  ws.write(JSON.stringify({ format: 'kenner-graph', version: 1 }) + '\n');
  for (const r of generateDemoRecords({ seed: 1, scale })) if (!ws.write(JSON.stringify(r) + '\n')) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
  return file;
}

type Ev = TraceEvent & { args?: { name?: string; data?: { message?: string } } };

async function main() {
  rmSync(extDir, { recursive: true, force: true });
  cpSync(src, extDir, { recursive: true });
  const fresh = !existsSync(path.join(profile, 'kenner-imported'));
  if (fresh) mkdirSync(profile, { recursive: true });
  // Chromium keeps the service worker's script of an unpacked extension whose version did not change: drop
  // the stored registration, so that the worker is registered again from the build being measured.
  else rmSync(path.join(profile, 'Default/Service Worker'), { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await findChromium({ quiet: true }),
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, ...(process.env.KENNER_SK_PROFILE_WORKER ? ['--remote-debugging-port=9339'] : [])],
  });
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extId = new URL(sw.url()).host;
    if (fresh) {
      const file = await writeGraph();
      log(`importing ${(statSync(file).size / 1e6).toFixed(0)} MB…`);
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extId}/options.html#data`);
      const t0 = Date.now();
      await options.getByLabel('Import company graph').setInputFiles(file);
      await options.getByRole('status').filter({ hasText: /interactions/i }).first().waitFor({ timeout: 15 * 60_000 });
      log(`  imported in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await options.close();
      writeFileSync(path.join(profile, 'kenner-imported'), extId);
    }
    // As the bench does just before: every prefix of the queries searched in the worker (its index built, its code warm).
    type Hooks = { __kennerBench: { search(q: string): Promise<{ ms: number }> } };
    await sw.evaluate(() => (globalThis as unknown as Hooks).__kennerBench.search('warm up'));
    const inWorker: number[] = [];
    for (const q of QUERIES) for (let i = 1; i <= q.length; i++) inWorker.push((await sw.evaluate((s) => (globalThis as unknown as Hooks).__kennerBench.search(s), q.slice(0, i))).ms);
    console.log(JSON.stringify({ diag: 'search-worker', p50_ms: pct(inWorker, 50), p99_ms: pct(inWorker, 99) }));
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extId}/popup.html`);
    const box = popup.getByLabel('Search colleagues');
    await box.waitFor();
    // Warm the worker's search index (built once per graph revision), as the bench's worker row does before.
    await box.fill('warm up');
    await popup.waitForSelector('[data-results-seq]');
    if (quietMs) await popup.waitForTimeout(quietMs);
    await popup.evaluate(`(() => {
      const ks = { samples: [], t0: 0, before: null, waiting: false };
      window.__ks = ks;
      const current = () => document.querySelector('[data-results-seq]')?.getAttribute('data-results-seq') ?? null;
      document.addEventListener('keydown', (e) => { ks.t0 = e.timeStamp; ks.before = current(); ks.waiting = true; console.timeStamp('ks-down'); }, true);
      new MutationObserver(() => {
        const now = current();
        if (!ks.waiting || now === null || now === ks.before) return;
        ks.waiting = false;
        console.timeStamp('ks-dom');
        ks.samples.push(performance.now() - ks.t0);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-results-seq'] });
    })()`);
    const cdp = await context.newCDPSession(popup);
    const events: Ev[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: object[] }) => void events.push(...(e.value as Ev[])));
    // KENNER_SK_PROFILE=file: a V8 CPU profile of the popup while it is typed into, instead of a trace.
    const pageProfile = process.env.KENNER_SK_PROFILE;
    // KENNER_SK_PROFILE_WORKER=file: a V8 CPU profile of the service worker while the popup is typed into.
    const workerProfile = process.env.KENNER_SK_PROFILE_WORKER;
    const swCdp = workerProfile ? await workerSession() : null;
    if (swCdp) {
      await swCdp.send('Profiler.enable');
      await swCdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await swCdp.send('Profiler.start');
    }
    if (pageProfile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    if (trace && !pageProfile && !swCdp) await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8,disabled-by-default-v8.gc,blink.user_timing,ipc,mojom', transferMode: 'ReportEvents' });
    const cpu0 = cpuSeconds(profile);
    let typed = 0;
    const texts: string[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const q of QUERIES) {
        await box.fill('');
        for (let i = 0; i < q.length; i++) {
          await popup.keyboard.type(q[i]);
          typed++;
          texts.push(q.slice(0, i + 1));
          await popup.waitForFunction((n) => (window as unknown as { __ks: { samples: number[] } }).__ks.samples.length >= n, typed, { polling: 'raf' });
        }
      }
    }
    const cpu1 = cpuSeconds(profile);
    const samples = await popup.evaluate(() => (window as unknown as { __ks: { samples: number[] } }).__ks.samples);
    const perKey = (a: number, b: number) => +(((b - a) * 1000) / samples.length).toFixed(2);
    // The slowest keystrokes and what had been typed (the tail's queries).
    const slow = samples.map((ms, i) => ({ ms, text: texts[i] })).sort((a, b) => b.ms - a.ms).slice(0, 12);
    console.log(`slowest: ${slow.map((x) => `${x.ms.toFixed(1)} "${x.text}"`).join(', ')}`);
    console.log(JSON.stringify({ diag: 'search-keystroke', scale, keystrokes: samples.length, p50_ms: pct(samples, 50), p90_ms: pct(samples, 90), p99_ms: pct(samples, 99), max_ms: pct(samples, 100), extension_cpu_ms_per_keystroke: perKey(cpu0.ext, cpu1.ext), browser_cpu_ms_per_keystroke: perKey(cpu0.all, cpu1.all), load: +readFileSync('/proc/loadavg', 'utf8').split(' ')[0] }));
    if (swCdp && workerProfile) {
      const { profile: p } = (await swCdp.send('Profiler.stop')) as { profile: CpuProfile };
      writeFileSync(workerProfile, JSON.stringify(p));
      selfTimes(p);
      swCdp.close();
      return;
    }
    if (pageProfile) {
      const { profile: p } = await cdp.send('Profiler.stop');
      writeFileSync(pageProfile, JSON.stringify(p));
      selfTimes(p as unknown as CpuProfile);
      return;
    }
    if (!trace) return;
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    analyse(events);
  } finally {
    await context.close();
  }
}

/** A raw CDP session to the extension's service worker (over --remote-debugging-port: Playwright gives none for workers). */
async function workerSession(): Promise<{ send(method: string, params?: object): Promise<unknown>; close(): void }> {
  const list = (await (await fetch('http://127.0.0.1:9339/json/list')).json()) as Array<{ type: string; url: string; webSocketDebuggerUrl: string }>;
  const target = list.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!target) throw new Error('no service worker target');
  // `ws` (a dependency of the toolchain) has no type declarations here: the little of it used, typed.
  type Socket = import('node:events').EventEmitter & { send(data: string): void; close(): void };
  const wsModule = 'ws';
  const { default: WebSocket } = (await import(wsModule)) as { default: new (url: string, opts: object) => Socket };
  const ws = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await once(ws, 'open');
  let id = 0;
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on('message', (d: Buffer) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve) => {
        waiting.set(++id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function (and file) in a V8 CPU profile, the largest first. */
function selfTimes(p: CpuProfile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i])!;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = n.callFrame;
    const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + dt);
    if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += dt;
  }
  console.log(`profiled ms (not idle/program): ${total.toFixed(0)}`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
}

function analyse(events: Ev[]) {
  const names = new Map<string, string>();
  const pnames = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    if (e.ph === 'M' && e.name === 'process_name') pnames.set(e.pid, e.args?.name ?? '');
  }
  const downs = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'ks-down').sort((a, b) => a.ts - b.ts);
  const doms = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'ks-dom').sort((a, b) => a.ts - b.ts);
  if (!downs.length) throw new Error('no marks');
  const popupKey = `${downs[0].pid}:${downs[0].tid}`;
  const extPid = downs[0].pid;
  // Top-level tasks per thread (outermost only).
  const byThread = new Map<string, Ev[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !(e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask')) continue;
    const k = `${e.pid}:${e.tid}`;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const outer: Ev[] = [];
    for (const t of list) {
      const last = outer[outer.length - 1];
      if (last && t.ts + (t.dur ?? 0) <= last.ts + (last.dur ?? 0)) continue;
      outer.push(t);
    }
    byThread.set(k, outer);
  }
  const label = (k: string) => {
    const [pid] = k.split(':').map(Number);
    const who = pid === extPid ? 'ext' : (pnames.get(pid) ?? `pid${pid}`);
    return k === popupKey ? 'popup-main' : `${who}/${names.get(k) ?? k}`;
  };
  // Keystroke windows: a down and the first dom after it.
  const wins: Array<{ t0: number; t1: number }> = [];
  let j = 0;
  for (let i = 0; i < downs.length; i++) {
    while (j < doms.length && doms[j].ts < downs[i].ts) j++;
    const next = downs[i + 1]?.ts ?? Infinity;
    if (j < doms.length && doms[j].ts < next) wins.push({ t0: downs[i].ts, t1: doms[j].ts });
  }
  const per = wins.map((w) => {
    const threads: Record<string, { wall: number; cpu: number; n: number }> = {};
    const busy: Array<[number, number]> = [];
    for (const [k, list] of byThread) {
      for (const t of list) {
        const a = Math.max(t.ts, w.t0);
        const b = Math.min(t.ts + (t.dur ?? 0), w.t1);
        if (b <= a) continue;
        const frac = (b - a) / Math.max(1, t.dur ?? 1);
        const l = label(k);
        const r = (threads[l] ??= { wall: 0, cpu: 0, n: 0 });
        r.wall += (b - a) / 1000;
        r.cpu += ((t.tdur ?? t.dur ?? 0) * frac) / 1000;
        r.n++;
        if (l === 'popup-main' || l.includes('ServiceWorker')) busy.push([a, b]);
      }
    }
    // Time in the window when neither the popup's main thread nor the worker's thread ran a task.
    busy.sort((x, y) => x[0] - y[0]);
    let covered = 0;
    let end = w.t0;
    for (const [a, b] of busy) {
      if (b <= end) continue;
      covered += b - Math.max(a, end);
      end = b;
    }
    return { ms: (w.t1 - w.t0) / 1000, idle: (w.t1 - w.t0 - covered) / 1000, threads };
  });
  const sorted = [...per].sort((a, b) => a.ms - b.ms);
  const summarize = (xs: typeof per, title: string) => {
    const agg: Record<string, { wall: number; cpu: number; n: number }> = {};
    for (const x of xs) for (const [k, v] of Object.entries(x.threads)) {
      const r = (agg[k] ??= { wall: 0, cpu: 0, n: 0 });
      r.wall += v.wall / xs.length;
      r.cpu += v.cpu / xs.length;
      r.n += v.n / xs.length;
    }
    const top = Object.entries(agg).sort((a, b) => b[1].wall - a[1].wall).slice(0, 8);
    console.log(`${title} (${xs.length}): wall ${(xs.reduce((s, x) => s + x.ms, 0) / xs.length).toFixed(2)} ms, neither popup nor worker running ${(xs.reduce((s, x) => s + x.idle, 0) / xs.length).toFixed(2)} ms`);
    for (const [k, v] of top) console.log(`   ${k.padEnd(48)} wall ${v.wall.toFixed(2)}  cpu ${v.cpu.toFixed(2)}  tasks ${v.n.toFixed(1)}`);
  };
  // Whole typing: every thread's CPU per keystroke (what load does not inflate), windows or not.
  const from = downs[0].ts;
  const to = doms[doms.length - 1].ts;
  const totals: Array<[string, number]> = [];
  for (const [k, list] of byThread) {
    const cpu = list.filter((t) => t.ts >= from && t.ts <= to).reduce((a, t) => a + (t.tdur ?? 0), 0) / 1000 / wins.length;
    if (cpu >= 0.05) totals.push([label(k), cpu]);
  }
  console.log(`CPU per keystroke, whole typing: ${totals.sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
  console.log(`windows ${per.length}; p50 ${pct(per.map((x) => x.ms), 50)} p99 ${pct(per.map((x) => x.ms), 99)}`);
  const n = sorted.length;
  summarize(sorted.slice(Math.floor(n * 0.4), Math.floor(n * 0.6)), 'middle 20 %');
  summarize(sorted.slice(Math.floor(n * 0.95)), 'slowest 5 %');
  if (process.env.KENNER_SK_DUMP) writeFileSync(process.env.KENNER_SK_DUMP, JSON.stringify(events));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
