/**
 * The store build on real hostnames: the demo Salesforce page served over
 * HTTPS as kennerdemo.lightning.force.com (Chromium's host resolver maps the
 * name to the local server), so the manifest's match patterns apply exactly as
 * in production; and localhost is not an enabled site in this build.
 */
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { KennerHelpers, launchWithExtension } from './fixtures';
import { mostRecentDealWinner, smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { startDemoServer } from '../../scripts/demo-server.mjs';

const STORE_BUILD = path.resolve('.output/chrome-mv3');
const HOST = 'kennerdemo.lightning.force.com';

test('store build: runs on the real Salesforce host, not on localhost', async () => {
  const https = await startDemoServer({ port: 0, https: true });
  const plain = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension({
    extensionDir: STORE_BUILD,
    extraArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1:${https.port}`, '--ignore-certificate-errors'],
  });
  try {
    const kenner = new KennerHelpers(launched.context, launched.extensionId, plain.url);
    const graph = smallDemoGraph();
    await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);

    const page = await launched.context.newPage();
    await page.goto(`https://${HOST}/lightning/r/Account/0015g00000NRDLCHAA/view`);
    await expect.poll(() => kenner.seenIds(page)).toContain('a-nordlicht');
    // Drawn in Kenner's closed overlay; the page's shared highlight registry stays empty in this build.
    expect(await page.evaluate(() => [document.querySelectorAll('kenner-marks').length, CSS.highlights.size])).toEqual([1, 0]);
    const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
    await expect(panel.locator('[data-entity-kind="account"][data-entity-id="a-nordlicht"]').first()).toBeVisible();
    await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toHaveAttribute('data-person-id', mostRecentDealWinner(graph, 'a-nordlicht'));

    const local = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
    const localPanel = await kenner.openSidePanel(await kenner.tabIdOf(local));
    await expect(localPanel.getByRole('status').first()).toContainText(/not enabled/i);
    expect(await local.evaluate(() => document.querySelectorAll('kenner-marks, kenner-hovercard').length)).toBe(0);
  } finally {
    await launched.close();
    await https.close();
    await plain.close();
  }
});
