/**
 * Diagnostic for the first scan (not a benchmark: bench.mjs skips `_` files). Interleaved A/B of the
 * engines of several checkouts on the synthetic page, in one Chromium: per round and per engine, a
 * fresh load of the page, the matcher loaded, then the bench's first-scan measure (spotting.ts: main-thread
 * CPU incl. the frames after `engine.start()` resolves, _cpu.ts cpuOf). Prints each round and the medians.
 *   KENNER_AB_SRCS=/work/main,. npx tsx scripts/bench/_spot-scan-ab.ts 500 5
 * KENNER_SCAN_PROFILE=1: one more scan per engine with a V8 CPU profile (KENNER_TRACE_NAMES=1 keeps
 * function names): total and self ms per function. KENNER_SCAN_TRACE=1: a trace of one more scan per
 * engine, thread CPU self time per trace event.
 */
import { STORY } from '../../utils/demo/story';
import { compileDictionary } from '../../utils/spotting/dictionary';
import { cpuOf, enableCpu, outermostTasks, selfTimes, settle, traceEvents } from './_cpu';
import { RERENDER, bundleEngine, dictionaryNames, fortuneNames, launchBenchPage, syntheticPage, type KennerBundle } from './_spot-data';
import type { Page, CDPSession } from 'playwright-core';
import { resolve } from 'node:path';

const size = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 4);
const srcs = (process.env.KENNER_AB_SRCS ?? '.').split(',');
/** KENNER_AB_BUDGETS=6,12: the engines' chunk budgets (ms), one per source (default: the engine's). */
const budgets = (process.env.KENNER_AB_BUDGETS ?? '').split(',').map((b) => (b ? Number(b) : undefined));

interface W {
  __kenner: KennerBundle;
  __m: import('../../utils/spotting/matcher').Matcher;
  __engine: import('../../utils/page/engine').SpotEngine;
}

/** KENNER_AB_PREPARE=1: the overlay goes in (SpotEngine.prepare) and the page renders before the measured scan, as content-main.ts does. */
async function scan(page: Page, budgetMs?: number) {
  return page.evaluate(async ([budgetMs, env]) => {
    const process = { env };
    const w = window as unknown as W;
    const { SpotEngine, generic } = w.__kenner;
    const engine = w.__engine ?? new SpotEngine({ matcher: w.__m, adapter: generic, budgetMs, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
    w.__engine = engine;
    // How often the engine hit-tests, measures ranges and observes targets during the measure.
    const counts: Record<string, number> = { hit: 0, gcr: 0, io: 0 };
    const wrap = (proto: object, name: string, key: string) => {
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      const orig = d.value as (...a: unknown[]) => unknown;
      Object.defineProperty(proto, name, { ...d, value: function (this: unknown, ...a: unknown[]) {
        counts[key]++;
        return Reflect.apply(orig, this, a);
      } });
      return () => Object.defineProperty(proto, name, d);
    };
    // The painter's invalidations by reason, its paints and the near set's sweeps (private members, wrapped for the counts only).
    type Painter = { invalidate(why?: string): void; paint(full: boolean): void; nearSet: { sweep(slice?: number): void } | null };
    const painter = (engine.highlighter as unknown as { docs: Map<Document, { painter: Painter }> }).docs.get(document)?.painter;
    if (painter) {
      const inv = painter.invalidate.bind(painter);
      painter.invalidate = (why?: string) => {
        counts[`inv-${why ?? 'page'}`] = (counts[`inv-${why ?? 'page'}`] ?? 0) + 1;
        inv(why);
      };
      const paint = painter.paint.bind(painter);
      painter.paint = (full: boolean) => {
        counts[full ? 'paint-full' : 'paint'] = (counts[full ? 'paint-full' : 'paint'] ?? 0) + 1;
        paint(full);
      };
      const ns = painter.nearSet as unknown as ({ sweep(slice?: number): void; onViewport(els: Element[], view: unknown): Element[] } | null);
      if (ns) {
        const onViewport = ns.onViewport.bind(ns);
        ns.onViewport = (els: Element[], view: unknown) => {
          const out = onViewport(els, view);
          counts[`measured ${els.length}->${out.length}`] = (counts[`measured ${els.length}->${out.length}`] ?? 0) + 1;
          return out;
        };
        const sweep = ns.sweep.bind(ns);
        ns.sweep = (slice?: number) => {
          counts.sweep = (counts.sweep ?? 0) + 1;
          if (process.env.KENNER_SCAN_SWEEP_STACK) counts[`sweep@${Math.round(performance.now() - t)} ${String(new Error().stack).split('\n').slice(2, 5).map((l) => l.trim().split(' ')[1]).join('<')}`] = (ns as unknown as { all: Set<Element> }).all.size;
          sweep(slice);
        };
      }
    }
    const restore = [wrap(Document.prototype, 'elementFromPoint', 'hit'), wrap(Range.prototype, 'getClientRects', 'gcr'), wrap(IntersectionObserver.prototype, 'observe', 'io')];
    const t = performance.now();
    // Events that make the painter sweep (a scroll, resize, transition or animation end): when they came.
    const seen: string[] = [];
    const onEv = (e: Event) => void seen.push(`${e.type}@${Math.round(performance.now() - t)}`);
    for (const type of ['scroll', 'resize', 'transitionend', 'animationend']) addEventListener(type, onEv, { capture: true });
    await engine.start();
    const ms = performance.now() - t;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))));
    for (const f of restore) f();
    for (const type of ['scroll', 'resize', 'transitionend', 'animationend']) removeEventListener(type, onEv, { capture: true });
    if (seen.length) counts[`events ${seen.join(' ')}`] = seen.length;
    const r = engine.current();
    // Holders on screen (the near set, a private field read for the count only): hit tests per holder would be this many.
    const near = (engine.highlighter as unknown as { docs: Map<Document, { painter: { nearSet: { near: Set<Element> } | null } }> }).docs.get(document)?.painter.nearSet?.near.size ?? -1;
    return { counts: { ...counts, near }, ms, entities: r.entities.length, sig: JSON.stringify(r.entities), held: engine.highlighter.counts().held, drawn: engine.highlighter.boxes() };
  }, [budgetMs, { KENNER_SCAN_SWEEP_STACK: process.env.KENNER_SCAN_SWEEP_STACK ?? '' }] as const);
}

