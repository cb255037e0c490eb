/**
 * Diagnostic (not a benchmark: bench.mjs skips `_` files): the scan's synchronous JavaScript in Chromium —
 * the walk, matching, staging and the commit of the whole synthetic page in one chunk (an engine with a
 * budget of 10⁶ ms never yields) — for the engines of several checkouts in one page, interleaved. Per
 * round and engine: every match cleared, the page renders two frames, then `walk(document)` timed (wall,
 * and the main thread's task time in thread ticks, CDP TaskDuration). Min and median of the rounds; the min is what load inflates least.
 * The first round of each engine also pays for the first read of every text node's `data`, the nodes'
 * first wrappers and the engine's first (unoptimised) runs. KENNER_WALK_FRESH=1: every round on a fresh
 * load of the page with a new engine (the first scan of a tab, as the benchmark measures it).
 *   KENNER_AB_SRCS=/work/main,. npx tsx scripts/bench/_spot-walk-page.ts 500 15
 */
import { resolve } from 'node:path';
import { STORY } from '../../utils/demo/story';
import { compileDictionary } from '../../utils/spotting/dictionary';
import { bundleEngine, dictionaryNames, fortuneNames, launchBenchPage, syntheticPage } from './_spot-data';

const size = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 15);
const srcs = (process.env.KENNER_AB_SRCS ?? '.').split(',');

interface Engine {
  prepare(): void;
  matches: { clear(): void; counts: ReadonlyMap<number, unknown> };
  epoch: { gen: number };
  walk(start: Node, gen: number): Promise<void>;
}

async function main() {
  const html = syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { accounts } = dictionaryNames(size);
  const { browser, context, page } = await launchBenchPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  /** Main-thread task time so far (ms, thread ticks: what load inflates least). */
  const taskMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  const bundles: string[] = [];
  const jsons: string[] = [];
  for (const s of srcs) {
    process.env.KENNER_BENCH_SRC = s === '.' ? '' : s;
    if (!process.env.KENNER_BENCH_SRC) delete process.env.KENNER_BENCH_SRC;
    const compile = s === '.' ? compileDictionary : ((await import(resolve(s, 'utils/spotting/dictionary.ts'))) as { compileDictionary: typeof compileDictionary }).compileDictionary;
    jsons.push(JSON.stringify(compile({ ...STORY, accounts: [...STORY.accounts, ...accounts] }, `w-${size}`)));
    bundles.push(await bundleEngine());
  }
  const fresh = !!process.env.KENNER_WALK_FRESH;
  /** A fresh page with the engines of `which` sources (all: the same page for every round). */
  const load = async (which: number[]) => {
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    for (const i of which) {
      await page.addScriptTag({ content: bundles[i] });
      await page.evaluate(([i, j]) => {
        type K = { Matcher: new (d: unknown) => unknown; SpotEngine: new (o: unknown) => Engine; generic: unknown };
        const w = window as unknown as { __kenner: K; __es: Engine[] };
        const { Matcher, SpotEngine, generic } = w.__kenner;
        const e = new SpotEngine({ matcher: new Matcher(JSON.parse(j)), adapter: generic, budgetMs: 1e6, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
        e.prepare();
        (w.__es ??= [])[i] = e;
      }, [i, jsons[i]] as const);
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
  };
  if (!fresh) await load(srcs.map((_, i) => i));
  const times: number[][] = srcs.map(() => []);
  const cpu: number[][] = srcs.map(() => []);
  const ents = srcs.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < srcs.length; k++) {
      const i = (k + r) % srcs.length;
      if (fresh) await load([i]);
      await page.evaluate(async (i) => {
        (window as unknown as { __es: Engine[] }).__es[i].matches.clear();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }, i);
      const c0 = await taskMs();
      const res = await page.evaluate(async (i) => {
        const e = (window as unknown as { __es: Engine[] }).__es[i];
        const t0 = performance.now();
        await e.walk(document, e.epoch.gen);
        const ms = performance.now() - t0;
        return { ms, ents: e.matches.counts.size };
      }, i);
      cpu[i].push((await taskMs()) - c0);
      times[i].push(res.ms);
      ents[i] = res.ents;
    }
  }
  console.log(`size ${size}, ${rounds} rounds`);
  for (let i = 0; i < srcs.length; i++) {
    const a = [...times[i]].sort((x, y) => x - y);
    const c = [...cpu[i]].sort((x, y) => x - y);
    console.log(`${srcs[i]}: walk + commit wall min ${a[0].toFixed(1)} ms, median ${a[a.length >> 1].toFixed(1)}, first round ${times[i][0].toFixed(1)}; main-thread CPU min ${c[0].toFixed(1)} ms, median ${c[c.length >> 1].toFixed(1)}, first round ${cpu[i][0].toFixed(1)} (${ents[i]} entities)`);
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
