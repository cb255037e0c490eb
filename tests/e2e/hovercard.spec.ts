/**
 * The hover card on the STORE build, on a real hostname (the demo Salesforce
 * page served over HTTPS as kennerdemo.lightning.force.com, as in
 * store-build.spec.ts): the card is drawn in the extension's own frame, opens
 * for a real pointer and for Alt+K, and a hostile page learns nothing of it
 * (issue 10: synthetic events, window.find, the page's own tree).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test, expect, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { KennerHelpers, launchWithExtension } from './fixtures';
import { mostRecentDealWinner, smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { startDemoServer } from '../../scripts/demo-server.mjs';
import { screenPixels, type Clip } from './pixels';

const STORE_BUILD = path.resolve('.output/chrome-mv3');
const HOST = 'kennerdemo.lightning.force.com';
const ACCOUNT_URL = `https://${HOST}/lightning/r/Account/0015g00000NRDLCHAA/view`;
const graph = smallDemoGraph();
const winner = graph.people.find((p) => p.id === mostRecentDealWinner(graph, 'a-nordlicht'))!;

let context: BrowserContext;
let kenner: KennerHelpers;
let closeAll: () => Promise<void>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const https = await startDemoServer({ port: 0, https: true });
  const plain = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension({
    extensionDir: STORE_BUILD,
    extraArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1:${https.port}`, '--ignore-certificate-errors'],
  });
  context = launched.context;
  kenner = new KennerHelpers(launched.context, launched.extensionId, plain.url);
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);
  closeAll = async () => {
    await launched.close();
    await https.close();
    await plain.close();
  };
});

test.afterAll(async () => closeAll?.());

async function openAccountPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(ACCOUNT_URL);
  await expect.poll(() => kenner.seenIds(page)).toContain('a-nordlicht');
  return page;
}

async function cardVisible(frame: Frame): Promise<boolean> {
  return (await frame.frameElement()).isVisible();
}

test('a real pointer opens the card in the extension frame; a hostile page then learns nothing of it', async () => {
  const page = await openAccountPage();
  const frame = await kenner.hoverCardFrame(page);
  expect(frame.url()).toMatch(/^chrome-extension:\/\//);

  // (b) A trusted hover opens the card: its text is in the extension frame and names the expected colleague.
  const point = await kenner.textPoint(page, 'Nordlicht Logistik GmbH');
  expect(point).not.toBeNull();
  await page.mouse.move(point!.x, point!.y);
  await expect(frame.locator(`[data-person-id="${winner.id}"]`)).toBeVisible();
  await expect.poll(() => cardVisible(frame)).toBe(true);
  const onCard = await frame.locator('[data-person-id] .pname').allTextContents();
  expect(onCard).toContain(winner.name);
  // Colleague names that the page itself does not show: those are what the attack looks for.
  const pageText = await page.evaluate(() => document.documentElement.innerText);
  const secrets = onCard.filter((n) => !pageText.includes(n));
  expect(secrets.length).toBeGreaterThan(0);

  // Escape (trusted) closes it; its content stays in the (hidden) extension frame.
  await page.keyboard.press('Escape');
  await expect.poll(() => cardVisible(frame)).toBe(false);
  await expect(frame.locator(`[data-person-id="${winner.id}"]`)).toHaveCount(1);

  // (a) The attack: synthetic mousemove (and Alt+K) over every name Kenner found on the page (the attacker's
  // best guesses: the page's own names), then window.find and the page's own tree.
  const onPage = ((await kenner.storedTabView(await kenner.tabIdOf(page)))?.entities ?? []).map((e) => e.name);
  expect(onPage.length).toBeGreaterThan(0);
  const loot = await page.evaluate(async ([names, targets]) => {
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const frameTick = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const ranges: Range[] = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      for (const t of targets) {
        const i = (n as Text).data.indexOf(t);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + t.length);
        ranges.push(r);
      }
    }
    let events = 0;
    for (const r of ranges) {
      const b = r.getBoundingClientRect();
      if (!b.width) continue;
      const x = b.x + b.width / 2;
      const y = b.y + b.height / 2;
      const at = document.elementFromPoint(x, y) ?? document.body;
      for (const type of ['mouseover', 'mousemove']) at.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true, view: window }));
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', altKey: true, bubbles: true, composed: true }));
      events++;
      await frameTick();
      await wait(320); // longer than the card's show delay
    }
    getSelection()!.removeAllRanges();
    const found = names.filter((n) => {
      getSelection()!.removeAllRanges();
      return (window as unknown as { find(s: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find(n, false, false, true);
    });
    // Everything the page's own tree holds, open shadow roots included.
    const texts: string[] = [document.documentElement.innerText, document.documentElement.textContent ?? ''];
    const visit = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          texts.push(el.shadowRoot.textContent ?? '');
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    const frameDocs: string[] = [];
    for (let i = 0; i < frames.length; i++) {
      try {
        frameDocs.push(frames[i].document.documentElement.textContent ?? '');
      } catch {
        // cross-origin: unreadable
      }
    }
    return { events, found, inTree: names.filter((n) => texts.some((t) => t.includes(n))), frameDocs, framesLength: frames.length };
  }, [secrets, onPage] as const);

  expect(loot.events).toBeGreaterThan(0);
  expect(loot.found).toEqual([]);
  expect(loot.inTree).toEqual([]);
  expect(loot.frameDocs.join('')).not.toContain(winner.name);
  // The synthetic events opened nothing.
  expect(await cardVisible(frame)).toBe(false);
});

test('the card opens on the record header, whose name sits in an open shadow root (Lightning)', async () => {
  const page = await openAccountPage();
  const frame = await kenner.hoverCardFrame(page);
  const point = await page.evaluate(() => {
    const host = document.querySelector('records-highlights2');
    const root = host?.shadowRoot;
    if (!root) return null;
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = (n as Text).data.indexOf('Nordlicht Logistik GmbH');
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 'Nordlicht Logistik GmbH'.length);
      const b = r.getBoundingClientRect();
      if (b.width > 0) return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  });
  expect(point).not.toBeNull();
  await page.mouse.move(point!.x, point!.y);
  await expect(frame.locator(`[data-person-id="${winner.id}"]`)).toBeVisible();
  await expect.poll(() => cardVisible(frame)).toBe(true);
  await expect(frame.getByRole('dialog')).toHaveAttribute('aria-label', /Nordlicht Logistik GmbH/);
  await page.keyboard.press('Escape');
  await expect.poll(() => cardVisible(frame)).toBe(false);
});

test('Alt+K opens the card for the name at the caret; focus moves into it; Escape closes it and gives focus back', async () => {
  const page = await openAccountPage();
  const frame = await kenner.hoverCardFrame(page);

  // A focused link whose text holds a highlighted name.
  const linkText = await page.evaluate(() => {
    const link = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].find((a) => /Nordlicht – S\/4HANA/.test(a.textContent ?? ''))!;
    link.focus();
    return link.textContent;
  });
  expect(linkText).toMatch(/Nordlicht/);
  await page.keyboard.press('Alt+k');
  await expect.poll(() => cardVisible(frame)).toBe(true);
  await expect(frame.getByRole('dialog')).toBeFocused();
  await expect(frame.getByRole('dialog')).toHaveAttribute('aria-label', /Nordlicht|S\/4HANA/);
  await page.keyboard.press('Escape');
  await expect.poll(() => cardVisible(frame)).toBe(false);
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(linkText);

  // The caret (no focused control) in the account's name.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf('Nordlicht Logistik GmbH');
      if (i >= 0 && (n.parentElement?.getBoundingClientRect().width ?? 0) > 0) {
        getSelection()!.collapse(n, i + 3);
        return;
      }
    }
  });
  await page.keyboard.press('Alt+k');
  await expect(frame.locator(`[data-person-id="${winner.id}"]`)).toBeVisible();
  await expect.poll(() => cardVisible(frame)).toBe(true);
  await expect(frame.getByRole('dialog')).toHaveAttribute('aria-label', /Nordlicht Logistik GmbH/);
  await expect(frame.getByRole('dialog')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(frame.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => cardVisible(frame)).toBe(false);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the card passes axe in ${scheme} mode`, async () => {
    const page = await openAccountPage();
    await page.emulateMedia({ colorScheme: scheme });
    const frame = await kenner.hoverCardFrame(page);
    const point = await kenner.textPoint(page, 'Nordlicht Logistik GmbH');
    await page.mouse.move(point!.x, point!.y);
    await expect(frame.locator(`[data-person-id="${winner.id}"]`)).toBeVisible();
    await expect.poll(() => cardVisible(frame)).toBe(true);
    // The frame follows the colour scheme (the card is drawn in it).
    expect(await frame.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await frame.evaluate(axeSource);
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
      const r = await axe.run(document);
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });
}

/** Pixels of a screen region with a blue tint (the account marks' colour over white or black text). */
async function bluePixels(page: Page, clip: Clip): Promise<number> {
  return (await screenPixels(page, clip)).filter(([r, , b]) => b - r > 20).length;
}

