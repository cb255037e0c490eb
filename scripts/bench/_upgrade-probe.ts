/**
 * Diagnostic (not part of `npm run bench`): the cost of a schema upgrade on a
 * scale-10 graph in real Chromium (store.design.md, "Contacts in their
 * account's record"). Imports the graph with an older e2e build, then starts
 * the same profile with this checkout's e2e build at the same path (so the
 * same extension id and database). It reports the time from the worker's
 * start to its first answer, the CPU that took, and the extension process's
 * peak memory. It also reports the answer counts of 40 pages before and
 * after, and how many of the pages' evidence records the floor read finds.
 *
 *   KENNER_UPGRADE_FROM=/path/to/old/.output/chrome-mv3-e2e npx tsx scripts/bench/_upgrade-probe.ts
 *   KENNER_UPGRADE_TO   (default .output/chrome-mv3-e2e): the build to start second
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { cpSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { generateDemoRecords } from '../../utils/demo/generate';
import type { DetectedEntity } from '../../utils/spotting/types';
import type { BenchGlobal } from '../../tests/support/bench-hooks';
import { CHROMIUM_FLAGS, findChromium } from '../chromium.mjs';
import { cpuSeconds } from './_proc';

const from = process.env.KENNER_UPGRADE_FROM;
const to = path.resolve(process.env.KENNER_UPGRADE_TO ?? '.output/chrome-mv3-e2e');
const log = (m: string) => process.stderr.write(`${m}\n`);

function hwmMb(profile: string): number {
  let hwm = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--extension-process') || !cmd.includes(profile)) continue;
      hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      /* gone */
    }
  }
  return Math.round(hwm / 1024);
}

async function launch(profile: string, ext: string): Promise<{ context: BrowserContext; sw: Worker }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await findChromium({ quiet: true }),
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, sw };
}

const bench = (sw: Worker) => ({
  sample: (seed: number) => sw.evaluate(([s]) => (globalThis as unknown as BenchGlobal).__kennerBench.sampleEntities({ account: 10, contact: 5, topic: 5 }, s), [seed] as const),
  rank: (e: DetectedEntity[]) => sw.evaluate((x) => (globalThis as unknown as BenchGlobal).__kennerBench.rank(x), e),
  floor: (e: DetectedEntity[]) => sw.evaluate((x) => (globalThis as unknown as BenchGlobal).__kennerBench.floor(x), e),
});

async function main() {
  if (!from) throw new Error('KENNER_UPGRADE_FROM: the older e2e build');
  const file = path.join(tmpdir(), 'kenner-upgrade-scale10.ndjson');
  const ws = createWriteStream(file);
  ws.write(JSON.stringify({ format: 'kenner-graph', version: 1 }) + '\n');
  for (const r of generateDemoRecords({ seed: 1, scale: 10 })) if (!ws.write(JSON.stringify(r) + '\n')) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');

  const ext = mkdtempSync(path.join(tmpdir(), 'kenner-upgrade-ext-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'kenner-upgrade-profile-'));
  try {
    cpSync(from, ext, { recursive: true });
    let { context, sw } = await launch(profile, ext);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${new URL(sw.url()).host}/options.html#data`);
    await options.getByLabel('Import company graph').setInputFiles(file);
    await options.getByRole('status').filter({ hasText: /interactions/i }).first().waitFor({ timeout: 15 * 60_000 });
    log('imported with the older build');
    const pages: DetectedEntity[][] = [];
    for (let i = 0; i < 40; i++) pages.push(await bench(sw).sample(i + 1));
    const before: number[][] = [];
    for (const p of pages) before.push([(await bench(sw).rank(p)).n, (await bench(sw).floor(p)).n]);
    await context.close();

    rmSync(ext, { recursive: true });
    cpSync(to, ext, { recursive: true });
    // A higher version, so that Chromium treats it as an update (same version: it keeps the stored service worker).
    const manifest = JSON.parse(readFileSync(path.join(ext, 'manifest.json'), 'utf8')) as { version: string };
    manifest.version = `${manifest.version.split('.')[0]}.999`;
    writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(manifest));
    ({ context, sw } = await launch(profile, ext));
    // Chromium may start the service worker it stored; a reload starts the new build's.
    const cpu0 = cpuSeconds(profile);
    const t0 = Date.now();
    const next = context.waitForEvent('serviceworker');
    await sw.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
    sw = await next;
    const first = await bench(sw).rank(pages[0]);
    const seconds = (Date.now() - t0) / 1000;
    const cpu1 = cpuSeconds(profile);
    const build = await sw.evaluate(async () => ({ version: (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest().version, databases: await indexedDB.databases() }));
    const after: number[][] = [];
    for (const p of pages) after.push([(await bench(sw).rank(p)).n, (await bench(sw).floor(p)).n]);
    process.stdout.write(
      `${JSON.stringify({
        probe: 'upgrade',
        build,
        seconds_to_first_answer: +seconds.toFixed(1),
        first_rank_ms: +first.ms.toFixed(1),
        cpu_s_extension: +(cpu1.ext - cpu0.ext).toFixed(1),
        cpu_s_browser_all: +(cpu1.all - cpu0.all).toFixed(1),
        peak_rss_mb: hwmMb(profile),
        answers_same_count: before.filter((b, k) => b[0] === after[k][0]).length,
        pages: pages.length,
        floor_records_before: before.reduce((s, b) => s + b[1], 0),
        floor_records_after: after.reduce((s, b) => s + b[1], 0),
        load: +readFileSync('/proc/loadavg', 'utf8').split(' ')[0],
      })}\n`,
    );
    await context.close();
  } finally {
    rmSync(ext, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
    rmSync(file, { force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
