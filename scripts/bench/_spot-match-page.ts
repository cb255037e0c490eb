/**
 * Diagnostic (not a benchmark: bench.mjs skips `_` files): the matcher alone in Chromium, on the synthetic
 * page's own text nodes (external strings, as the scan reads them). The engines of several checkouts in
 * one page, interleaved: `matchText` over every text node's `data` (read once before), min and median of
 * many passes (wall time of a ~20–40 ms loop; the min is what load inflates least).
 *   KENNER_AB_SRCS=/work/main,. npx tsx scripts/bench/_spot-match-page.ts 500 30
 */
import { resolve } from 'node:path';
import { STORY } from '../../utils/demo/story';
import { compileDictionary } from '../../utils/spotting/dictionary';
import { bundleEngine, dictionaryNames, fortuneNames, launchBenchPage, syntheticPage } from './_spot-data';

const size = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 30);
const srcs = (process.env.KENNER_AB_SRCS ?? '.').split(',');

async function main() {
  const html = syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { accounts } = dictionaryNames(size);
  const { browser, page } = await launchBenchPage();
  await page.setContent(html, { waitUntil: 'load' });
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  for (let i = 0; i < srcs.length; i++) {
    const s = srcs[i];
    process.env.KENNER_BENCH_SRC = s === '.' ? '' : s;
    if (!process.env.KENNER_BENCH_SRC) delete process.env.KENNER_BENCH_SRC;
    const compile = s === '.' ? compileDictionary : ((await import(resolve(s, 'utils/spotting/dictionary.ts'))) as { compileDictionary: typeof compileDictionary }).compileDictionary;
    const json = JSON.stringify(compile({ ...STORY, accounts: [...STORY.accounts, ...accounts] }, `m-${size}`));
    await page.addScriptTag({ content: await bundleEngine() });
    await page.evaluate(([i, j]) => {
      const w = window as unknown as { __kenner: { Matcher: new (d: unknown) => unknown }; __ms: unknown[] };
      (w.__ms ??= [])[i] = new w.__kenner.Matcher(JSON.parse(j));
    }, [i, json] as const);
  }
  const res = await page.evaluate((rounds) => {
    const w = window as unknown as { __ms: Array<{ matchText(t: string, out: unknown[]): unknown[] }> };
    const texts: Text[] = [];
    const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (tw.nextNode()) texts.push(tw.currentNode as Text);
    let chars = 0;
    for (const t of texts) chars += t.data.length;
    const times = w.__ms.map(() => [] as number[]);
    const counts = w.__ms.map(() => 0);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < w.__ms.length; k++) {
        const i = (k + r) % w.__ms.length;
        const m = w.__ms[i];
        const out: unknown[] = [];
        let n = 0;
        const t0 = performance.now();
        for (const t of texts) {
          const d = t.data;
          if (d.length < 2) continue;
          out.length = 0;
          m.matchText(d, out);
          n += out.length;
        }
        times[i].push(performance.now() - t0);
        counts[i] = n;
      }
    }
    return { texts: texts.length, chars, times, counts };
  }, rounds);
  console.log(`${res.texts} text nodes, ${res.chars} chars, size ${size}`);
  for (let i = 0; i < srcs.length; i++) {
    const a = [...res.times[i]].sort((x, y) => x - y);
    console.log(`${srcs[i]}: matchText min ${a[0].toFixed(2)} ms, median ${a[a.length >> 1].toFixed(2)} ms (${res.counts[i]} matches)`);
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
