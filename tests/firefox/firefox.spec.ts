/**
 * Kenner in Firefox (issue 17): the Firefox e2e build installed into firefox-esr with WebDriver
 * BiDi's webExtension.install; import through the options page, spotting and highlights on the
 * demo Salesforce and Gmail pages, the sidebar listing colleagues, popup search; and what differs
 * from Chromium: MV2 with a sidebar_action, no storage.managed without an enterprise policy,
 * the CSS Custom Highlight API from a content script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, FIREFOX_E2E_BUILD, waitForText, type FirefoxKenner, type FirefoxLaunch } from './harness';
import { mostRecentDealWinner, smallDemoGraph, toNdjson, writeTemp } from '../e2e/graph-files';
import { listDemoPages, startDemoServer } from '../../scripts/demo-server.mjs';
import type { Graph } from '../../utils/graph/model';

const SF_ACCOUNT = '/lightning/r/Account/0015g00000NRDLCHAA/view';

let server: { url: string; close(): Promise<void> };
let ff: FirefoxLaunch | undefined;
test.beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
test.afterAll(async () => {
  await server?.close();
});
test.afterEach(async () => {
  await ff?.close();
  ff = undefined;
});

/** Pure lime pixels in the middle of the viewport (a screenshot decoded in the page; nothing enters its tree). */
async function limePixels(page: Page): Promise<number> {
  const png = await page.screenshot({ encoding: 'base64', clip: { x: 300, y: 200, width: 60, height: 60 } });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const g = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    const d = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0 && d[i + 1] === 255 && d[i + 2] === 0) n++;
    return n;
  }, png);
}

async function withImport(): Promise<{ kenner: FirefoxKenner; graph: Graph; status: string }> {
  ff = await launchFirefox({ demoUrl: server.url });
  const graph = smallDemoGraph();
  const status = await ff.kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);
  return { kenner: ff.kenner, graph, status };
}

test('import through the options page; Salesforce account: highlights, and the sidebar ranks the latest deal winner first', async () => {
  const { kenner, graph, status } = await withImport();
  expect(ff!.addonId).toBe('kenner@kenner.example');
  expect(status.replace(/(\d)[,.\u00a0\u202f ](?=\d{3})/g, '$1')).toContain(`${graph.interactions.length} interactions`);

  const page = await kenner.openDemoPage(SF_ACCOUNT);
  // Firefox 153 has the CSS Custom Highlight API: the content script's highlights are the page's own.
  await expect.poll(async () => (await kenner.highlights(page))['kenner-account'] ?? 0).toBeGreaterThan(0);
  expect(await kenner.highlightedTexts(page, 'kenner-account')).toContain('Nordlicht Logistik GmbH');
  expect(await page.$$eval('mark, [data-kenner]', (els) => els.length)).toBe(0);

  // The overlay is a popover in the top layer, and its own `:host::backdrop` rule keeps a page's
  // `::backdrop` style (here opaque lime) from covering the page under it. The rule does cover the page
  // under the page's own popover; once that one is hidden, the page shows again, Kenner's overlay open.
  expect(await page.evaluate(() => document.querySelector('kenner-marks')?.matches(':popover-open'))).toBe(true);
  await page.addStyleTag({ content: '::backdrop{background:rgb(0,255,0)!important;display:block!important}' });
  await page.evaluate(() => {
    const own = document.createElement('div');
    own.id = 'page-popover';
    own.popover = 'manual';
    document.body.append(own);
    own.showPopover();
  });
  await expect.poll(() => limePixels(page)).toBeGreaterThan(0);
  await page.evaluate(() => document.getElementById('page-popover')!.hidePopover());
  await expect.poll(() => limePixels(page)).toBe(0);
  expect(await page.evaluate(() => document.querySelector('kenner-marks')?.matches(':popover-open'))).toBe(true);

  const sidebar = await kenner.openSidebar(await kenner.tabIdOf(page));
  await sidebar.waitForSelector('[data-entity-kind="account"][data-entity-id="a-nordlicht"]', { visible: true });
  await expect.poll(async () => (await kenner.attrs(sidebar, '[data-person-id]:not([data-involved])', 'data-person-id')).length).toBeGreaterThanOrEqual(3);
  expect((await kenner.attrs(sidebar, '[data-person-id]:not([data-involved])', 'data-person-id'))[0]).toBe(mostRecentDealWinner(graph, 'a-nordlicht'));
});

