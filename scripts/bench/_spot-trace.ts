/**
 * Diagnostics for the spotting benchmark (not a benchmark: bench.mjs skips `_` files).
 * Records a Chrome trace of one scenario on the synthetic page and prints the main thread's
 * tasks longer than KENNER_TRACE_MIN_MS (default 8) with what they spent their time on.
 *   npx tsx scripts/bench/_spot-trace.ts fresh 100000   # fresh tab: dictionary → first highlight
 *   npx tsx scripts/bench/_spot-trace.ts scan 500       # first scan on a loaded page (matcher ready)
 *   npx tsx scripts/bench/_spot-trace.ts frames 500     # a list re-rendered every frame, Kenner running
 *                                                       # (KENNER_TRACE_NO_ENGINE=1: without): self time by event
 * KENNER_TRACE_PAGE=gmail traces the demo Gmail thread instead of the synthetic page.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STORY } from '../../utils/demo/story';
import { compileDictionary } from '../../utils/spotting/dictionary';
import { outermostTasks, selfTimes, type TraceEvent } from './_cpu';
import { RERENDER, ROOT, bundleEngine, dictionaryNames, fortuneNames, launchBenchPage, syntheticPage, type KennerBundle } from './_spot-data';
import { splitDictionary } from '../../utils/spotting/wire';

const mode = process.argv[2] ?? 'fresh';
const size = Number(process.argv[3] ?? 100000);
const MIN = Number(process.env.KENNER_TRACE_MIN_MS ?? 8);

type Ev = TraceEvent;

async function main() {
  const bundle = await bundleEngine();
  // KENNER_TRACE_PAGE=gmail: the demo Gmail thread instead of the synthetic page.
  const html = process.env.KENNER_TRACE_PAGE === 'gmail' ? readFileSync(resolve(ROOT, 'tests/pages/gmail/thread.html'), 'utf8') : syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { accounts } = dictionaryNames(size);
  const dict = compileDictionary({ ...STORY, accounts: [...STORY.accounts, ...accounts] }, `trace-${size}`);
  const messages = splitDictionary(dict).map((m) => JSON.stringify(m));
  console.error(`messages: ${messages.length}, ${messages.map((m) => (m.length / 1e6).toFixed(2)).join(' + ')} MB`);
  const { browser, context, page } = await launchBenchPage();
  await page.setContent(html, { waitUntil: 'load' });
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  await page.addScriptTag({ content: bundle });
  await page.addScriptTag({ content: RERENDER });
  await page.evaluate((m) => void ((window as unknown as { __msgs: string[] }).__msgs = m), messages);
  if (mode === 'scan' || mode === 'frames') {
    await page.evaluate(async () => {
      const w = window as unknown as { __kenner: KennerBundle; __msgs: string[]; __m: unknown };
      const [head, ...parts] = w.__msgs.map((s) => JSON.parse(s) as never);
      w.__m = await w.__kenner.Matcher.load((await w.__kenner.receiveDictionary(head, async (i) => parts[i - 1]))!);
    });
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200)))));
  if (mode === 'frames') return frames(page, cdpOf(context, page));
  const cdp = await context.newCDPSession(page);
  const events: Ev[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: object[] }) => void events.push(...(e.value as Ev[])));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,blink,blink.user_timing,disabled-by-default-v8.gc,toplevel',
    transferMode: 'ReportEvents',
  });
  if (process.env.KENNER_TRACE_ATTACH_EARLY) {
    await page.evaluate(() => {
      const w = window as unknown as { __kenner: KennerBundle; __pre: unknown };
      const { SpotEngine, generic } = w.__kenner;
      const e = new SpotEngine({ matcher: null, adapter: generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
      e.highlighter.attach(document);
      w.__pre = e;
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200)))));
  }
  const result = await page.evaluate(async (m) => {
    type Engine = import('../../utils/page/engine').SpotEngine;
    const w = window as unknown as { __kenner: KennerBundle; __msgs: string[]; __m: import('../../utils/spotting/matcher').Matcher; __pre?: Engine };
    const { Matcher, SpotEngine, generic } = w.__kenner;

    const t = performance.now();
    console.timeStamp('kenner-start');
    let matcher = w.__m;
    if (m === 'fresh') {
      // Each message is decoded in a task of its own, as the extension's messaging delivers them.
      const receive = (i: number) => new Promise<never>((r) => setTimeout(() => r(JSON.parse(w.__msgs[i]) as never), 0));
      matcher = await Matcher.load((await w.__kenner.receiveDictionary(await receive(0), receive))!);
    }
    const loaded = performance.now() - t;
    console.timeStamp('kenner-loaded');
    const engine = w.__pre ?? new SpotEngine({ matcher, adapter: generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
    if (w.__pre) void engine.setMatcher(matcher);
    void engine.start();
    await new Promise<void>((resolve) => {
      const f = () => (engine.highlighter.boxes() > 0 ? resolve() : requestAnimationFrame(f));
      requestAnimationFrame(f);
    });
    const first = engine.highlighter.firstBoxesAt() - t;
    console.timeStamp('kenner-first-highlight-seen');
    await engine.idle();
    const done = performance.now() - t;
    console.timeStamp('kenner-done');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))));
    const reportMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t1 = performance.now();
      engine.current();
      reportMs.push(Math.round((performance.now() - t1) * 10) / 10);
    }
    engine.dispose();
    return { loaded, first, done, reportMs };
  }, mode);
  const finished = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await finished;
  await browser.close();
  console.log(JSON.stringify(result));

  const marks = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message?.startsWith('kenner-')).sort((a, b) => a.ts - b.ts);
  const { pid, tid } = marks[0];
  const t0 = marks[0].ts;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const end = marks[marks.length - 1].ts + 400_000;
  for (const m of marks) console.log(`${((m.ts - t0) / 1000).toFixed(1).padStart(7)} ms  ${m.args?.data?.message}`);
  let total = 0;
  for (const task of tasks) {
    if (task.ts < t0 - 1000 || task.ts > end) continue;
    const dur = (task.dur ?? 0) / 1000;
    total += (task.tdur ?? task.dur ?? 0) / 1000;
    if (dur < MIN && (task.tdur ?? 0) / 1000 < MIN) continue;
    // Children: self time per event name (inclusive minus direct children), top 8.
    const kids = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0));
    const self = new Map<string, number>();
    for (const k of kids) {
      const inner = kids.filter((c) => c !== k && c.ts >= k.ts && c.ts + (c.dur ?? 0) <= k.ts + (k.dur ?? 0));
      // direct children only: not contained in another inner
      const direct = inner.filter((c) => !inner.some((o) => o !== c && o.ts <= c.ts && o.ts + (o.dur ?? 0) >= c.ts + (c.dur ?? 0) && (o.dur ?? 0) > (c.dur ?? 0)));
      const s = (k.dur ?? 0) - direct.reduce((a, c) => a + (c.dur ?? 0), 0);
      const name = k.name === 'FunctionCall' || k.name === 'v8.callFunction' ? `${k.name}(${k.args?.data?.functionName ?? ''})` : k.name;
      self.set(name, (self.get(name) ?? 0) + s / 1000);
    }
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ');
    console.log(`${((task.ts - t0) / 1000).toFixed(1).padStart(7)} ms  task ${dur.toFixed(1)} ms (cpu ${((task.tdur ?? 0) / 1000).toFixed(1)}): ${top}`);
  }
  console.log(`main-thread task cpu in window: ${total.toFixed(1)} ms`);
}

function cdpOf(context: import('playwright-core').BrowserContext, page: import('playwright-core').Page) {
  return context.newCDPSession(page);
}

/**
 * Self time by trace event over FRAMES re-rendered frames, Kenner running (or not): thread CPU
 * (tdur) where the event has it, else wall. KENNER_TRACE_PROFILE=1 also takes a V8 CPU profile of
 * the same frames and prints self and total time per function (KENNER_TRACE_NAMES=1 keeps names).
 */
