/**
 * The first scan's painting on a long page, in real Chromium (the engine bundled as the spotting
 * benchmark bundles it; no extension needed). A large first scan measures its new holders before
 * probing them, so those below the fold are never observed during the scan (near-set.ts): scrolling
 * must still draw them. Boxes are drawn in a closed overlay, so the test compares the painter's box
 * count with the name's line boxes a user sees (on screen, not under the fixed header).
 */
import { build } from 'esbuild';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/chromium.mjs';
import type { compileDictionary } from '../../utils/spotting/dictionary';
import { screenPixels } from './pixels';
import type { Matcher } from '../../utils/spotting/matcher';
import type { SpotEngine } from '../../utils/page/engine';
import type { generic } from '../../utils/sites/generic';

interface InPage {
  __kenner: { Matcher: typeof Matcher; SpotEngine: typeof SpotEngine; generic: typeof generic; compileDictionary: typeof compileDictionary };
  __engine: SpotEngine;
}

const NAME = 'Nordlicht Logistik GmbH';
let browser: Browser;
let bundle = '';

test.beforeAll(async () => {
  const r = await build({
    stdin: {
      contents: `
        import { Matcher } from './utils/spotting/matcher';
        import { SpotEngine } from './utils/page/engine';
        import { generic } from './utils/sites/generic';
        import { compileDictionary } from './utils/spotting/dictionary';
        (globalThis as any).__kenner = { Matcher, SpotEngine, generic, compileDictionary };`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
  });
  bundle = r.outputFiles[0].text;
  browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_FLAGS });
});

test.afterAll(async () => {
  await browser?.close();
});

/** 3,000 paragraphs, one name in every third, under a fixed header that covers the top 120 px. */
function longPage(): string {
  const ps: string[] = [];
  for (let i = 0; i < 3000; i++) ps.push(`<p id="p${i}">Row ${i}: ${i % 3 === 0 ? `a note about ${NAME} and the rollout` : 'nothing to see in this line of text'}.</p>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
    body{margin:0;font:16px sans-serif} p{margin:0 0 8px 0;padding:0 12px}
    header{position:fixed;top:0;left:0;right:0;height:120px;background:#fff;z-index:5}
  </style></head><body><header>Header</header><main style="padding-top:0">${ps.join('')}</main></body></html>`;
}

/** The name's line boxes on screen, in document order: where each is, and whether the text is uncovered at its centre. */
function nameBoxes(page: Page): Promise<Array<{ left: number; top: number; height: number; inside: boolean; uncovered: boolean }>> {
  return page.evaluate((name) => {
    const out: Array<{ left: number; top: number; height: number; inside: boolean; uncovered: boolean }> = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode() as Text | null; t; t = w.nextNode() as Text | null) {
      const i = t.data.indexOf(name);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + name.length);
      for (const b of r.getClientRects()) {
        if (b.width < 1 || b.height < 1 || b.bottom <= 0 || b.top >= innerHeight || b.right <= 0 || b.left >= innerWidth) continue;
        const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        const holder = t.parentElement!;
        const uncovered = !!hit && (hit === holder || holder.contains(hit) || hit.contains(holder));
        out.push({ left: b.left, top: b.top, height: b.height, inside: b.bottom < innerHeight, uncovered });
      }
    }
    return out;
  }, NAME);
}

/** How many of the name's line boxes a user sees now: on screen and not covered (what the painter should draw). */
async function visibleNameBoxes(page: Page): Promise<number> {
  return (await nameBoxes(page)).filter((b) => b.uncovered).length;
}

