/**
 * Spotting on every demo page (issue "Spotting"): exactly the entities each
 * page's expectation file names are found (focal record included), the near
 * misses are not highlighted, and in-app navigation replaces the record.
 */
import type { Page } from '@playwright/test';
import { test, expect, KennerHelpers, launchWithExtension } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { listDemoPages, startDemoServer } from '../../scripts/demo-server.mjs';
import type { TabView } from '../../utils/messaging/protocol';

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
async function tabView(page: Page): Promise<TabView | null> {
  return kenner.storedTabView(await kenner.tabIdOf(page));
}

/** Customers a probe can name: in the graph, matched anywhere on a page, and on none of the pages. */
const PROBES = [
  { id: 'a-brightwater', name: 'Brightwater Retail plc' },
  { id: 'a-solvik', name: 'Solvik Energi AB' },
  { id: 'a-vandijk', name: 'Van Dijk Installatietechniek B.V.' },
];

/**
 * Waits until the content script has processed and reported everything it had queued (the first scan,
 * frames, shadow roots, a navigation's rescan): a probe paragraph naming a customer the page does not
 * name is appended, then removed once a report has it; the engine works through one queue, so the report
 * without it comes after all earlier work. Then the view is the page's complete answer.
 */
async function settledView(page: Page, notOnPage: string[] = []): Promise<TabView> {
  await expect.poll(async () => (await tabView(page))?.status, { timeout: 20_000 }).toBe('ok');
  const probe = PROBES.find((p) => !notOnPage.includes(p.id))!;
  const hasProbe = async () => ((await tabView(page))?.entities ?? []).some((e) => e.id === probe.id);
  await page.evaluate((text) => {
    const p = document.createElement('p');
    p.id = 'kenner-e2e-probe';
    p.textContent = text;
    document.body.append(p);
  }, `Probe: ${probe.name}.`);
  await expect.poll(hasProbe, { timeout: 20_000, message: `probe ${probe.id} reported` }).toBe(true);
  await page.evaluate(() => document.getElementById('kenner-e2e-probe')?.remove());
  await expect.poll(hasProbe, { timeout: 20_000, message: `probe ${probe.id} removal reported` }).toBe(false);
  return (await tabView(page))!;
}

for (const { name, expectation } of pages) {
  test(`${name}: finds exactly the expected entities and none of the near misses`, async () => {
    const page = await kenner.openDemoPage(expectation.url);
    // Frames and shadow roots are scanned in later batches: once all of them are reported, the set must be exact.
    const view = await settledView(page, expectation.entities.map((e) => e.id));
    const expected = expectation.entities.map((e) => `${e.kind}:${e.id}`).sort();
    expect(view.entities.map((e) => `${e.kind}:${e.id}`).sort()).toEqual(expected);
    const focal = view.entities.filter((e) => e.focal).map((e) => `${e.kind}:${e.id}`);
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
  // Everything the content script does after the navigation (the rescan included) is reported by now.
  const view = await settledView(page, ['a-nordlicht', 'a-havbryggen']);
  expect(view.entities.find((e) => e.focal)?.id).toBe('a-havbryggen');
  expect(view.entities.map((e) => e.id)).not.toContain('a-nordlicht');
  // The panel shows exactly that view's entities (so not the previous record).
  const chips = () => panel.locator('[data-entity-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-entity-id')).sort());
  await expect.poll(chips).toEqual(view.entities.map((e) => e.id).sort());
});