test('Gmail thread: the expected customers, contacts and topics are highlighted, and the sidebar lists them with colleagues', async () => {
  const { kenner } = await withImport();
  const thread = listDemoPages().find((p) => p.name === 'gmail/thread')!.expectation;
  const page = await kenner.openDemoPage(thread.url);
  for (const m of thread.mustMatch) {
    await expect.poll(async () => kenner.highlightedTexts(page, `kenner-${m.kind}`), { message: m.text }).toContain(m.text);
  }
  const sidebar = await kenner.openSidebar(await kenner.tabIdOf(page));
  for (const e of thread.entities) await sidebar.waitForSelector(`[data-entity-kind="${e.kind}"][data-entity-id="${e.id}"]`);
  await sidebar.waitForSelector('[data-person-id]', { visible: true });
  // Nothing found that the page does not name.
  const shown = await sidebar.$$eval('[data-entity-kind][data-entity-id]', (els) => [...new Set(els.map((e) => `${e.getAttribute('data-entity-kind')}:${e.getAttribute('data-entity-id')}`))]);
  expect(shown.sort()).toEqual(thread.entities.map((e) => `${e.kind}:${e.id}`).sort());
});

test('popup search finds names with diacritics typed without them', async () => {
  const { kenner } = await withImport();
  const popup = await kenner.openExtensionPage('popup.html');
  const box = await popup.waitForSelector('::-p-aria(Search colleagues)');
  await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '')).not.toBe('');
  for (const [query, id] of [
    ['jorg baum', 'p-joerg'],
    ['soren', 'p-soren'],
    ['asa nyst', 'p-asa'],
    ['zoe van den', 'p-zoe'],
  ]) {
    await box!.click({ count: 3 });
    await box!.type(query);
    await popup.waitForSelector(`[data-person-id="${id}"]`, { visible: true });
  }
});

test('Firefox differences: MV2 with a sidebar_action, no sidePanel API, no managed storage without a policy', async () => {
  const manifest = JSON.parse(readFileSync(path.join(FIREFOX_E2E_BUILD, 'manifest.json'), 'utf8')) as Record<string, unknown> & { permissions: string[] };
  expect(manifest.manifest_version).toBe(2);
  expect(manifest.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
  expect(manifest.side_panel).toBeUndefined();
  expect(manifest.permissions).not.toContain('sidePanel');
  // MV2 has no optional_host_permissions: custom sites and graph services are asked for through optional_permissions.
  expect(manifest.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
  expect(manifest.background).toEqual({ scripts: ['background.js'] });
  // The keyboard shortcut is Firefox's own sidebar command.
  expect(Object.keys(manifest.commands as object)).toEqual(['_execute_sidebar_action']);

  ff = await launchFirefox({ demoUrl: server.url });
  const { kenner } = ff;
  const apis = await kenner.inExtension(async () => {
    const b = (globalThis as unknown as { browser: Record<string, unknown> & { storage: { managed: { get(k: null): Promise<object> } } } }).browser;
    const managed = await b.storage.managed.get(null).then(
      () => 'available',
      (e: Error) => `refused: ${e.message}`,
    );
    return { sidePanel: typeof b.sidePanel, sidebarAction: typeof b.sidebarAction, managed };
  }, null);
  expect(apis.sidePanel).toBe('undefined');
  expect(apis.sidebarAction).toBe('object');
  expect(apis.managed).toMatch(/^refused/);
  // Kenner runs with the user's own settings and says that no policy applies.
  const options = await kenner.openExtensionPage('options.html#policy');
  await waitForText(options, 'section[aria-labelledby="policy-title"] p', /offers no administrator policy/);
  await waitForText(options, 'section[aria-labelledby="policy-title"]', /None: you can change every setting/);
});

test('the sidebar is not opened at install; the popup’s "Open side panel" opens it', async () => {
  ff = await launchFirefox({ demoUrl: server.url });
  const { kenner } = ff;
  const page = await kenner.openDemoPage(SF_ACCOUNT);
  const tabId = await kenner.tabIdOf(page);
  const isOpen = () => kenner.inExtension(async () => (globalThis as unknown as { browser: { sidebarAction: { isOpen(d: object): Promise<boolean> } } }).browser.sidebarAction.isOpen({}), null);
  // open_at_install: false (Firefox would otherwise open every new add-on's sidebar at installation, force-installed ones included).
  expect(await isOpen()).toBe(false);
  const popup = await kenner.openExtensionPage(`popup.html?tab=${tabId}`);
  const button = await popup.waitForSelector('::-p-aria(Open side panel[role="button"])');
  await button!.click();
  await expect.poll(isOpen).toBe(true);
});
