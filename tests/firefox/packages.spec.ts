/**
 * The AMO package (issue 17): Firefox installs the zip of `npm run zip` with WebDriver BiDi's
 * webExtension.install, and it works as the store build: an import through the options page,
 * popup search, and no activity on localhost (not a built-in site).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { launchFirefox, GECKO_ID, waitForText, type FirefoxLaunch } from './harness';
import { smallDemoGraph, toNdjson, writeTemp } from '../e2e/graph-files';
import { startDemoServer } from '../../scripts/demo-server.mjs';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
let server: { url: string; close(): Promise<void> };
let ff: FirefoxLaunch | undefined;
test.beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
test.afterAll(async () => {
  await ff?.close();
  await server?.close();
});

test('Firefox installs the AMO zip; it imports, searches, and stays off localhost', async () => {
  const zip = path.resolve(`.output/kenner-${version}-firefox.zip`);
  expect(existsSync(zip), `${zip} (npm run zip)`).toBe(true);
  ff = await launchFirefox({ demoUrl: server.url, extension: zip });
  expect(ff.addonId).toBe(GECKO_ID);
  const { kenner } = ff;
  expect(await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))])).toMatch(/interactions/);

  const popup = await kenner.openExtensionPage('popup.html');
  const box = await popup.waitForSelector('::-p-aria(Search colleagues)');
  await box!.type('soren');
  await popup.waitForSelector('[data-person-id="p-soren"]', { visible: true });

  const page = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
  const sidebar = await kenner.openSidebar(await kenner.tabIdOf(page));
  await waitForText(sidebar, '[role="status"]', /not enabled/i);
  expect(Object.keys(await kenner.highlights(page))).toEqual([]);
});
