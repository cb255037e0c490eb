/**
 * Administrator policy in real Chromium (issue 10): a policy file in
 * Chromium's managed-policy folder (/etc/chromium/policies/managed, read at
 * start-up; the 3rdparty section gives the extension its managed storage),
 * against the STORE build (its manifest key gives the id the policy names),
 * on real hostnames. One value is invalid; every other key must still be in
 * force, in the options page and in the page itself.
 *
 * Writing that folder needs root (as in CI, which runs as root); the file is
 * removed afterwards, and the test refuses to run over a policy file it did
 * not write.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { KennerHelpers, launchWithExtension } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { startDemoServer } from '../../scripts/demo-server.mjs';

const STORE_BUILD = path.resolve('.output/chrome-mv3');
/** The id the store build's manifest key gives (wxt.config.ts, CHROME_EXTENSION_ID). */
const CHROME_EXTENSION_ID = 'fncnijbmoeiebhajnkggnibgfkdnkloh';
/** The id Chromium gives an unpacked extension without a key (after `npm run zip`, the store build has none): from its path. */
const pathId = (dir: string) => [...createHash('sha256').update(dir).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'kenner-e2e-test.json');
const SF = 'kennerdemo.lightning.force.com';
const ZD = 'acme.zendesk.com';

const canWrite = process.getuid?.() === 0 && (!existsSync(POLICY_DIR) || readdirSync(POLICY_DIR).every((f) => f === path.basename(POLICY_FILE)));

test.skip(!canWrite, `needs root and an empty ${POLICY_DIR} (CI runs as root)`);

test('a policy with invalid keys (an http:// service among them) keeps every other key in force, in the options page and in the page', async () => {
  mkdirSync(POLICY_DIR, { recursive: true });
  const policy = {
    logRetentionDays: 5000, // invalid: more than Kenner keeps (3650)
    graphServiceUrl: 'http://graph.kenner.example/', // invalid: a bearer token would go out in cleartext
    kinds: { contact: false },
    sites: { '*': false, salesforce: true },
  };
  const ids = [CHROME_EXTENSION_ID, pathId(STORE_BUILD)];
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: Object.fromEntries(ids.map((id) => [id, policy])) } }));
  const https = await startDemoServer({ port: 0, https: true });
  const plain = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension({
    extensionDir: STORE_BUILD,
    extraArgs: [`--host-resolver-rules=MAP ${SF} 127.0.0.1:${https.port},MAP ${ZD} 127.0.0.1:${https.port}`, '--ignore-certificate-errors'],
  });
  try {
    expect(ids).toContain(launched.extensionId);
    const kenner = new KennerHelpers(launched.context, launched.extensionId, plain.url);
    await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);

    // The options page names the refused key and why; the others are locked.
    const options = await kenner.openOptions('#policy');
    await expect(options.getByTestId('policy-refused')).toContainText('logRetentionDays');
    // The http:// service address is refused too, and the graph stays local (the import above answers).
    await expect(options.getByTestId('policy-refused')).toContainText('graphServiceUrl');
    const data = await kenner.openOptions('#data');
    await expect(data.getByTestId('sources-section')).toContainText('Answers come from the graph stored in this browser.');
    await expect(options.getByText('What to recognise', { exact: true }).first()).toBeVisible();

    // The Salesforce page: accounts are found, contacts (switched off by policy) are not.
    const page = await launched.context.newPage();
    await page.goto(`https://${SF}/lightning/r/Account/0015g00000NRDLCHAA/view`);
    const tabId = await kenner.tabIdOf(page);
    await expect.poll(async () => (await kenner.storedTabView(tabId))?.entities.map((e) => e.id) ?? []).toContain('a-nordlicht');
    const kinds = new Set((await kenner.storedTabView(tabId))!.entities.map((e) => e.kind));
    expect(kinds.has('contact')).toBe(false);

    // Zendesk is off by the policy's "*": the side panel says so.
    const zd = await launched.context.newPage();
    await zd.goto(`https://${ZD}/agent/tickets/1`);
    const panel = await kenner.openSidePanel(await kenner.tabIdOf(zd));
    await expect(panel.getByRole('status').first()).toContainText(/not enabled/i);
  } finally {
    await launched.close();
    await https.close();
    await plain.close();
    rmSync(POLICY_FILE, { force: true });
  }
});
