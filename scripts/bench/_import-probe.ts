/**
 * Diagnostic (not part of `npm run bench`: files starting with `_` are
 * skipped), see utils/store/store.design.md "Memory of an import": the
 * scale-10 import through the options page with, every 0.5 s, the RSS of
 * every Chromium process of this profile, the extension process's anonymous
 * RSS grouped by address >> 32 (V8 cage, ArrayBuffers, PartitionAlloc pools),
 * and the V8 heap of the service worker and the options page (CDP
 * Runtime.getHeapUsage over a debugging port). `npx tsx scripts/bench/_import-probe.ts`
 *   KENNER_PROBE_FILE=/tmp/x.ndjson  reuse a graph file (written there if absent)
 *   KENNER_PROBE_OUT=/tmp/probe.tsv  the time series (default)
 *   KENNER_PROBE_GC=20,47            force a GC in the worker at these seconds
 *   KENNER_PROBE_PROFILE=22,40       sampling heap profile of what survives scavenges → /tmp/probe-heapprofile.json
 *   KENNER_PROBE_FLAGS='--flag …'    extra Chromium flags
 *   KENNER_PROBE_DUMP=40,45          a memory-infra dump of the extension process at these seconds
 *                                    (Chromium's allocators: PartitionAlloc partitions, Oilpan, V8 spaces…) → stdout
 *   KENNER_PROBE_CPU=1               a V8 CPU profile of the service worker over the whole import: self time by
 *                                    function printed (build with KENNER_NO_MINIFY=1 for names), the profile → /tmp/probe-cpuprofile.json
 */
import { chromium } from 'playwright-core';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import { generateDemoRecords } from '../../utils/demo/generate';
import { CHROMIUM_FLAGS, findChromium } from '../chromium.mjs';

const scale = Number(process.env.KENNER_BENCH_SCALE ?? 10);
const extDir = path.resolve('.output/chrome-mv3-e2e');
const port = 9300 + Math.floor(Math.random() * 500);

async function writeGraph(file: string): Promise<void> {
  const ws = createWriteStream(file);
  ws.write(JSON.stringify({ format: 'kenner-graph', version: 1 }) + '\n');
  for (const r of generateDemoRecords({ seed: 1, scale })) if (!ws.write(JSON.stringify(r) + '\n')) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
}

function procs(profile: string): Array<{ pid: string; type: string; rss: number; hwm: number }> {
  const out = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(profile)) continue;
      const type = cmd.includes('--extension-process') ? 'ext' : (/--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      out.push({ pid, type, rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) >> 10, hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) >> 10 });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Anonymous RSS (MB) of a process grouped by address >> 32 (V8 cage, ArrayBuffers, PartitionAlloc pools land in different groups). */