/**
 * Opens the card over a marked name and checks that it covers the marks: the same screen region with
 * the overlay taken out of the top layer (its z-index keeps it under the card's) shows no change.
 * `before` runs once the name is marked, before the card opens.
 */
async function cardCoversMarks(before?: (page: Page, marked: () => Promise<number>) => Promise<void>): Promise<void> {
  const page = await openAccountPage();
  const frame = await kenner.hoverCardFrame(page);
  const point = await kenner.textPoint(page, 'Nordlicht Logistik GmbH');
  expect(point).not.toBeNull();
  // A known name where the card will open (just below the hovered name), on a white ground.
  await page.evaluate(({ x, y }) => {
    const p = document.createElement('p');
    p.id = 'under-card';
    p.textContent = 'Nordlicht Logistik GmbH';
    p.style.cssText = `position:fixed;left:${Math.round(x - 20)}px;top:${Math.round(y + 40)}px;margin:0;font:16px sans-serif;background:#fff;z-index:10`;
    document.body.append(p);
  }, point!);
  const clip = await page.evaluate(() => {
    const b = document.getElementById('under-card')!.getBoundingClientRect();
    return { x: Math.round(b.left), y: Math.round(b.top), width: Math.round(b.width), height: Math.round(b.height) };
  });
  // Marked: the overlay drew its blue box over the name.
  const marked = () => bluePixels(page, clip);
  await expect.poll(marked, { timeout: 10_000 }).toBeGreaterThan(20);
  await before?.(page, marked);
  await page.mouse.move(point!.x, point!.y);
  await expect.poll(() => cardVisible(frame)).toBe(true);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const withCard = await page.screenshot({ clip });
  await page.evaluate(() => (document.querySelector('kenner-marks') as HTMLElement).hidePopover());
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect((await page.screenshot({ clip })).equals(withCard)).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => cardVisible(frame)).toBe(false);
  await page.close();
}

test('the open card covers the marks of names under it (both in the top layer, the card above the overlay)', async () => {
  await cardCoversMarks();
});

test('after the page removed the overlay and Kenner put it back, its marks are drawn again and the card still covers them', async () => {
  await cardCoversMarks(async (page, marked) => {
    await page.evaluate(() => {
      const old = document.querySelector('kenner-marks')!;
      old.setAttribute('data-removed', '');
      old.remove();
    });
    await expect.poll(() => page.evaluate(() => !!document.querySelector('kenner-marks:not([data-removed])'))).toBe(true);
    await expect.poll(marked, { timeout: 10_000 }).toBeGreaterThan(20);
  });
});
