/**
 * Issue 11, the administrator's sections: Policy lists every key of the
 * schema (here none is set) with the extension's real id and a ready example
 * for it; Privacy and Data sources say the same sentence about what leaves
 * the browser; Diagnostics shows the version and exports a report in which
 * no word of the demo pages visited appears.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';

const POLICY_KEY_COUNT = Object.keys((JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as { properties: object }).properties).length;

test('policy: every key, "not set", the extension id and a ready example; privacy and sources agree', async ({ kenner, extensionId }) => {
  const options = await kenner.openOptions('#policy');
  const rows = options.locator('[data-policy-key]');
  await expect(rows).toHaveCount(POLICY_KEY_COUNT);
  await expect(options.locator('[data-policy-key][data-set="true"]')).toHaveCount(0);
  await expect(options.locator('[data-policy-key="graphServiceUrl"]')).toContainText('not set');
  await expect(options.getByTestId('extension-id')).toHaveText(extensionId);
  await options.getByText(/Chrome policy file/).click();
  const json = JSON.parse((await options.locator('[data-policy-example="json"] pre').textContent())!) as { '3rdparty': { extensions: Record<string, object> } };
  expect(Object.keys(json['3rdparty'].extensions)).toEqual([extensionId]);
  expect(Object.keys(json['3rdparty'].extensions[extensionId])).toHaveLength(POLICY_KEY_COUNT);
  const axe = await new AxeBuilder({ page: options }).include('main').analyze();
  expect(axe.violations).toEqual([]);

  // Privacy and Data sources: one sentence about what leaves the browser.
  await options.goto(kenner.extUrl('options.html#privacy'));
  const privacy = (await options.locator('[data-privacy-leaves]').first().textContent())!;
  expect(privacy).toContain('search');
  await options.goto(kenner.extUrl('options.html#data'));
  await expect(options.locator('[data-privacy-leaves]').first()).toHaveText(privacy);
});

test('diagnostics: the version, and an exported report with no word of the pages visited', async ({ kenner }) => {
  test.setTimeout(120_000);
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  // Pages with customers, colleagues and mail text on them.
  const words = new Set<string>();
  for (const path of ['/lightning/r/Account/0015g00000NRDLCHAA/view', '/agent/tickets/48213', '/mail/inbox/id/AAQkAGI2']) {
    const page = await kenner.openDemoPage(path);
    await expect.poll(async () => Object.keys(await kenner.highlights(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const text = await page.evaluate(() => document.body.innerText);
    // Distinctive words of the page: long enough not to be a report's own word.
    for (const w of text.match(/[\p{L}][\p{L}\d-]{6,}/gu) ?? []) words.add(w.toLowerCase());
    await page.close();
  }
  expect(words.size).toBeGreaterThan(20);

  const options = await kenner.openOptions('#diagnostics');
  const manifest = await kenner.context.serviceWorkers()[0].evaluate<{ version: string }>(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest());
  await expect(options.getByTestId('version')).toHaveText(`Kenner version ${manifest.version}`);
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export report' }).click()]);
  const report = readFileSync(await download.path(), 'utf8');
  const parsed = JSON.parse(report) as { version: string; adapters: Array<{ adapter: string; pagesSeen: number }> };
  expect(parsed.version).toBe(manifest.version);
  expect(parsed.adapters.find((a) => a.adapter === 'salesforce')?.pagesSeen).toBeGreaterThan(0);
  // Words that are the report's own (its field names, adapters, the browser's user agent) are not page text.
  const own = new Set((report.match(/[\p{L}][\p{L}\d-]{6,}/gu) ?? []).map((w) => w.toLowerCase()));
  const leaked = [...words].filter((w) => own.has(w) && !/^(salesforce|outlook|zendesk|freshdesk|hubspot|dynamics|chrome|chromium|mozilla|windows|interactions|contacts|contact|accounts|account|topics|topic|people)$/.test(w));
  expect(leaked).toEqual([]);
  await expect(options.getByRole('status').filter({ hasText: 'Report saved' })).toBeVisible();
});