async function frames(page: import('playwright-core').Page, cdpP: Promise<import('playwright-core').CDPSession>) {
  const cdp = await cdpP;
  const n = Number(process.env.KENNER_TRACE_FRAMES ?? 150);
  if (!process.env.KENNER_TRACE_NO_ENGINE) {
    await page.evaluate(async () => {
      const w = window as unknown as { __kenner: KennerBundle; __m: import('../../utils/spotting/matcher').Matcher };
      const e = new w.__kenner.SpotEngine({ matcher: w.__m, adapter: w.__kenner.generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
      await e.start();
      await new Promise((r) => setTimeout(r, 500));
    });
  }
  const profile = !!process.env.KENNER_TRACE_PROFILE;
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  const events: Ev[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: object[] }) => void events.push(...(e.value as Ev[])));
  await cdp.send('Tracing.start', { categories: `devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,blink,disabled-by-default-v8.gc,toplevel${process.env.KENNER_TRACE_MORE ? `,${process.env.KENNER_TRACE_MORE}` : ''}`, transferMode: 'ReportEvents' });
  await page.evaluate(
    (k) =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { __rerender(round: number): void };
        let round = 0;
        console.timeStamp('kenner-start');
        const f = () => {
          console.timeStamp('kenner-frame');
          w.__rerender(round);
          if (++round < k) requestAnimationFrame(f);
          else setTimeout(resolve, 100);
        };
        requestAnimationFrame(f);
      }),
    n,
  );
  const finished = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await finished;
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-start')!;
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.ts >= mark.ts).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  if (process.env.KENNER_TRACE_DUMP) (await import('node:fs')).writeFileSync(process.env.KENNER_TRACE_DUMP, JSON.stringify(main));
  // Self time: an event's time minus its direct children's (events nest properly on one thread).
  const self = selfTimes(main, (e) => (e.name === 'FunctionCall' ? `FunctionCall(${e.args?.data?.functionName ?? ''})` : e.name));
  const tasks = outermostTasks(main);
  const cpu = tasks.reduce((a, t) => a + (t.tdur ?? 0), 0) / 1000;
  console.log(`frames ${n}, task cpu ${cpu.toFixed(1)} ms (${(cpu / n).toFixed(2)} per frame)`);
  for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(ms / n).toFixed(3).padStart(8)} ms/frame  ${name}`);
  // KENNER_TRACE_WORST=k: the k dearest frames (thread CPU from one frame's mark to the next) and their largest self times.
  const worst = Number(process.env.KENNER_TRACE_WORST ?? 0);
  if (worst > 0) {
    const marks = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-frame').map((e) => e.ts).sort((a, b) => a - b);
    const starts = marks.map((m) => tasks.find((t) => t.ts <= m && m <= t.ts + (t.dur ?? 0))?.ts ?? m);
    const perFrame = starts.slice(0, -1).map((s, i) => {
      const inFrame = main.filter((e) => e.ts >= s && e.ts < starts[i + 1]);
      const frameTasks = outermostTasks(inFrame);
      return { i, cpu: frameTasks.reduce((a, t) => a + (t.tdur ?? t.dur ?? 0), 0) / 1000, tasks: frameTasks.length, self: selfTimes(inFrame, (e) => (e.name === 'FunctionCall' ? `FunctionCall(${e.args?.data?.functionName ?? ''})` : e.name)) };
    });
    const sorted = [...perFrame].sort((a, b) => b.cpu - a.cpu);
    const q = (p: number) => [...perFrame].map((f) => f.cpu).sort((a, b) => a - b)[Math.min(perFrame.length - 1, Math.floor(p * perFrame.length))];
    // A frame with one event whose own time is ≥ 5 ms (a style recalc, a text shaping, a callback that takes 0.1–1 ms in the other frames).
    const spiky = perFrame.filter((f) => Math.max(...f.self.values()) >= 5);
    const calm = perFrame.filter((f) => !spiky.includes(f)).map((f) => f.cpu).sort((a, b) => a - b);
    console.log(`--- frames: p50 ${q(0.5).toFixed(2)}, p90 ${q(0.9).toFixed(2)}, p99 ${q(0.99).toFixed(2)} ms CPU; ${spiky.length} of ${perFrame.length} with one event ≥ 5 ms of its own (${spiky.map((f) => [...f.self.entries()].sort((a, b) => b[1] - a[1])[0][0]).join(', ')}); without them p99 ${calm[Math.min(calm.length - 1, Math.floor(0.99 * calm.length))]?.toFixed(2)}; the ${worst} dearest:`);
    for (const f of sorted.slice(0, worst)) {
      const top = [...f.self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 7).map(([n, ms]) => `${n} ${ms.toFixed(2)}`).join(', ');
      console.log(`frame ${f.i}: ${f.cpu.toFixed(2)} ms, ${f.tasks} tasks: ${top}`);
      // Its tasks over 1 ms, each with the events directly inside it (KENNER_TRACE_WORST_TASKS=1).
      if (process.env.KENNER_TRACE_WORST_TASKS) {
        const s0 = starts[f.i];
        const inFrame = main.filter((e) => e.ts >= s0 && e.ts < starts[f.i + 1]);
        for (const t of outermostTasks(inFrame)) {
          const ms = (t.tdur ?? t.dur ?? 0) / 1000;
          if (ms < 1) continue;
          const end = t.ts + (t.dur ?? 0);
          const kids = inFrame.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) > 100);
          console.log(`    task ${ms.toFixed(2)} ms: ${kids.slice(0, 8).map((e) => `${e.name === 'FunctionCall' ? `FunctionCall(${e.args?.data?.functionName ?? ''})` : e.name} ${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(2)}`).join(' > ')}`);
        }
      }
    }
  }
  if (profile) {
    const stopped = await cdp.send('Profiler.stop');
    if (process.env.KENNER_TRACE_PROFILE_OUT) (await import('node:fs')).writeFileSync(process.env.KENNER_TRACE_PROFILE_OUT, JSON.stringify((stopped as { profile: unknown }).profile));
    const { profile: p } = stopped as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>; samples: number[]; timeDeltas: number[] } };
    const byId = new Map(p.nodes.map((x) => [x.id, x]));
    const parent = new Map<number, number>();
    for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
    const selfT = new Map<string, number>();
    const totalT = new Map<string, number>();
    const label = (id: number) => {
      const cf = byId.get(id)!.callFrame;
      return `${cf.functionName || '(anon)'}${cf.url ? '' : ''}:${cf.lineNumber}`;
    };
    for (let i = 0; i < p.samples.length; i++) {
      const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
      const id = p.samples[i];
      const l = label(id);
      selfT.set(l, (selfT.get(l) ?? 0) + dt);
      const seen = new Set<string>();
      for (let a: number | undefined = id; a !== undefined; a = parent.get(a)) {
        const la = label(a);
        if (seen.has(la)) continue;
        seen.add(la);
        totalT.set(la, (totalT.get(la) ?? 0) + dt);
      }
    }
    console.log('--- profile: total (self) ms/frame');
    for (const [name, ms] of [...totalT.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`${(ms / n).toFixed(3).padStart(8)} (${((selfT.get(name) ?? 0) / n).toFixed(3)})  ${name}`);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
