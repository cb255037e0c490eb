/**
 * Spotting on every demo page (issue "Spotting"): exactly the entities each
 * page's expectation file names are found (focal record included), the near
 * misses are not highlighted, and in-app navigation replaces the record.
 */
import type { Page } from '@playwright/test';
import { test, expect, KennerHelpers, launchWithExtension } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { listDemoPages, startDemoServer } from '../../scripts/demo-server.mjs';

interface Expectation {
  url: string;
  site: string | null;
  enabled?: boolean;
  focal: { kind: string; id: string } | null;
  entities: Array<{ kind: string; id: string }>;
  mustMatch?: Array<{ text: string; kind: string; id: string }>;
  mustNotMatch: string[];
}
const pages = (listDemoPages() as Array<{ name: string; expectation: Expectation }>).filter((p) => p.expectation.enabled !== false);

// One browser and one import for all pages (beforeAll); a failing page does not skip the others.
test.describe.configure({ mode: 'default' });
let kenner: KennerHelpers;
let close: () => Promise<void>;
let server: { url: string; close(): Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension();
  close = launched.close;
  kenner = new KennerHelpers(launched.context, launched.extensionId, server.url);
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
});
test.afterAll(async () => {
  await close?.();
  await server?.close();
});

/** The tab's current answer as the side panel receives it. */
async function tabView(page: Page): Promise<any> {
  const tabId = await kenner.tabIdOf(page);
  const sw = kenner.context.serviceWorkers()[0];
  return sw.evaluate(async (id) => (await (globalThis as any).chrome.storage.session.get(`tabview:${id}`))[`tabview:${id}`] ?? null, tabId);
}

async function settledView(page: Page): Promise<any> {
  await expect.poll(async () => (await tabView(page))?.status, { timeout: 20_000 }).toBe('ok');
  // Let batched rescans finish: the entity set must be stable for a moment.
  let last = '';
  for (let i = 0; i < 10; i++) {
    const key = JSON.stringify((await tabView(page))?.entities?.map((e: any) => e.id).sort());
    if (key === last) break;
    last = key;
    await page.waitForTimeout(300);
  }
  return tabView(page);
}

for (const { name, expectation } of pages) {
  test(`${name}: finds exactly the expected entities and none of the near misses`, async () => {
    const page = await kenner.openDemoPage(expectation.url);
    await settledView(page);
    // Frames and shadow roots are scanned in later batches: wait until the set is complete, then it must be exact.
    const expected = expectation.entities.map((e) => `${e.kind}:${e.id}`).sort();
    await expect.poll(async () => ((await tabView(page))?.entities ?? []).map((e: any) => `${e.kind}:${e.id}`).sort(), { timeout: 15_000 }).toEqual(expected);
    const view = await tabView(page);
    const focal = view.entities.filter((e: any) => e.focal).map((e: any) => `${e.kind}:${e.id}`);
    expect(focal).toEqual(expectation.focal ? [`${expectation.focal.kind}:${expectation.focal.id}`] : []);

    const texts = (await Promise.all(['kenner-account', 'kenner-contact', 'kenner-topic'].map((h) => kenner.highlightedTexts(page, h)))).flat();
    for (const m of expectation.mustMatch ?? []) expect.soft(texts, `highlighted: ${m.text}`).toContain(m.text);
    expect.soft(await kenner.highlightedNearMisses(page, expectation.mustNotMatch), 'near misses that are highlighted').toEqual([]);
    // The overlap check does see highlights: the texts that must match are reported by it.
    const must = (expectation.mustMatch ?? []).map((m) => m.text).filter((t) => texts.includes(t));
    if (must.length) expect(await kenner.highlightedNearMisses(page, must)).toEqual(expect.arrayContaining(must));
    await page.close();
  });
}

test('in-app navigation between Lightning records changes the side panel to the new record', async () => {
  const page = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
  const tabId = await kenner.tabIdOf(page);
  const panel = await kenner.openSidePanel(tabId);
  await expect(panel.locator('[data-entity-kind="account"][data-entity-id="a-nordlicht"]').first()).toBeVisible();
  // The demo page switches records with history.pushState, like Lightning.
  await page.locator('a[href*="0015g00000HAVBRYAA"]').first().click();
  await expect(page).toHaveURL(/0015g00000HAVBRYAA/);
  await expect(panel.locator('[data-entity-kind="account"][data-entity-id="a-havbryggen"]').first()).toBeVisible();
  const view = await settledView(page);
  expect(view.entities.find((e: any) => e.focal)?.id).toBe('a-havbryggen');
  expect(view.entities.map((e: any) => e.id)).not.toContain('a-nordlicht');
  await expect(panel.locator('[data-entity-id="a-nordlicht"]')).toHaveCount(0);
});