/** The engine on the page with a dictionary of one account, NAME; resolves when its first scan is done. */
const startEngine = (page: Page) =>
  page.evaluate(async (name) => {
    const w = window as unknown as InPage;
    const { Matcher, SpotEngine, generic, compileDictionary } = w.__kenner;
    const d = compileDictionary({ accounts: [{ id: 'a-nordlicht', name }], contacts: [], topics: [], people: [] }, 'scan-paint');
    w.__engine = new SpotEngine({ matcher: new Matcher(d), adapter: generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
    await w.__engine.start();
  }, NAME);
const boxes = (page: Page) => page.evaluate(() => (window as unknown as InPage).__engine.highlighter.boxes());
/** Lets the page render `n` frames (the probes report in one, the painter draws in the next). */
const frames = (page: Page, n: number) =>
  page.evaluate((k) => new Promise<void>((resolve) => {
    let i = 0;
    const f = () => (++i < k ? requestAnimationFrame(f) : setTimeout(resolve, 0));
    requestAnimationFrame(f);
  }), n);

test('a first scan that starts mid-page draws the names on screen (none under the header), and scrolling draws the others', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.setContent(longPage(), { waitUntil: 'load' });
  await page.addScriptTag({ content: bundle });
  // Mid-page: the holders on screen come to the painter in a large batch (measured, then probed).
  await page.evaluate(() => document.getElementById('p1500')!.scrollIntoView());
  const found = await page.evaluate(async (name) => {
    const w = window as unknown as InPage;
    const { Matcher, SpotEngine, generic, compileDictionary } = w.__kenner;
    const d = compileDictionary({ accounts: [{ id: 'a-nordlicht', name }], contacts: [], topics: [], people: [] }, 'scan-paint');
    w.__engine = new SpotEngine({ matcher: new Matcher(d), adapter: generic, config: { highlight: true, kinds: { account: true, contact: true, topic: true } } });
    await w.__engine.start();
    return w.__engine.current().entities.map((e) => e.id);
  }, NAME);
  expect(found).toEqual(['a-nordlicht']);
  const middle = await visibleNameBoxes(page);
  expect(middle).toBeGreaterThan(3);
  // Drawn within the frames that follow the scan: well before the 1.5 s safety sweep could have found them.
  await frames(page, 3);
  await expect.poll(() => boxes(page), { timeout: 1000 }).toBe(middle);
  // Holders the first scan measured off screen and never probed: scrolling draws them.
  for (const scroll of [() => window.scrollTo(0, 0), () => document.getElementById('p2700')!.scrollIntoView()]) {
    await page.evaluate(scroll);
    const seen = await visibleNameBoxes(page);
    expect(seen).toBeGreaterThan(3);
    await expect.poll(async () => [await boxes(page), await visibleNameBoxes(page)]).toEqual([seen, seen]);
  }
  await page.close();
});

test('with no name on screen, a page change that brings names into view without a scroll draws them', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.setContent(longPage(), { waitUntil: 'load' });
  await page.addScriptTag({ content: bundle });
  // A tall banner above the rows: nothing with a name is on screen when the scan runs.
  await page.evaluate(() => {
    const banner = document.createElement('div');
    banner.id = 'banner';
    banner.style.height = '5000px';
    document.querySelector('main')!.prepend(banner);
  });
  await startEngine(page);
  expect(await visibleNameBoxes(page)).toBe(0);
  await frames(page, 3);
  expect(await boxes(page)).toBe(0);
  // The banner goes (a mutation, no scroll, no resize): the rows with names move up into view.
  await page.evaluate(() => document.getElementById('banner')!.remove());
  const seen = await visibleNameBoxes(page);
  expect(seen).toBeGreaterThan(3);
  await expect.poll(async () => [await boxes(page), await visibleNameBoxes(page)]).toEqual([seen, seen]);
  await page.close();
});

/** The colour of the screen at a point. */
async function pixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  return (await screenPixels(page, { x, y, width: 1, height: 1 }))[0];
}

/** The centre of the first line box of the name that the user sees, below the page's header. */
async function firstNameBox(page: Page): Promise<{ x: number; y: number }> {
  const b = (await nameBoxes(page)).find((x) => x.top > 130 && x.inside);
  if (!b) throw new Error('no name on screen');
  return { x: Math.round(b.left + 4), y: Math.round(b.top + b.height / 2) };
}

test('the overlay sits in the top layer: a page-wide ::backdrop rule does not tint the page, and a page that hides it still gets its marks', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  // A page that styles every backdrop (common for its own dialogs).
  await page.setContent(longPage().replace('</style>', '::backdrop{background:rgba(255,0,0,.8)!important;display:block!important}</style>'), { waitUntil: 'load' });
  await page.addScriptTag({ content: bundle });
  await startEngine(page);
  const seen = await visibleNameBoxes(page);
  expect(seen).toBeGreaterThan(3);
  await expect.poll(() => boxes(page)).toBe(seen);
  expect(await page.evaluate(() => document.querySelector('kenner-marks')!.matches(':popover-open'))).toBe(true);
  // No tint where nothing is marked (the header, white), a blue tint on a marked name.
  expect(await pixel(page, 900, 60)).toEqual([255, 255, 255]);
  const at = await firstNameBox(page);
  const marked = await pixel(page, at.x, at.y);
  expect(marked[2]).toBeGreaterThan(marked[0] + 10);
  // The page takes it out of the top layer (no mutation): its style keeps it above the page, marks and all.
  await page.evaluate(() => (document.querySelector('kenner-marks') as HTMLElement).hidePopover());
  await page.evaluate(() => window.scrollBy(0, 300));
  const after = await visibleNameBoxes(page);
  await expect.poll(() => boxes(page)).toBe(after);
  const at2 = await firstNameBox(page);
  const marked2 = await pixel(page, at2.x, at2.y);
  expect(marked2[2]).toBeGreaterThan(marked2[0] + 10);
  expect(await pixel(page, 900, 60)).toEqual([255, 255, 255]);
  await page.close();
});

test('a host the page removed is put back with its marks drawn again', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.setContent(longPage(), { waitUntil: 'load' });
  await page.addScriptTag({ content: bundle });
  await startEngine(page);
  const seen = await visibleNameBoxes(page);
  expect(seen).toBeGreaterThan(3);
  await expect.poll(() => boxes(page)).toBe(seen);
  await page.evaluate(() => {
    const old = document.querySelector('kenner-marks')!;
    old.setAttribute('data-removed', '');
    old.remove();
  });
  await expect.poll(() => page.evaluate(() => !!document.querySelector('kenner-marks:not([data-removed])'))).toBe(true);
  await expect.poll(() => boxes(page)).toBe(seen);
  await page.close();
});
