/**
 * Administrator policy in Firefox (issue 17): an enterprise policies.json with
 * `3rdparty.Extensions["kenner@kenner.example"]` reaches Kenner as storage.managed.
 * The policy file is read from a temporary copy of the Firefox installation
 * (harness.ts: installationWithPolicy), so the machine's Firefox is untouched.
 */
import { test, expect } from '@playwright/test';
import { launchFirefox, GECKO_ID, waitForText, type FirefoxLaunch } from './harness';
import { smallDemoGraph, toNdjson, writeTemp } from '../e2e/graph-files';
import { startDemoServer } from '../../scripts/demo-server.mjs';

let server: { url: string; close(): Promise<void> };
let ff: FirefoxLaunch | undefined;
test.beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
test.afterAll(async () => {
  await ff?.close();
  await server?.close();
});

test('a policies.json locks settings: the options page shows them locked, and the page follows them', async () => {
  ff = await launchFirefox({
    demoUrl: server.url,
    policies: { policies: { '3rdparty': { Extensions: { [GECKO_ID]: { highlight: false, allowDemo: false, logRetentionDays: 14 } } } } },
  });
  const { kenner } = ff;
  const managed = await kenner.inExtension(async () => (globalThis as unknown as { browser: { storage: { managed: { get(k: null): Promise<object> } } } }).browser.storage.managed.get(null), null);
  expect(managed).toEqual({ highlight: false, allowDemo: false, logRetentionDays: 14 });

  const options = await kenner.openExtensionPage('options.html#page');
  const highlight = await options.waitForSelector('::-p-aria(Highlight names[role="switch"])');
  expect(await highlight!.evaluate((el) => ({ checked: (el as HTMLInputElement).checked, disabled: (el as HTMLInputElement).disabled }))).toEqual({ checked: false, disabled: true });
  // The lock note is the switch's description: "Set by your organisation's administrator".
  expect(await highlight!.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '))).toContain("Set by your organisation's administrator");

  await options.evaluate(() => (location.hash = '#policy'));
  const policy = 'section[aria-labelledby="policy-title"]';
  await waitForText(options, `${policy} li`, /Highlight names|highlight/i);
  // Every policy key is listed with its value in force ("not set" for the others).
  await waitForText(options, `${policy} [data-policy-key="allowDemo"]`, /Demo graph\s*No/);
  await waitForText(options, `${policy} [data-policy-key="clientId"]`, /not set/);
  const text = await waitForText(options, policy, /logRetentionDays/);
  expect(text).not.toMatch(/offers no administrator policy/);

  // In force in the page: the sidebar lists what the content script found, and no kenner-* highlight exists.
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  const page = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
  const sidebar = await kenner.openSidebar(await kenner.tabIdOf(page));
  await sidebar.waitForSelector('[data-entity-kind="account"][data-entity-id="a-nordlicht"]');
  await sidebar.waitForSelector('[data-person-id]', { visible: true });
  expect(Object.keys(await kenner.highlights(page)).filter((n) => n.startsWith('kenner-'))).toEqual([]);
});