async function load(page: Page, html: string, bundle: string, json: string) {
  await page.setContent(html, { waitUntil: 'load' });
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  await page.addScriptTag({ content: bundle });
  await page.addScriptTag({ content: RERENDER });
  await page.evaluate((j) => void ((window as unknown as W).__m = new (window as unknown as W).__kenner.Matcher(JSON.parse(j) as never)), json);
  if (process.env.KENNER_AB_PREPARE) {
    await page.evaluate(() => {
      const w = window as unknown as W;
      const { SpotEngine, generic } = w.__kenner;
      w.__engine = new SpotEngine({ matcher: w.__m, adapter: generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
      w.__engine.prepare();
    });
  }
  await settle(page);
}

async function profiled(page: Page, cdp: CDPSession) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await scan(page);
  await settle(page);
  const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; lineNumber: number; columnNumber: number }; children?: number[]; positionTicks?: Array<{ line: number; ticks: number }> }>; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const label = (id: number) => {
    const cf = byId.get(id)!.callFrame;
    return `${cf.functionName || '(anon)'}:${cf.lineNumber}`;
  };
  const selfT = new Map<string, number>();
  const totalT = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const l = label(p.samples[i]);
    selfT.set(l, (selfT.get(l) ?? 0) + dt);
    const seen = new Set<string>();
    for (let a: number | undefined = p.samples[i]; a !== undefined; a = parent.get(a)) {
      const la = label(a);
      if (seen.has(la)) continue;
      seen.add(la);
      totalT.set(la, (totalT.get(la) ?? 0) + dt);
    }
  }
  console.log('--- profile: total (self) ms');
  for (const [name, ms] of [...totalT.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${ms.toFixed(1).padStart(8)} (${(selfT.get(name) ?? 0).toFixed(1)})  ${name}`);
  // KENNER_SCAN_LINES=fn1,fn2: the self samples of those functions by line of the (unminified) bundle.
  for (const fn of (process.env.KENNER_SCAN_LINES ?? '').split(',').filter(Boolean)) {
    const lines = new Map<number, number>();
    for (const x of p.nodes) if (x.callFrame.functionName === fn) for (const t of x.positionTicks ?? []) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks);
    console.log(`--- ${fn}: self samples by bundle line: ${[...lines.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([l, n]) => `${l}:${n}`).join(' ')}`);
  }
  console.log('--- profile: self ms');
  for (const [name, ms] of [...selfT.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
}

/** KENNER_SCAN_ALLOC=1: sampled allocations (V8 heap, every ~1 KB) during one scan, by allocating function. */
async function allocations(page: Page, cdp: CDPSession) {
  interface N { callFrame: { functionName: string; lineNumber: number }; selfSize: number; children: N[] }
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await scan(page);
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: N } };
  const self = new Map<string, number>();
  const visit = (n: N) => {
    const l = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
    self.set(l, (self.get(l) ?? 0) + n.selfSize);
    for (const c of n.children) visit(c);
  };
  visit(profile.head);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`--- allocations (sampled): ${(total / 1e6).toFixed(1)} MB; by function (KB):`);
  for (const [name, b] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(b / 1024).toFixed(0).padStart(8)}  ${name}`);
}