function groups(pid: string): string {
  const by = new Map<string, number>();
  let key = '';
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const m = /^([0-9a-f]+)-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(\S*)/.exec(line);
      if (m) key = m[2] ? (m[2].startsWith('/usr/lib/chromium') ? 'bin' : 'file') : (BigInt('0x' + m[1]) >> 32n).toString(16);
      else if (line.startsWith('Rss:')) by.set(key, (by.get(key) ?? 0) + Number(line.split(/\s+/)[1]));
    }
  } catch {
    return '';
  }
  return [...by].filter(([, v]) => v > 4096).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v >> 10}`).join(' ');
}

/** The few members of `ws` (no types installed) used here. */
interface WsLike extends EventEmitter {
  send(data: string): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, opts: { perMessageDeflate: boolean }) => WsLike;

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
  embedderHeapUsedSize?: number;
}

class Cdp {
  private id = 0;
  private readonly pending = new Map<number, (v: unknown) => void>();
  private readonly events = new Map<string, Array<(p: unknown) => void>>();
  constructor(private readonly ws: WsLike) {
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(String(d)) as { id?: number; result?: unknown; error?: unknown; method?: string; params?: unknown };
      if (m.id !== undefined) this.pending.get(m.id)?.(m.result ?? m.error);
      else if (m.method) for (const l of this.events.get(m.method) ?? []) l(m.params);
    });
  }
  onEvent(method: string, l: (p: unknown) => void): void {
    this.events.set(method, [...(this.events.get(method) ?? []), l]);
  }
  static async open(url: string): Promise<Cdp> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await once(ws, 'open');
    return new Cdp(ws);
  }
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((r) => this.pending.set(id, r as (v: unknown) => void));
  }
  close() {
    this.ws.close();
  }
}

/** The extension process's allocator dumps (MB), the larger ones, per memory-infra dump. */
function printDumps(events: unknown[], pid: string | undefined): void {
  type Dump = { pid: number; ts: number; ph: string; args?: { dumps?: { allocators?: Record<string, { attrs?: { size?: { value: string } } }> } } };
  for (const e of events as Dump[]) {
    if (e.ph !== 'v' || String(e.pid) !== pid || !e.args?.dumps?.allocators) continue;
    const sizes = Object.entries(e.args.dumps.allocators)
      .map(([k, v]) => [k, parseInt(v.attrs?.size?.value ?? '0', 16) / 1e6] as const)
      .filter(([k, v]) => v >= 1 && k.split('/').length <= 4);
    console.log(`dump ts=${e.ts}: ` + sizes.sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => `${k}=${v.toFixed(1)}`).join('  '));
  }
}

async function main() {
  const file = process.env.KENNER_PROBE_FILE ?? path.join(tmpdir(), `kenner-probe-scale${scale}.ndjson`);
  if (!existsSync(file)) await writeGraph(file);
  const profile = mkdtempSync(path.join(tmpdir(), 'kenner-probe-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await findChromium({ quiet: true }),
    headless: true,
    args: [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, ...(process.env.KENNER_PROBE_FLAGS?.split(' ').filter(Boolean) ?? [])],
  });
  const rows: string[] = ['t\tgroups\tprocs\tsw_used\tsw_total\tpage_used\tpage_total\tsw_backing\tsw_embedder\tpage_backing\tprogress'];
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extId = new URL(sw.url()).host;
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extId}/options.html#data`);
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; url: string; webSocketDebuggerUrl: string }>;
    const swT = targets.find((t) => t.type === 'service_worker' && t.url.includes(extId));
    const pageT = targets.find((t) => t.type === 'page' && t.url.includes('options.html'));
    const swCdp = swT ? await Cdp.open(swT.webSocketDebuggerUrl) : null;
    const pageCdp = pageT ? await Cdp.open(pageT.webSocketDebuggerUrl) : null;
    const ver = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
    const dumpAt = (process.env.KENNER_PROBE_DUMP ?? '').split(',').filter(Boolean).map(Number);
    const browserCdp = dumpAt.length ? await Cdp.open(ver.webSocketDebuggerUrl) : null;
    const dumps: unknown[] = [];
    browserCdp?.onEvent('Tracing.dataCollected', (p) => dumps.push(...(p as { value: unknown[] }).value));
    if (browserCdp) {
      await browserCdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], excludedCategories: ['*'], memoryDumpConfig: { triggers: [] } },
      });
    }
    const t0 = Date.now();
    let stop = false;
    let profiling = false;
    let profiled = false;
    const peak = new Map<string, number>();
    const loop = (async () => {
      while (!stop) {
        const ps = procs(profile);
        for (const p of ps) peak.set(`${p.type}:${p.pid}`, Math.max(peak.get(`${p.type}:${p.pid}`) ?? 0, p.rss));
        const gcAt = (process.env.KENNER_PROBE_GC ?? '').split(',').filter(Boolean).map(Number);
        const el = (Date.now() - t0) / 1000;
        let gcNote = '';
        if (gcAt.some((g) => el >= g && el < g + 0.6) && swCdp) {
          await swCdp.send('HeapProfiler.collectGarbage');
          const after = await swCdp.send<HeapUsage>('Runtime.getHeapUsage');
          gcNote = ` GC→used ${Math.round(after.usedSize / 1e6)} total ${Math.round(after.totalSize / 1e6)} back ${Math.round((after.backingStorageSize ?? 0) / 1e6)}`;
        }
        if (browserCdp && dumpAt.some((g) => el >= g && el < g + 0.6)) {
          const r = await browserCdp.send<{ success?: boolean }>('Tracing.requestMemoryDump', { deterministic: false, levelOfDetail: 'detailed' });
          gcNote += ` dump@${el.toFixed(1)}:${r?.success}`;
        }
        const prof = (process.env.KENNER_PROBE_PROFILE ?? '').split(',').filter(Boolean).map(Number);
        if (prof.length === 2 && swCdp) {
          if (el >= prof[0] && !profiling && !profiled) {
            profiling = true;
            await swCdp.send('HeapProfiler.enable');
            await swCdp.send('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
          } else if (el >= prof[1] && profiling) {
            profiling = false;
            profiled = true;
            const r = await swCdp.send<{ profile: unknown }>('HeapProfiler.stopSampling');
            writeFileSync('/tmp/probe-heapprofile.json', JSON.stringify(r.profile));
          }
        }
        const [swH, pageH] = await Promise.all([swCdp?.send<HeapUsage>('Runtime.getHeapUsage'), pageCdp?.send<HeapUsage>('Runtime.getHeapUsage')]);
        const mb = (x: number | undefined) => (x === undefined ? '' : String(Math.round(x / 1e6)));
        const ext = ps.find((p) => p.type === 'ext');
        const shown = await options.evaluate(() => document.querySelector('label[for="import-progress"]')?.textContent ?? '').catch(() => '');
        rows.push([((Date.now() - t0) / 1000).toFixed(1), (ext ? groups(ext.pid) : '') + gcNote, ps.map((p) => `${p.type}${p.pid}=${p.rss}`).join(','), mb(swH?.usedSize), mb(swH?.totalSize), mb(pageH?.usedSize), mb(pageH?.totalSize), mb(swH?.backingStorageSize), mb(swH?.embedderHeapUsedSize), mb(pageH?.backingStorageSize), shown.replace(/\D/g, '')].join('\t'));
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const cpuProfile = process.env.KENNER_PROBE_CPU === '1' && swCdp;
    if (cpuProfile) {
      await swCdp.send('Profiler.enable');
      await swCdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await swCdp.send('Profiler.start');
    }
    await options.getByLabel('Import company graph').setInputFiles(file);
    await options.getByRole('status').filter({ hasText: /interactions/i }).first().waitFor({ timeout: 15 * 60_000 });
    const secs = (Date.now() - t0) / 1000;
    stop = true;
    await loop;
    if (cpuProfile) printCpuProfile((await swCdp.send<{ profile: CpuProfile }>('Profiler.stop')).profile);
    if (browserCdp) {
      const done = new Promise((r) => browserCdp.onEvent('Tracing.tracingComplete', r));
      await browserCdp.send('Tracing.end');
      await done;
      printDumps(dumps, procs(profile).find((p) => p.type === 'ext')?.pid);
      browserCdp.close();
    }
    const final = procs(profile);
    const ext = final.find((p) => p.type === 'ext');
    if (ext) writeFileSync('/tmp/probe-smaps.txt', readFileSync(`/proc/${ext.pid}/smaps`, 'utf8'));
    console.log(JSON.stringify({ seconds: secs, file_mb: Math.round(statSync(file).size / 1e6), peakSampled: Object.fromEntries(peak), hwm: final.map((p) => `${p.type}${p.pid}=${p.hwm}`) }));
    const { execSync } = await import('node:child_process');
    console.log(execSync(`du -sm ${profile}/Default/IndexedDB/* 2>&1; ls ${profile}/Default/IndexedDB/*blob* 2>/dev/null | head; find ${profile}/Default/IndexedDB -type f | wc -l`, { encoding: 'utf8' }));
    swCdp?.close();
    pageCdp?.close();
  } finally {
    writeFileSync(process.env.KENNER_PROBE_OUT ?? '/tmp/probe.tsv', rows.join('\n') + '\n');
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time by function (ms), the top 40, and the total. */
function printCpuProfile(p: CpuProfile): void {
  writeFileSync('/tmp/probe-cpuprofile.json', JSON.stringify(p));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const n = byId.get(samples[i]);
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    if (!n) continue;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += dt;
  }
  console.log(`cpu profile: ${Math.round(total)} ms busy`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
}
