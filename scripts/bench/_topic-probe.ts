/**
 * Development aid for the warm-ranking tail (not a benchmark: bench.mjs skips
 * files starting with `_`): where a topic's first read goes in the service
 * worker. On a profile `_rank-profile.ts` imported (KENNER_PROF_DIR), it reads
 * every topic's edge record and skilled colleagues with plain IndexedDB in the
 * worker, one topic per transaction, phase by phase, and prints per topic the
 * worker's wall time and the thread CPU (/proc ticks) of the worker, the
 * extension's and the browser's IndexedDB thread pools. KENNER_PROBE_DUMP=file
 * writes the topics' records and skilled colleagues as JSON (typed arrays as
 * arrays) for node measurements of the fold (`_topic-fold.ts`).
 */
import { chromium } from 'playwright-core';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_FLAGS, findChromium } from '../chromium.mjs';
import { threadCpu } from './_proc';

const dir = process.env.KENNER_PROF_DIR ?? '/tmp/rank-prof-10';
const extDir = path.resolve('.output/chrome-mv3-e2e');
const reps = Number(process.env.KENNER_PROBE_REPS ?? 3);
const log = (m: string) => process.stderr.write(`${m}\n`);

const ticks = threadCpu;

/** The worker's side: one phase over every topic, each in its own read transaction, sequentially. */
const PHASE = `async ([phase, reps]) => {
  const open = () => new Promise((res, rej) => { const r = indexedDB.open('kenner-graph'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const idb = globalThis.__probeDb ?? (globalThis.__probeDb = await open());
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r); r.onerror = () => rej(r.error); });
  const slot = (await req(idb.transaction('meta').objectStore('meta').get('slot'))).result.value;
  const topics = (await req(idb.transaction('topics_' + slot).objectStore('topics_' + slot).getAllKeys())).result;
  let wall = 0, sum = 0;
  for (let k = 0; k < reps; k++)
    for (const id of topics) {
      const t0 = performance.now();
      const tx = idb.transaction(['edges_' + slot, 'people_' + slot], 'readonly');
      if (phase === 'record' || phase === 'record-untouched') {
        const r = await req(tx.objectStore('edges_' + slot).get(id));
        if (phase === 'record') sum += r.result.people.length;
      } else if (phase === 'skills') {
        const r = await req(tx.objectStore('people_' + slot).index('skills').getAllKeys(id));
        sum += r.result.length;
      } else if (phase === 'both') {
        const a = req(tx.objectStore('edges_' + slot).get(id));
        const b = req(tx.objectStore('people_' + slot).index('skills').getAllKeys(id));
        sum += (await a).result.people.length + (await b).result.length;
      } else if (phase === 'empty') {
        await req(tx.objectStore('edges_' + slot).count(id));
      }
      wall += performance.now() - t0;
    }
  return { n: topics.length * reps, wall, sum };
}`;

const DUMP = `async () => {
  const open = () => new Promise((res, rej) => { const r = indexedDB.open('kenner-graph'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const idb = globalThis.__probeDb ?? (globalThis.__probeDb = await open());
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const slot = (await req(idb.transaction('meta').objectStore('meta').get('slot'))).value;
  const topics = await req(idb.transaction('topics_' + slot).objectStore('topics_' + slot).getAllKeys());
  const out = [];
  for (const id of topics) {
    const tx = idb.transaction(['edges_' + slot, 'people_' + slot], 'readonly');
    const rec = await req(tx.objectStore('edges_' + slot).get(id));
    const skilled = await req(tx.objectStore('people_' + slot).index('skills').getAllKeys(id));
    const plain = {};
    for (const [k, v] of Object.entries(rec ?? {})) plain[k] = ArrayBuffer.isView(v) ? { t: v.constructor.name, a: Array.from(v) } : v;
    out.push({ id, rec: rec ? plain : null, skilled });
  }
  return JSON.stringify(out);
}`;

async function main() {
  const profile = path.join(dir, 'profile');
  rmSync(path.join(profile, 'Default', 'Service Worker'), { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await findChromium({ quiet: true }),
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
  });
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    if (process.env.KENNER_PROBE_DUMP) {
      writeFileSync(process.env.KENNER_PROBE_DUMP, await sw.evaluate<string>(`(${DUMP})()`));
      log(`dumped to ${process.env.KENNER_PROBE_DUMP}`);
      return;
    }
    const phases = (process.env.KENNER_PROBE_PHASES ?? 'empty,record-untouched,record,skills,both').split(',');
    await sw.evaluate(`(${PHASE})(['both', 1])`);
    for (const phase of [...phases, ...phases]) {
      const c0 = ticks(profile);
      const r = await sw.evaluate<{ n: number; wall: number; sum: number }>(`(${PHASE})(${JSON.stringify([phase, reps])})`);
      const c1 = ticks(profile);
      const d = (k: string) => ([...c1].filter(([key]) => key.startsWith(k)).reduce((s, [key, v]) => s + v - (c0.get(key) ?? 0), 0) * 10) / r.n;
      log(
        `${phase.padEnd(17)} per topic: wall ${(r.wall / r.n).toFixed(2)} ms; CPU worker ${d('extension/ServiceWorker').toFixed(2)}, ext pool ${d('extension/ThreadPool').toFixed(2)}, ext IO ${d('extension/Chrome_ChildIO').toFixed(2)}, browser pool ${d('browser/ThreadPool').toFixed(2)}, browser all ${d('browser/').toFixed(2)} ms`,
      );
    }
  } finally {
    await context.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
