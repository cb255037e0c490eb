/**
 * Diagnostics (not a benchmark: bench.mjs skips `_` files): per-frame main-thread CPU of the re-rendering
 * list (as spotting.ts `spot-frames`) with the engine bundled from several checkouts, against the page
 * without Kenner, interleaved in one browser: each side on a fresh load, garbage collected first, the order
 * rotated each round; prints the median over rounds of the paired difference, and thread CPU per frame
 * split into timer tasks (Kenner's: the page has none) and the rest.
 *   npx tsx scripts/bench/_spot-ab.ts <names> <synthetic|gmail> <rounds> /work/main .  [dir:patch ...]
 * FRAMES (default 300) frames a side. A `dir:patch` variant patches the running engine in the page
 * (nomut, noflush, nopaint, notrack, nohl, nocommit, delayN, busyN: see below) to see what each part costs.
 * The in-page engine is reached through private fields: `Internals` names the ones patched.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { STORY } from '../../utils/demo/story';
import { compileDictionary } from '../../utils/spotting/dictionary';
import { enableCpu, mean, percentile, type TraceEvent } from './_cpu';
import type { CDPSession, Page } from 'playwright-core';
import { RERENDER, ROOT, dictionaryNames, fortuneNames, launchBenchPage, syntheticPage } from './_spot-data';

async function bundle(dir: string) {
  const r = await build({
    stdin: { contents: `import { Matcher } from './utils/spotting/matcher'; import { SpotEngine } from './utils/page/engine'; import { generic } from './utils/sites/generic'; (globalThis as unknown as { __kenner: object }).__kenner = { Matcher, SpotEngine, generic };`, resolveDir: dir, loader: 'ts' },
    bundle: true, format: 'iife', write: false, minify: true, target: 'chrome120', logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

const catSum: Record<string, Record<string, number[]>> = {};
async function frameCosts(page: Page, cdp: CDPSession, frames: number, label: string): Promise<{ wall: number[]; cpu: number[] }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate((n) => new Promise<void>((resolve) => {
    const w = window as unknown as { __rerender(round: number): void };
    let round = 0;
    const f = () => { console.timeStamp('kenner-frame'); w.__rerender(round); if (++round < n) requestAnimationFrame(f); else setTimeout(resolve, 300); };
    requestAnimationFrame(f);
  }), frames + 1);
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  const marks = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-frame').sort((a, b) => a.ts - b.ts);
  const { pid, tid } = marks[0];
  const mainEv = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const all = mainEv.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const tasks: TraceEvent[] = [];
  for (const t of all) { const last = tasks[tasks.length - 1]; if (last && t.ts + (t.dur ?? 0) <= last.ts + (last.dur ?? 0)) continue; tasks.push(t); }
  const starts = marks.map((m) => tasks.find((t) => t.ts <= m.ts && m.ts <= t.ts + (t.dur ?? 0))?.ts ?? m.ts);
  const wall = new Array<number>(starts.length - 1).fill(0);
  const cpu = new Array<number>(starts.length - 1).fill(0);
  const cats: Record<string, number> = { timer: 0, gc: 0, 'frames+other': 0 };
  let f = 0; let j = 0;
  for (const t of tasks) {
    while (f < starts.length - 1 && t.ts >= starts[f + 1]) f++;
    if (f >= starts.length - 1) break;
    if (t.ts < starts[f]) continue;
    wall[f] += (t.dur ?? 0) / 1000;
    const c = (t.tdur ?? t.dur ?? 0) / 1000;
    cpu[f] += c;
    while (j < mainEv.length && mainEv[j].ts < t.ts) j++;
    let k = 'frames+other';
    for (let x = j; x < mainEv.length && mainEv[x].ts <= t.ts + (t.dur ?? 0); x++) {
      const nm = mainEv[x].name;
      if (nm === 'TimerFire') { k = 'timer'; break; }
      if (nm.startsWith('V8.GC')) k = 'gc';
    }
    cats[k] += c;
  }
  const cs = (catSum[label] ??= {});
  for (const [k, v] of Object.entries(cats)) (cs[k] ??= []).push(v / frames);
  return { wall, cpu };
}

async function main() {
  const [sizeS, pageId, roundsS, ...dirs] = process.argv.slice(2);
  const size = Number(sizeS);
  const rounds = Number(roundsS);
  const frames = Number(process.env.FRAMES ?? 300);
  const bundles = await Promise.all(dirs.map((d) => bundle(d.split(':')[0])));
  const html = pageId === 'gmail' ? readFileSync(resolve(ROOT, 'tests/pages/gmail/thread.html'), 'utf8') : syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { accounts } = dictionaryNames(size);
  // Each checkout's own compiler: an engine reads only its own dictionary format.
  const jsons = await Promise.all(
    dirs.map(async (d) => {
      const dir = d.split(':')[0];
      const compile = resolve(dir) === ROOT ? compileDictionary : ((await import(resolve(dir, 'utils/spotting/dictionary.ts'))) as { compileDictionary: typeof compileDictionary }).compileDictionary;
      return JSON.stringify(compile({ ...STORY, accounts: [...STORY.accounts, ...accounts] }, `ab-${size}`));
    }),
  );
  const { browser, context, page } = await launchBenchPage();
  const cdp = await context.newCDPSession(page);
  await enableCpu(cdp);
  const labels = ['none', ...dirs.map((d, i) => `${i}:${d.split('/').pop()!}`)];
  const patches = ['', ...dirs.map((d) => d.split(':')[1] ?? '')];
  const res: Record<string, { means: number[]; all: number[] }> = {};
  for (const l of labels) res[l] = { means: [], all: [] };
  for (let r = 0; r < rounds; r++) {
    for (let vv = 0; vv < labels.length; vv++) {
      const v = (vv + r) % labels.length; // rotated each round: no variant always runs first or last
      await page.setContent(html, { waitUntil: 'load' });
      await page.addScriptTag({ content: 'window.__name = (f) => f;' });
      if (v > 0) await page.addScriptTag({ content: bundles[v - 1] });
      await page.addScriptTag({ content: RERENDER });
      if (v > 0) {
        await page.evaluate(async ([j, patch]) => {
          /** The engine's private parts this diagnostic patches (utils/page/engine.ts, highlights.ts, match-state.ts). */
          interface Painter {
            track(): void;
            invalidate(): void;
            dispose(): void;
          }
          interface Internals {
            start(): Promise<void>;
            stop(): void;
            dispose(): void;
            onMutations(): void;
            flush(): Promise<void>;
            pending: unknown[];
            highlighter: { docs: Map<unknown, { painter: Painter }>; add(): null; remove(): void };
            matches: { commit(): Promise<boolean>; staged: unknown[] };
          }
          const w = window as unknown as {
            __engine: Internals;
            __kenner: { Matcher: new (d: unknown) => object; SpotEngine: new (o: object) => Internals; generic: object };
          };
          const m = new w.__kenner.Matcher(JSON.parse(j));
          const e = new w.__kenner.SpotEngine({ matcher: m, adapter: w.__kenner.generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } }, ...(patch.startsWith('delay') ? { flushDelayMs: Number(patch.slice(5)) } : {}), ...(patch.startsWith('busy') ? { busyFlushDelayMs: Number(patch.slice(4)) } : {}) });
          w.__engine = e;
          await e.start();
          if (patch === 'nomut') e.onMutations = () => {};
          if (patch === 'stopped') e.stop();
          if (patch === 'notrack') { const p = [...e.highlighter.docs.values()][0].painter; p.track = () => {}; }
          if (patch === 'nohl') { e.highlighter.add = () => null; e.highlighter.remove = () => {}; }
          if (patch === 'nocommit') e.matches.commit = () => { e.matches.staged = []; return Promise.resolve(false); };
          if (patch === 'disposed') e.dispose();
          if (patch === 'nohost') { e.onMutations = () => {}; const p = [...e.highlighter.docs.values()][0].painter; p.dispose(); }
          if (patch === 'noflush') e.flush = () => Promise.resolve(void (e.pending = []));
          if (patch === 'nopaint') { const p = [...e.highlighter.docs.values()][0].painter; p.invalidate = () => {}; }
          if (patch === 'noflush-nopaint') { e.flush = () => Promise.resolve(void (e.pending = [])); const p = [...e.highlighter.docs.values()][0].painter; p.invalidate = () => {}; }
        }, [jsons[v - 1], patches[v]] as const);
      }
      await page.evaluate(() => new Promise((r) => setTimeout(r, 700)));
      await cdp.send('HeapProfiler.collectGarbage');
      const c = await frameCosts(page, cdp, frames, labels[v]);
      res[labels[v]].means.push(mean(c.cpu));
      res[labels[v]].all.push(...c.cpu);
      if (v > 0) await page.evaluate(() => (window as unknown as { __engine: { dispose(): void } }).__engine.dispose());
    }
  }
  const base = res.none;
  for (const l of labels) {
    const x = res[l];
    const pr = x.means.map((m, i) => m / base.means[i]).sort((a, b) => a - b);
    const pd = x.means.map((m, i) => m - base.means[i]).sort((a, b) => a - b);
    console.log(`${l.padEnd(20)} paired ratio median ${pr[pr.length >> 1].toFixed(3)} added median ${pd[pd.length >> 1].toFixed(3)} ms | mean ${mean(x.all).toFixed(3)} (rounds ${x.means.map((m) => m.toFixed(2)).join(' ')}) ratio ${(mean(x.all) / mean(base.all)).toFixed(3)} p99 ${percentile(x.all, 99).toFixed(2)} added p99 ${(percentile(x.all, 99) - percentile(base.all, 99)).toFixed(2)}`);
  }
  for (const l of labels) console.log(`${l.padEnd(20)} ` + Object.entries(catSum[l]).map(([k, v]) => `${k} ${mean(v).toFixed(3)}`).join('  '));
  await browser.close();
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
