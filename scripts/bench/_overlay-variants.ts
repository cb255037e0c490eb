/**
 * Diagnostic for the overlay host's first frame (not a benchmark: bench.mjs skips `_` files).
 * In-page micro-measure on the synthetic page: per round and per variant, a fresh load of the page,
 * garbage collected, then
 *  - `insert`: main-thread CPU (_cpu.ts cpuOf: thread ticks, incl. the frames after) of putting a
 *    host of that variant into the document (closed shadow root, the painter's sheet, an empty layer);
 *  - `boxes`: the same for the painter's first paint into it: in an animation frame, the ranges of
 *    the first 27 matches on screen measured, each hit-tested, then 27 boxes written.
 *  - `measure`: then every cell, paragraph and list item measured (getBoundingClientRect) in a frame;
 *  - `per frame`: then a list of 50 rows re-rendered every frame (KENNER_OV_FRAMES, default 60): CPU a frame.
 * Variants run interleaved (the order rotates each round). Prints each round and the medians.
 *   npx tsx scripts/bench/_overlay-variants.ts 8 [variant,variant,...]
 * KENNER_OV_TRACE=1: one more round per variant, traced: thread CPU self time per trace event.
 */
import { STORY } from '../../utils/demo/story';
import { cpuOf, enableCpu, outermostTasks, selfTimes, settle, traceEvents } from './_cpu';
import { RERENDER, fortuneNames, launchBenchPage, syntheticPage } from './_spot-data';
import type { CDPSession, Page } from 'playwright-core';

const rounds = Number(process.argv[2] ?? 6);
/** Frames of the re-rendering list per round and variant (`per frame`: CPU a frame). */
const FRAMES = Number(process.env.KENNER_OV_FRAMES ?? 60);
const ALL = ['none', 'base', 'noz', 'layout-paint', 'willchange', 'body', 'noshadow', 'absolute', 'popover', 'popover-z'];
const variants = process.argv[3] ? process.argv[3].split(',') : ALL;

/** In the page: puts a host of the variant in (window.__layer: where boxes go). */
function insert(variant: string): void {
  const w = window as unknown as { __layer?: HTMLElement | null; __host?: HTMLElement | null };
  if (variant === 'none') {
    w.__layer = null;
    return;
  }
  const STYLE = `:host{all:initial}
.layer{position:fixed;inset:0;overflow:hidden;pointer-events:none}
.m{position:absolute;left:0;top:0;box-sizing:border-box;border-radius:2px;pointer-events:none}
.account{background:rgba(37,99,235,.16);border-bottom:2px solid rgba(37,99,235,.85)}
:host::backdrop{display:none!important}`;
  const base = 'all:initial!important;display:block!important;pointer-events:none!important;';
  const fixed = 'position:fixed!important;inset:0!important;';
  const css: Record<string, string> = {
    base: base + fixed + 'z-index:2147483646!important;contain:strict!important;',
    noz: base + fixed + 'contain:strict!important;',
    'layout-paint': base + fixed + 'z-index:2147483646!important;contain:layout paint style!important;',
    willchange: base + fixed + 'z-index:2147483646!important;contain:strict!important;will-change:transform!important;',
    body: base + fixed + 'z-index:2147483646!important;contain:strict!important;',
    noshadow: base + fixed + 'z-index:2147483646!important;contain:strict!important;',
    // At the document's origin, size 0, no paint containment: boxes in document coordinates overflow it.
    absolute: base + 'position:absolute!important;left:0!important;top:0!important;width:0!important;height:0!important;z-index:2147483646!important;contain:layout style size!important;',
    popover: base + fixed + 'contain:strict!important;margin:0!important;border:0!important;padding:0!important;width:auto!important;height:auto!important;overflow:visible!important;background:transparent!important;',
    // Controls: a host that is not positioned (its layer inside is), and an element with no box at all.
    static: base + 'position:static!important;height:0!important;',
    plain: base + 'position:static!important;height:0!important;',
    // The top layer with the painter's inline style unchanged (z-index: where it lands if the page hides the popover).
    'popover-z': base + fixed + 'z-index:2147483646!important;contain:strict!important;',
    // The same, its boxes placed by left/top instead of a transform (no paint layer per box).
    'popover-lt': base + fixed + 'z-index:2147483646!important;contain:strict!important;',
  };
  const host = document.createElement('kenner-marks');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = css[variant];
  let layer: HTMLElement | null = null;
  if (variant !== 'noshadow' && variant !== 'plain') {
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = variant === 'absolute' ? STYLE.replace('.layer{position:fixed;inset:0;overflow:hidden;', '.layer{position:absolute;left:0;top:0;') : STYLE;
    layer = document.createElement('div');
    layer.className = 'layer';
    shadow.append(style, layer);
  }
  if (variant.startsWith('popover')) host.setAttribute('popover', 'manual');
  if (variant === 'body') document.body.appendChild(host);
  else document.documentElement.appendChild(host);
  if (variant.startsWith('popover')) host.showPopover();
  w.__host = host;
  w.__layer = layer;
}