async function traced(page: Page, cdp: CDPSession) {
  const events = await traceEvents(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack,v8,v8.execute,blink,disabled-by-default-v8.gc,toplevel', async () => {
    await page.evaluate(() => console.timeStamp('kenner-start'));
    console.log(`traced scan: ${JSON.stringify((await scan(page)).counts)}`);
    await settle(page);
  });
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-start')!;
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.ts >= mark.ts).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = selfTimes(main);
  const tasks = outermostTasks(main);
  for (const task of tasks) {
    if ((task.tdur ?? 0) < 4000) continue;
    const end = task.ts + (task.dur ?? 0);
    const own = selfTimes(main.filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end));
    const top = [...own.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ');
    console.log(`${((task.ts - mark.ts) / 1000).toFixed(1).padStart(7)} ms  cpu ${((task.tdur ?? 0) / 1000).toFixed(1)}: ${top}`);
  }
  // Style and layout forced by script (the events carry the JS stack that asked): where and how long.
  for (const e of main) {
    const stack = (e.args as { beginData?: { stackTrace?: Array<{ functionName: string; lineNumber: number }> } } | undefined)?.beginData?.stackTrace;
    if (!stack?.length || (e.dur ?? 0) < 300) continue;
    console.log(`forced ${e.name} at ${((e.ts - mark.ts) / 1000).toFixed(1)} ms, ${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(1)} ms: ${stack.slice(0, 4).map((f) => `${f.functionName || '(anon)'}:${f.lineNumber}`).join(' < ')}`);
  }
  if (process.env.KENNER_SCAN_FORCED)
    for (const task of tasks) {
      const end = task.ts + (task.dur ?? 0);
      const inner = main.filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
      if (!inner.some((e) => e.name === 'Blink.ForcedStyleAndLayout.UpdateTime')) continue;
      console.log(`task at ${((task.ts - mark.ts) / 1000).toFixed(1)} ms with forced style/layout:`);
      for (const e of inner) if ((e.dur ?? 0) >= Number(process.env.KENNER_SCAN_FORCED_MIN_US ?? 200)) console.log(`  ${((e.ts - task.ts) / 1000).toFixed(2).padStart(6)} +${((e.dur ?? 0) / 1000).toFixed(2)} ${e.name} ${JSON.stringify(e.args?.data ?? {}).slice(0, 160)}`);
    }
  console.log(`--- trace: ${tasks.length} tasks, cpu ${(tasks.reduce((a, t) => a + (t.tdur ?? 0), 0) / 1000).toFixed(1)} ms; self cpu by event:`);
  for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
}

async function main() {
  const bundles: string[] = [];
  for (const s of srcs) {
    process.env.KENNER_BENCH_SRC = s === '.' ? '' : s;
    if (!process.env.KENNER_BENCH_SRC) delete process.env.KENNER_BENCH_SRC;
    bundles.push(await bundleEngine());
  }
  const html = syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { accounts } = dictionaryNames(size);
  // Each checkout's own compiler (its engine may read another dictionary format).
  const jsons: string[] = [];
  for (const s of srcs) {
    const compile = s === '.' ? compileDictionary : ((await import(resolve(s, 'utils/spotting/dictionary.ts'))) as { compileDictionary: typeof compileDictionary }).compileDictionary;
    jsons.push(JSON.stringify(compile({ ...STORY, accounts: [...STORY.accounts, ...accounts] }, `ab-${size}`)));
  }
  const { browser, context, page } = await launchBenchPage();
  const cdp = await context.newCDPSession(page);
  await enableCpu(cdp);
  const res: number[][] = srcs.map(() => []);
  const sigs = new Set<string>();
  for (let r = 0; r < rounds; r++) {
    const line: string[] = [];
    for (let k = 0; k < srcs.length; k++) {
      const i = (k + r) % srcs.length;
      await load(page, html, bundles[i], jsons[i]);
      await cdp.send('HeapProfiler.collectGarbage');
      const c = await cpuOf(page, cdp, () => scan(page, budgets[i]));
      res[i].push(c.ms);
      sigs.add(c.result.sig);
      line.push(`${srcs[i]}${budgets[i] ? `@${budgets[i]}` : ''}: ${c.ms.toFixed(1)} ms cpu (wall ${c.result.ms.toFixed(0)}, ents ${c.result.entities}, held ${c.result.held}, drawn ${c.result.drawn}, ${JSON.stringify(c.result.counts)})`);
      await page.evaluate(() => {
        const w = window as unknown as W & { __engine?: unknown };
        (w.__engine).dispose();
        Reflect.deleteProperty(w, '__engine');
      });
    }
    console.log(`round ${r}: ${line.join(' | ')}`);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (let i = 0; i < srcs.length; i++) console.log(`median ${srcs[i]}: ${med(res[i]).toFixed(1)} ms (min ${Math.min(...res[i]).toFixed(1)})`);
  console.log(`entity reports identical across engines and rounds: ${sigs.size === 1}`);
  for (let i = 0; i < srcs.length; i++) {
    if (process.env.KENNER_SCAN_PROFILE) {
      console.log(`=== ${srcs[i]}`);
      await load(page, html, bundles[i], jsons[i]);
      await profiled(page, cdp);
    }
    if (process.env.KENNER_SCAN_ALLOC) {
      console.log(`=== ${srcs[i]}`);
      await load(page, html, bundles[i], jsons[i]);
      await allocations(page, cdp);
    }
    if (process.env.KENNER_SCAN_TRACE) {
      console.log(`=== ${srcs[i]}`);
      await load(page, html, bundles[i], jsons[i]);
      await traced(page, cdp);
    }
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
