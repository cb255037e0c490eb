/**
 * Diagnostic (not a benchmark: bench.mjs skips `_` files): Kenner's first scan on a SMALL page (the demo
 * Gmail thread, 76 elements), where a fixed cost per scan dominates. Per round a fresh load, the 500-name
 * matcher, the overlay in (prepare), then the scan traced: thread CPU self time per trace event, summed
 * over the rounds; with KENNER_SMALL_PROFILE=1 a V8 CPU profile of the scans as well (self ms per function;
 * KENNER_TRACE_NAMES=1 keeps the names).
 *   KENNER_TRACE_NAMES=1 npx tsx scripts/bench/_spot-small.ts [rounds]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STORY } from '../../utils/demo/story';
import { compileDictionary, type CompiledDictionary } from '../../utils/spotting/dictionary';
import { cpuOf, enableCpu, selfTimes, settle, traceEvents } from './_cpu';
import { ROOT, bundleEngine, dictionaryNames, launchBenchPage, type KennerBundle } from './_spot-data';

const rounds = Number(process.argv[2] ?? 10);
interface W {
  __kenner: KennerBundle;
  __m: import('../../utils/spotting/matcher').Matcher;
  __engine: import('../../utils/page/engine').SpotEngine;
}

async function main() {
  const html = readFileSync(resolve(ROOT, process.env.KENNER_SMALL_PAGE ?? 'tests/pages/gmail/thread.html'), 'utf8');
  const bundle = await bundleEngine();
  const { accounts } = dictionaryNames(500);
  const json = JSON.stringify(compileDictionary({ ...STORY, accounts: [...STORY.accounts, ...accounts] }, 'small'));
  const { browser, page } = await launchBenchPage();
  const cdp = await page.context().newCDPSession(page);
  await enableCpu(cdp);
  const fresh = async () => {
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    await page.addScriptTag({ content: bundle });
    await page.evaluate((j) => {
      const w = window as unknown as W;
      w.__m = new w.__kenner.Matcher(JSON.parse(j) as CompiledDictionary);
      w.__engine = new w.__kenner.SpotEngine({ matcher: w.__m, adapter: w.__kenner.generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
      w.__engine.prepare();
    }, json);
    await settle(page);
  };
  const scan = () => page.evaluate(async () => {
    await (window as unknown as W).__engine.start();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))));
  });
  const cpu: number[] = [];
  const self = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    await fresh();
    cpu.push((await cpuOf(page, cdp, scan)).ms);
    await fresh();
    if (process.env.KENNER_SMALL_PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    }
    const events = await traceEvents(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline,v8', async () => {
      await page.evaluate(() => console.timeStamp('kenner-small'));
      await scan();
    });
    if (process.env.KENNER_SMALL_PROFILE) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] } };
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const n = byId.get(id)!;
        const name = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
        fnSelf.set(name, (fnSelf.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
    }
    const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-small')!;
    const thread = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.ts >= mark.ts).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    for (const [k, v] of selfTimes(thread)) self.set(k, (self.get(k) ?? 0) + v);
  }
  cpu.sort((a, b) => a - b);
  console.log(`first scan cpuOf ms, sorted: ${cpu.map((x) => x.toFixed(1)).join(' ')}`);
  console.log('trace self ms per round (top 25):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / rounds).toFixed(2)}  ${k}`);
  if (fnSelf.size) {
    console.log('profile self ms per round (top 30):');
    for (const [k, v] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(v / rounds).toFixed(2)}  ${k}`);
  }
  await browser.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