/** In the page: the painter's first paint of 27 boxes (the matches on screen), as marks.ts does it. */
function paint(variant: string): Promise<{ boxes: number }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const w = window as unknown as { __layer?: HTMLElement | null; __host?: HTMLElement | null };
      const vh = innerHeight;
      // The first 27 table cells on screen stand for the holders (names are in <td>s).
      const cells = Array.from(document.querySelectorAll('td:first-child')).slice(0, 80);
      const r = document.createRange();
      const boxes: Array<{ el: Element; r: DOMRect }> = [];
      for (const el of cells) {
        if (boxes.length >= 27) break;
        const t = el.firstChild;
        if (!t) continue;
        r.setStart(t, 0);
        r.setEnd(t, (t as Text).length);
        for (const b of Array.from(r.getClientRects())) if (b.top < vh && b.bottom > 0 && boxes.length < 27) boxes.push({ el, r: b });
      }
      const up = boxes.map(({ el, r: b }) => {
        const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        return !!hit && (hit === el || el.contains(hit) || hit.contains(el));
      });
      let layer = w.__layer;
      if (variant === 'noshadow' && w.__host) {
        const shadow = w.__host.attachShadow({ mode: 'closed' });
        const style = document.createElement('style');
        style.textContent = '.layer{position:fixed;inset:0;overflow:hidden;pointer-events:none}.m{position:absolute;left:0;top:0;box-sizing:border-box;pointer-events:none;background:rgba(37,99,235,.16);border-bottom:2px solid rgba(37,99,235,.85)}';
        layer = document.createElement('div');
        layer.className = 'layer';
        shadow.append(style, layer);
      }
      const sx = variant === 'absolute' ? scrollX : 0;
      const sy = variant === 'absolute' ? scrollY : 0;
      let n = 0;
      if (layer)
        for (let i = 0; i < boxes.length; i++) {
          if (!up[i]) continue;
          const b = boxes[i].r;
          const d = document.createElement('div');
          d.className = 'm account';
          d.style.cssText = variant === 'popover-lt' ? `left:${b.left}px;top:${b.top}px;width:${b.width}px;height:${b.height}px` : `transform:translate(${b.left + sx}px,${b.top + sy}px);width:${b.width}px;height:${b.height}px`;
          layer.appendChild(d);
          n++;
        }
      resolve({ boxes: n });
    });
  });
}

async function load(page: Page, html: string) {
  await page.setContent(html, { waitUntil: 'load' });
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  await page.addScriptTag({ content: RERENDER });
  await settle(page);
}

async function traced(page: Page, cdp: CDPSession, variant: string) {
  const events = await traceEvents(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline,blink,toplevel,cc,disabled-by-default-blink.debug.layout', async () => {
    await page.evaluate(() => console.timeStamp('kenner-start'));
    await page.evaluate(insert, variant);
    await settle(page);
    await page.evaluate(() => console.timeStamp('kenner-paint'));
    await page.evaluate(paint, variant);
    await settle(page);
  });
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-start')!;
  const mark2 = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-paint')!;
  const main = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.ts >= mark.ts).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const [label, from, to] of [['insert', mark.ts, mark2.ts], ['paint', mark2.ts, Infinity]] as const) {
    const part = main.filter((e) => e.ts >= from && e.ts < to);
    const tasks = outermostTasks(part);
    const self = selfTimes(part);
    console.log(`--- ${variant} ${label}: ${tasks.length} tasks, cpu ${(tasks.reduce((a, t) => a + (t.tdur ?? 0), 0) / 1000).toFixed(1)} ms; self cpu by event:`);
    for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${ms.toFixed(2).padStart(8)}  ${name}`);
  }
}

async function main() {
  const html = syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { browser, context, page } = await launchBenchPage();
  const cdp = await context.newCDPSession(page);
  await enableCpu(cdp);
  const ins = new Map<string, number[]>(variants.map((v) => [v, []]));
  const pnt = new Map<string, number[]>(variants.map((v) => [v, []]));
  const gb = new Map<string, number[]>(variants.map((v) => [v, []]));
  const fr = new Map<string, number[]>(variants.map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) {
    const line: string[] = [];
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + r) % variants.length];
      await load(page, html);
      await cdp.send('HeapProfiler.collectGarbage');
      const a = await cpuOf(page, cdp, () => page.evaluate(insert, v));
      const b = await cpuOf(page, cdp, () => page.evaluate(paint, v));
      // After the first paint: what the near set's measure of a scan's holders costs with this host (all cells and paragraphs, in a frame).
      const g = await cpuOf(page, cdp, () =>
        page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => {
          let n = 0;
          for (const el of document.querySelectorAll('td, p, li')) if (el.getBoundingClientRect().bottom < innerHeight) n++;
          resolve(n);
        }))),
      );
      gb.get(v)!.push(g.ms);
      // Then a list re-rendered every frame (the page's own work; the host and its boxes only sit there).
      const f = await cpuOf(page, cdp, () =>
        page.evaluate((n) => new Promise<void>((resolve) => {
          let i = 0;
          const step = () => {
            (window as unknown as { __rerender(r: number): void }).__rerender(i);
            if (++i < n) requestAnimationFrame(step);
            else resolve();
          };
          requestAnimationFrame(step);
        }), FRAMES),
      );
      fr.get(v)!.push(f.ms / FRAMES);
      ins.get(v)!.push(a.ms);
      pnt.get(v)!.push(b.ms);
      line.push(`${v} ${a.ms.toFixed(1)}+${b.ms.toFixed(1)} (${b.result.boxes}) m ${g.ms.toFixed(1)} f ${(f.ms / FRAMES).toFixed(2)}`);
    }
    console.log(`round ${r}: ${line.join(' | ')}`);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const v of variants) console.log(`median ${v.padEnd(13)} insert ${med(ins.get(v)!).toFixed(1).padStart(6)}  boxes ${med(pnt.get(v)!).toFixed(1).padStart(6)}  measure ${med(gb.get(v)!).toFixed(1).padStart(6)}  per frame ${med(fr.get(v)!).toFixed(2).padStart(6)}  sum ${med(ins.get(v)!.map((x, i) => x + pnt.get(v)![i])).toFixed(1).padStart(6)} ms`);
  if (process.env.KENNER_OV_TRACE)
    for (const v of variants) {
      await load(page, html);
      await traced(page, cdp, v);
    }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
